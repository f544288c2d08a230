#!/usr/bin/env node
// The registry-conversion pivot: 250,000 deals grouped by 5 fields (seller, product, branch,
// channel, registry type), crmkit's dictionary-encoded typed-array pivot against arquero@7.2.1
// doing the same group-by with the same measures on the same data, in the same run.
// crmkit's time includes dictionary-encoding the 5 string columns; arquero's includes building
// its table. crmkit also counts distinct clients and sums their LTV (arquero: distinct only).
// crmkit returns columns (typed arrays), as arquero's rollup does; building row objects for
// display is timed separately. Then the same pivot off the main thread (a worker_threads Worker: round trip and in-worker time).
// Prints `name: value unit` lines and the ratio.
//   node bench/deals/run.mjs [--deals 250000] [--runs 5]
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as aq from 'arquero';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('deals', 250_000);
const RUNS = arg('runs', 5);

// Bundle the pure pivot (TypeScript source) for Node.
const dir = mkdtempSync(join(tmpdir(), 'crmkit-bench-deals-'));
const pivotFile = join(dir, 'pivot.mjs');
await build({
  entryPoints: [join(here, '../../packages/core/src/rules/deals/pivot.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'es2022',
  outfile: pivotFile,
  logLevel: 'error',
});
const { encodeColumn, pivotColumns, pivotRegistry, PIVOT_MEASURES } = await import(pathToFileURL(pivotFile).href);

// --- Data: a seeded insurer portal ----------------------------------------------------------
let seed = 42;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = (list) => list[Math.floor(rnd() * list.length)];
const SELLERS = Array.from({ length: 40 }, (_, i) => `Менеджер ${i + 1}`);
const PRODUCTS = ['Ипотека', 'КАСКО', 'ОСАГО', 'Имущество', 'Здоровье', 'НС', 'ВЗР', 'ДМС'];
const BRANCHES = ['Москва', 'Санкт-Петербург', 'Казань', 'Новосибирск', 'Екатеринбург', 'Самара'];
const CHANNELS = ['Агентская сеть', 'Прямые продажи', 'Банк-партнёр', 'Сайт', 'Колл-центр'];
const TYPES = ['Пролонгация', 'Новый бизнес — тёплый', 'Новый бизнес — холодный', 'Кросс-продажа'];
const CLIENTS = Math.floor(N / 2.5);

const seller = new Array(N), product = new Array(N), branch = new Array(N), channel = new Array(N), regType = new Array(N);
const state = new Uint8Array(N), created = new Uint8Array(N), kind = new Uint8Array(N), disagree = new Uint8Array(N);
const wonSum = new Float64Array(N), client = new Int32Array(N);
for (let i = 0; i < N; i++) {
  seller[i] = pick(SELLERS);
  product[i] = pick(PRODUCTS);
  branch[i] = pick(BRANCHES);
  channel[i] = pick(CHANNELS);
  regType[i] = pick(TYPES);
  const r = rnd();
  state[i] = r < 0.15 ? 0 : r < 0.55 ? 1 : r < 0.8 ? 2 : 3;
  created[i] = rnd() < 0.6 ? 1 : 0;
  kind[i] = 1 + Math.floor(rnd() * 3);
  disagree[i] = rnd() < 0.02 ? 1 : 0;
  wonSum[i] = state[i] === 2 ? Math.round(5000 + rnd() * 95000) : 0;
  client[i] = Math.floor(rnd() * CLIENTS);
}
const clientLtv = Float64Array.from({ length: CLIENTS }, () => Math.round(rnd() * 300000));
const clientNewLtv = clientLtv.map((x) => x * 0.6);
const dealIds = Array.from({ length: N }, (_, i) => String(i + 1));
const dimsRaw = [
  ['responsibleId', seller],
  ['product', product],
  ['fields.UF_CRM_BRANCH', branch],
  ['fields.UF_CRM_CHANNEL', channel],
  ['fields.UF_CRM_REGISTRY_TYPE', regType],
];

function crmkitTable() {
  const dims = dimsRaw.map(([key, values]) => encodeColumn(key, key, N, (i) => [values[i]], (v) => v, '—', (i) => values[i]));
  return { n: N, dealIds, state, created, kind, disagree, wonSum, client, clientLtv, clientNewLtv, dims };
}
const LEVELS = [0, 1, 2, 3, 4];
// Like arquero's rollup, the result is columnar (typed arrays, no object per group).
function crmkitPivot() {
  return pivotColumns(crmkitTable(), LEVELS);
}

// Arquero: the same columns, the same group-by and measures.
const isNew = Uint8Array.from(state, (s) => (s === 0 ? 1 : 0));
const inWork = Uint8Array.from(state, (s) => (s === 1 ? 1 : 0));
const won = Uint8Array.from(state, (s) => (s === 2 ? 1 : 0));
const lost = Uint8Array.from(state, (s) => (s === 3 ? 1 : 0));
const createdWon = Uint8Array.from(state, (s, i) => (s === 2 && created[i] ? 1 : 0));
const saleNew = Uint8Array.from(state, (s, i) => (s === 2 && kind[i] === 1 ? 1 : 0));
const saleCross = Uint8Array.from(state, (s, i) => (s === 2 && kind[i] === 2 ? 1 : 0));
const saleProl = Uint8Array.from(state, (s, i) => (s === 2 && kind[i] === 3 ? 1 : 0));
function arqueroPivot() {
  const t = aq.table({ seller, product, branch, channel, regType, isNew, inWork, won, lost, created, createdWon, wonSum, saleNew, saleCross, saleProl, disagree, client });
  return t
    .groupby('seller', 'product', 'branch', 'channel', 'regType')
    .rollup({
      loaded: aq.op.count(),
      stillNew: aq.op.sum('isNew'),
      inWork: aq.op.sum('inWork'),
      won: aq.op.sum('won'),
      lost: aq.op.sum('lost'),
      created: aq.op.sum('created'),
      createdWon: aq.op.sum('createdWon'),
      wonSum: aq.op.sum('wonSum'),
      newSales: aq.op.sum('saleNew'),
      crossSales: aq.op.sum('saleCross'),
      prolongations: aq.op.sum('saleProl'),
      disagreements: aq.op.sum('disagree'),
      clients: aq.op.distinct('client'),
    });
}

function time(fn) {
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Warm up both, check they agree, then measure alternately.
let mine = crmkitPivot();
let theirs = arqueroPivot();
crmkitPivot();
arqueroPivot();
const theirGroups = theirs.numRows();
const sumCol = (name) => theirs.array(name).reduce((a, b) => a + b, 0);
const mineSum = (measure) => {
  const m = PIVOT_MEASURES.indexOf(measure);
  let s = 0;
  for (let g = 0; g < mine.size; g++) s += mine.data[g * mine.measures + m];
  return s;
};
const agree =
  mine.size === theirGroups &&
  mineSum('wonSum') === sumCol('wonSum') &&
  mineSum('clients') === sumCol('clients') &&
  mineSum('prolongations') === sumCol('prolongations') &&
  mineSum('loaded') === sumCol('loaded');
if (!agree) {
  console.error('deals bench: crmkit and arquero disagree', mine.size, theirGroups);
  process.exit(1);
}
const tMine = [];
const tTheirs = [];
for (let r = 0; r < RUNS; r++) {
  tMine.push(time(crmkitPivot)[0]);
  tTheirs.push(time(arqueroPivot)[0]);
}
const [tEncode] = time(crmkitTable);
const table = crmkitTable();
const tPivotOnly = [];
const tTree = [];
const tSubtotals = [];
for (let r = 0; r < RUNS; r++) {
  tPivotOnly.push(time(() => pivotColumns(table, LEVELS))[0]);
  tTree.push(time(() => pivotRegistry(table, LEVELS, { subtotals: false }))[0]);
  tSubtotals.push(time(() => pivotRegistry(table, [0, 1, 2]))[0]);
}

// Off the main thread: the encoded table is moved to a worker once; each run asks for the pivot.
const workerFile = join(dir, 'worker.mjs');
writeFileSync(
  workerFile,
  `import { parentPort } from 'node:worker_threads';
import { pivotColumns } from ${JSON.stringify(pathToFileURL(pivotFile).href)};
let table;
parentPort.on('message', (m) => {
  if (m.table) { table = m.table; parentPort.postMessage({ ready: true }); return; }
  const t0 = performance.now();
  const result = pivotColumns(table, m.levels);
  parentPort.postMessage({ result, ms: performance.now() - t0 });
});
`,
);
const worker = new Worker(workerFile);
const once = (msg, transfer) =>
  new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(msg, transfer);
  });
const shipped = crmkitTable();
await once({ table: shipped });
const roundTrips = [];
const inWorker = [];
await once({ levels: LEVELS });
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const reply = await once({ levels: LEVELS });
  roundTrips.push(performance.now() - t0);
  inWorker.push(reply.ms);
}
await worker.terminate();
rmSync(dir, { recursive: true, force: true });

const fmt = (ms) => ms.toFixed(1);
console.log(`deals: ${N} deals`);
console.log(`groups: ${theirGroups} groups`);
console.log(`crmkit pivot 5 fields (encode + group): ${fmt(median(tMine))} ms`);
console.log(`arquero 7.2.1 groupby 5 fields + rollup: ${fmt(median(tTheirs))} ms`);
console.log(`ratio arquero / crmkit: ${(median(tTheirs) / median(tMine)).toFixed(1)} x`);
console.log(`crmkit dictionary encoding only: ${fmt(tEncode)} ms`);
console.log(`crmkit group on encoded columns: ${fmt(median(tPivotOnly))} ms`);
console.log(`crmkit 5-field groups as row objects: ${fmt(median(tTree))} ms`);
console.log(`crmkit 3 levels with subtotals as a tree: ${fmt(median(tSubtotals))} ms`);
console.log(`crmkit pivot in worker: ${fmt(median(inWorker))} ms`);
console.log(`crmkit pivot worker round trip: ${fmt(median(roundTrips))} ms`);
