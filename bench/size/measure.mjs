// Measures each widget's size before its first render: the registering module bundled with
// everything it imports statically (Lit included), minified and gzipped; chunks it loads later
// with import() (Chart.js) are left out. Shared by bench/size/run.mjs and tests/node/size.test.ts.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function widgetEntries(widgetsDir = 'packages/widgets/src') {
  if (!existsSync(widgetsDir)) return [];
  return readdirSync(widgetsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(widgetsDir, d.name))
        .filter((f) => /^crm-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
        .map((f) => ({ name: f.replace(/\.ts$/, ''), path: join(widgetsDir, d.name, f) })),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function measureSizes(entries = widgetEntries()) {
  const out = [];
  for (const entry of entries) {
    const dir = mkdtempSync(join(tmpdir(), 'crmkit-size-'));
    try {
      const result = await build({
        entryPoints: [entry.path],
        bundle: true,
        minify: true,
        format: 'esm',
        splitting: true,
        outdir: dir,
        write: true,
        metafile: true,
        conditions: ['crmkit-source'],
        target: 'es2022',
        logLevel: 'silent',
        tsconfig: 'tsconfig.base.json',
      });
      const outputs = result.metafile.outputs;
      const entryOut = Object.keys(outputs).find((k) => outputs[k].entryPoint);
      const seen = new Set();
      const walk = (file) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const imp of outputs[file]?.imports ?? []) if (imp.kind === 'import-statement') walk(imp.path);
      };
      walk(entryOut);
      let min = 0;
      let gzip = 0;
      for (const f of seen) {
        min += statSync(f).size;
        gzip += gzipSync(readFileSync(f), { level: 9 }).length;
      }
      out.push({ name: entry.name, gzipKb: Math.round((gzip / 1024) * 10) / 10, minKb: Math.round((min / 1024) * 10) / 10 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
