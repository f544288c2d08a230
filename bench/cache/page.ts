/**
 * Browser side of the warm-start bench (bundled by run.mjs with esbuild). `?mode=setup` writes
 * the same 50,000 deals and 200,000 activities in three layouts; `?mode=warm&layout=…` is a
 * fresh page load that reads one layout back into records and reports timings.
 */
import { openDB } from 'idb';
import { decodeChunks, openCache } from '../../packages/core/src/cache/cache.js';
import { isColumnarChunk, readColumn } from '../../packages/core/src/cache/columnar.js';
import { makeActivities, makeDeals } from './page-data.js';

const PARTITION = { origin: 'https://bench.bitrix24.ru', userId: '1' };
const Q = '{}';
const PER_RECORD_DB = 'bench-per-record';
const SINGLE_ARRAY_DB = 'bench-single-array';

async function setup(deals: number, activities: number): Promise<Record<string, number>> {
  const d = makeDeals(deals);
  const a = makeActivities(activities);
  const t0 = performance.now();
  const cache = await openCache(PARTITION);
  await cache.put('deal', Q, d, Date.now());
  await cache.put('activity', Q, a, Date.now());
  cache.close();
  const t1 = performance.now();
  const per = await openDB(PER_RECORD_DB, 1, {
    upgrade(db) {
      db.createObjectStore('deals', { keyPath: 'id' });
      db.createObjectStore('activities', { keyPath: 'id' });
    },
  });
  for (const [store, rows] of [['deals', d], ['activities', a]] as const) {
    const tx = per.transaction(store, 'readwrite');
    for (const row of rows) void tx.store.put(row);
    await tx.done;
  }
  per.close();
  const single = await openDB(SINGLE_ARRAY_DB, 1, {
    upgrade(db) {
      db.createObjectStore('data');
    },
  });
  await single.put('data', d, 'deals');
  await single.put('data', a, 'activities');
  single.close();
  return { writeColumnarMs: t1 - t0, writeOthersMs: performance.now() - t1 };
}

/** Where the columnar warm start spends its time. */
async function phases(): Promise<Record<string, number>> {
  const t0 = performance.now();
  const cache = await openCache(PARTITION);
  const t1 = performance.now();
  const raw = await openDB(cache.dbName);
  const tx = raw.transaction('chunks');
  const [dc, ac] = await Promise.all([
    tx.store.getAll(IDBKeyRange.bound(['deal\u241f{}', 0], ['deal\u241f{}', Infinity])),
    tx.store.getAll(IDBKeyRange.bound(['activity\u241f{}', 0], ['activity\u241f{}', Infinity])),
  ]);
  const t2 = performance.now();
  const ok = [...dc, ...ac].every(isColumnarChunk);
  const t3 = performance.now();
  const deals = decodeChunks(dc);
  const t4 = performance.now();
  const acts = decodeChunks(ac);
  const t5 = performance.now();
  return { openMs: t1 - t0, readMs: t2 - t1, validateMs: t3 - t2, decodeDealsMs: t4 - t3, decodeActivitiesMs: t5 - t4, ok: ok ? 1 : 0, deals: deals.length, activities: acts.length };
}

async function warm(layout: string): Promise<Record<string, number>> {
  if (layout === 'phases') return phases();
  const scriptStart = performance.now();
  let deals: unknown[];
  let activities: unknown[];
  if (layout === 'columnar' || layout === 'columnar-columns') {
    const cache = await openCache(PARTITION);
    if (layout === 'columnar-columns') {
      // Columns only: what a first paint that needs counts, sums and classes can use without
      // building records: the fields the client base classifies by, as typed arrays.
      const [dc, ac] = await Promise.all([cache.getColumns('deal', Q), cache.getColumns('activity', Q)]);
      for (const key of ['amount', 'stageSemantics', 'closedAt', 'companyId', 'responsibleId']) readColumn(dc?.chunks ?? [], key);
      for (const key of ['createdAt', 'kind', 'completed', 'responsibleId']) readColumn(ac?.chunks ?? [], key);
      deals = new Array(dc?.count ?? 0);
      activities = new Array(ac?.count ?? 0);
    } else {
      const [dd, ad] = await Promise.all([cache.get('deal', Q), cache.get('activity', Q)]);
      deals = dd?.items ?? [];
      activities = ad?.items ?? [];
    }
  } else if (layout === 'per-record-getAll') {
    const db = await openDB(PER_RECORD_DB, 1);
    [deals, activities] = await Promise.all([db.getAll('deals'), db.getAll('activities')]);
  } else {
    const db = await openDB(SINGLE_ARRAY_DB, 1);
    [deals, activities] = await Promise.all([db.get('data', 'deals') as Promise<unknown[]>, db.get('data', 'activities') as Promise<unknown[]>]);
  }
  const end = performance.now();
  return { sinceNavigationMs: end, dataMs: end - scriptStart, deals: deals.length, activities: activities.length };
}

const params = new URLSearchParams(location.search);
const mode = params.get('mode');
const job =
  mode === 'setup'
    ? setup(Number(params.get('deals')), Number(params.get('activities')))
    : warm(params.get('layout') ?? 'columnar');
job.then(
  (r) => ((window as unknown as { __result: unknown }).__result = r),
  (e: unknown) => ((window as unknown as { __result: unknown }).__result = { error: String(e) }),
);
