#!/usr/bin/env node
// Shared UI data paths on 100,000 rows: the data table's sort (sortRows, collation + numbers),
// CSV export (toCsv) and XLSX export (toXlsx, fflate). Prints `name: value unit` lines.
// No peer is named for these; SheetJS is deliberately not used (see packages/core/src/export).
//   node bench/export/run.mjs [--rows 100000] [--runs 3]
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROWS = arg('rows', 100_000);
const RUNS = arg('runs', 3);

const dir = mkdtempSync(join(tmpdir(), 'crmkit-bench-export-'));
try {
  const entry = join(dir, 'entry.ts');
  const core = join(here, '../../packages/core/src');
  writeFileSync(
    entry,
    `export { toCsv, toXlsx } from ${JSON.stringify(join(core, 'export/index.ts'))};\n` +
      `export { sortRows } from ${JSON.stringify(join(core, 'ui/data-table/columns.ts'))};\n`,
  );
  const out = join(dir, 'bundle.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: out, conditions: ['crmkit-source'], logLevel: 'error' });
  const { toCsv, toXlsx, sortRows } = await import(pathToFileURL(out).href);

  const titles = ['Пролонгация КАСКО', 'Ипотека', 'ОСАГО "Семья"', 'Страхование; квартиры', '=cmd', 'Новый клиент\nзвонок'];
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    id: i + 1,
    title: `${titles[i % titles.length]} ${i}`,
    amount: ((i * 7919) % 1_000_000) / 100,
    at: new Date(Date.UTC(2025, 0, 1) + ((i * 104729) % 31_536_000) * 1000),
    won: i % 3 === 0,
  }));
  const columns = [
    { key: 'id', label: 'ID', value: (r) => r.id },
    { key: 'title', label: 'Название', value: (r) => r.title },
    { key: 'amount', label: 'Сумма', value: (r) => r.amount },
    { key: 'at', label: 'Дата', value: (r) => r.at },
    { key: 'won', label: 'Выиграна', value: (r) => r.won },
  ];

  const best = (fn) => {
    let min = Infinity;
    let result;
    for (let k = 0; k < RUNS; k++) {
      const t = performance.now();
      result = fn();
      min = Math.min(min, performance.now() - t);
    }
    return [min, result];
  };

  const [sortText] = best(() => sortRows(rows, columns[1], 'asc', 'ru'));
  const [sortNumber] = best(() => sortRows(rows, columns[2], 'desc', 'ru'));
  const [csvMs, csv] = best(() => toCsv(rows, columns, { lang: 'ru', timeZone: 'Europe/Moscow' }));
  const [xlsxMs, xlsx] = best(() => toXlsx([{ name: 'Сделки', rows, columns }], { timeZone: 'Europe/Moscow' }));

  console.log(`rows: ${ROWS} rows`);
  console.log(`table sort by text (${ROWS}): ${sortText.toFixed(1)} ms`);
  console.log(`table sort by number (${ROWS}): ${sortNumber.toFixed(1)} ms`);
  console.log(`csv export (${ROWS}): ${csvMs.toFixed(1)} ms`);
  console.log(`csv size: ${(csv.length / 1e6).toFixed(2)} MB`);
  console.log(`xlsx export (${ROWS}): ${xlsxMs.toFixed(1)} ms`);
  console.log(`xlsx size: ${(xlsx.byteLength / 1e6).toFixed(2)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
