// What a widget's first download is made of: bundles its registering module like
// bench/size/measure.mjs (splitting on, lazy chunks excluded) and lists the largest inputs.
// node scripts/dev/bundle-composition.mjs packages/widgets/src/client-base/crm-client-base.ts
import { build } from 'esbuild';
const r = await build({ entryPoints: [process.argv[2]], bundle: true, minify: true, format: 'esm', splitting: true, write: false, metafile: true, conditions: ['crmkit-source'], target: 'es2022', logLevel: 'silent', tsconfig: 'tsconfig.base.json', outdir: '/tmp/composition' });
const outputs = r.metafile.outputs;
const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint);
const seen = new Set();
const walk = (f) => { if (seen.has(f)) return; seen.add(f); for (const i of outputs[f]?.imports ?? []) if (i.kind === 'import-statement') walk(i.path); };
walk(entry);
const byDir = {};
for (const f of seen) for (const [k, v] of Object.entries(outputs[f].inputs)) {
  const d = k.replace(/^(node_modules\/(@[^/]+\/)?[^/]+|packages\/[^/]+\/src\/[^/]+(\/[^/]+)?).*/, '$1');
  byDir[d] = (byDir[d] ?? 0) + v.bytesInOutput;
}
console.log(Object.entries(byDir).sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, b]) => `${(b / 1024).toFixed(1).padStart(6)} kB  ${k}`).join('\n'));
