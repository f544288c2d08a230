#!/usr/bin/env node
// `npm run bench`: runs every benchmark area (`bench/<area>/run.mjs`) one after another, echoes
// what each prints, and ends with one table of every `name: value unit` figure they printed.
// Timings live here, never in tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const areas = readdirSync('bench', { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join('bench', e.name, 'run.mjs')))
  .map((e) => e.name)
  .filter((a) => only.length === 0 || only.includes(a))
  .sort();

const rows = [];
let failures = 0;
for (const area of areas) {
  console.log(`\n== bench/${area} ==`);
  const started = Date.now();
  const r = spawnSync('node', [join('bench', area, 'run.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=crmkit-source`.trim() },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 20 * 60 * 1000,
  });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  if (r.status !== 0) {
    failures++;
    rows.push({ area, name: '(failed)', value: `exit ${r.status ?? r.signal}` });
  }
  for (const line of (r.stdout ?? '').split('\n')) {
    const m = line.match(/^\s*([\w.\-/×x ]+?):\s+(.+)$/);
    if (m && /\d/.test(m[2])) rows.push({ area, name: m[1].trim(), value: m[2].trim() });
  }
  console.log(`(bench/${area}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

console.log('\n== Summary ==');
const w1 = Math.max(4, ...rows.map((r) => r.area.length));
const w2 = Math.max(6, ...rows.map((r) => r.name.length));
console.log(`${'area'.padEnd(w1)}  ${'figure'.padEnd(w2)}  value`);
for (const r of rows) console.log(`${r.area.padEnd(w1)}  ${r.name.padEnd(w2)}  ${r.value}`);
process.exit(failures ? 1 : 0);
