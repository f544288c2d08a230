#!/usr/bin/env node
// The size table (Material's `Component | gzip | min`) against the budget and the pinned sizes in
// bench/size/sizes.json. `node bench/size/run.mjs --pin` re-pins after a deliberate change;
// tests/node/size.test.ts fails on any growth beyond the pin.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { measureSizes } from './measure.mjs';

const budget = JSON.parse(readFileSync('bench/size/budget.json', 'utf8'));
const pinnedPath = 'bench/size/sizes.json';
const pinned = existsSync(pinnedPath) ? JSON.parse(readFileSync(pinnedPath, 'utf8')) : {};
const sizes = await measureSizes();
console.log(`${'component'.padEnd(28)} ${'gzip'.padStart(9)} ${'min'.padStart(9)} ${'pinned'.padStart(9)}`);
for (const s of sizes) {
  console.log(`${s.name.padEnd(28)} ${`${s.gzipKb} kB`.padStart(9)} ${`${s.minKb} kB`.padStart(9)} ${`${pinned[s.name] ?? '-'} kB`.padStart(9)}`);
}
for (const s of sizes) console.log(`size.${s.name}.gzip: ${s.gzipKb} kB (budget ${budget.limitKb} kB)`);
if (process.argv.includes('--pin')) {
  writeFileSync(pinnedPath, `${JSON.stringify(Object.fromEntries(sizes.map((s) => [s.name, s.gzipKb])), null, 2)}\n`);
  console.log(`pinned ${sizes.length} sizes in ${pinnedPath}`);
}
process.exit(sizes.some((s) => s.gzipKb > budget.limitKb) ? 1 : 0);
