#!/usr/bin/env node
// Size of each widget before its first render: the registering module bundled with everything it
// imports statically (Lit included), minified, with lazily imported chunks (charts) left out —
// what a page downloads before the element can paint. Printed like Material's size table and
// compared with the pinned budget in bench/size/budget.json.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const widgetsDir = 'packages/widgets/src';
const entries = existsSync(widgetsDir)
  ? readdirSync(widgetsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(join(widgetsDir, d.name))
          .filter((f) => /^crm-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
          .map((f) => ({ name: f.replace(/\.ts$/, ''), path: join(widgetsDir, d.name, f) })),
      )
  : [];

const budget = existsSync('bench/size/budget.json') ? JSON.parse(readFileSync('bench/size/budget.json', 'utf8')) : {};
const limitKb = budget.limitKb ?? 35;
let over = 0;
console.log(`${'component'.padEnd(28)} ${'gzip'.padStart(9)} ${'min'.padStart(9)}`);
for (const entry of entries) {
  const out = mkdtempSync(join(tmpdir(), 'crmkit-size-'));
  const result = await build({
    entryPoints: [entry.path],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    outdir: out,
    write: true,
    metafile: true,
    conditions: ['crmkit-source'],
    target: 'es2022',
    logLevel: 'silent',
    tsconfig: 'tsconfig.base.json',
  });
  // Only the entry and the chunks it imports statically count; dynamic-import chunks load later.
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
  let gz = 0;
  for (const f of seen) {
    const buf = readFileSync(f);
    min += statSync(f).size;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  rmSync(out, { recursive: true, force: true });
  const gzKb = gz / 1024;
  if (gzKb > limitKb) over++;
  console.log(`${entry.name.padEnd(28)} ${(gzKb.toFixed(1) + ' kB').padStart(9)} ${((min / 1024).toFixed(1) + ' kB').padStart(9)}`);
  console.log(`size.${entry.name}.gzip: ${gzKb.toFixed(1)} kB (budget ${limitKb} kB)`);
}
if (!entries.length) console.log('size: no widgets yet');
process.exit(over ? 1 : 0);
