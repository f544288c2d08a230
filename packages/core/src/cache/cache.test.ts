import { expect } from '@open-wc/testing';
import { openDB, deleteDB } from 'idb';
import type { Deal } from '../model/deals.js';
import { CACHE_DB_PREFIX, CACHE_REGISTRY_DB, CACHE_SCHEMA_VERSION, DEFAULT_CHUNK_ROWS, clearAllCaches, openCache, partitionDbName } from './cache.js';
import type { CachePartition, CrmCache } from './cache.js';
import { queryKey } from './query-key.js';
import { IdbBackend, openPartitionDb } from './backend.js';
import type { DatasetMeta } from './backend.js';
import { encodeColumns } from './columnar.js';
import type { ColumnarChunk } from './columnar.js';

function deal(id: string, extra: Partial<Deal> = {}): Deal {
  return {
    id,
    title: `Сделка ${id}`,
    funnelId: '0',
    stageId: 'NEW',
    stageSemantics: 'process',
    amount: Number(id.replace(/\D/g, '')) || 0,
    currency: 'RUB',
    contactIds: [],
    createdAt: 1_700_000_000_000,
    modifiedAt: 1_700_000_000_000,
    products: [],
    fields: {},
    ...extra,
  };
}
const deals = (from: number, to: number): Deal[] => Array.from({ length: to - from }, (_, i) => deal(`D${from + i}`));

let seq = 0;
/** A partition no other test uses, with its database deleted afterwards. */
function partition(userId = 'u1', origin = `https://test-${Date.now()}-${seq++}.bitrix24.ru`): CachePartition {
  const p = { origin, userId };
  created.push(partitionDbName(p));
  return p;
}
const created: string[] = [];
const opened: CrmCache[] = [];
async function open(p: CachePartition, options = {}): Promise<CrmCache> {
  const c = await openCache(p, options);
  opened.push(c);
  return c;
}

/** Captures console warnings (the cache's rebuild messages) so a test can check them. */
let warnings: string[] = [];
const realWarn = console.warn;
beforeEach(() => {
  warnings = [];
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
});
afterEach(async () => {
  console.warn = realWarn;
  for (const c of opened.splice(0)) c.close();
  for (const name of created.splice(0)) await deleteDB(name);
});

async function storeNames(name: string): Promise<string[]> {
  const db = await openDB(name);
  const names = [...db.objectStoreNames].sort();
  db.close();
  return names;
}

/** Recent fetch times: older ones would be pruned by the 30-day retention. */
const NOW = Date.now();
const Q = queryKey({ filter: [{ field: 'funnelId', op: 'eq', value: '0' }] });

describe('cache partitions', () => {
  it('names a database by a hash of origin and user, not in clear', () => {
    const name = partitionDbName({ origin: 'https://a.bitrix24.ru', userId: '42' });
    expect(name.startsWith(CACHE_DB_PREFIX)).to.equal(true);
    expect(name).not.to.contain('42');
    expect(name).not.to.contain('bitrix24');
    expect(partitionDbName({ origin: 'https://a.bitrix24.ru', userId: '43' })).not.to.equal(name);
    expect(partitionDbName({ origin: 'https://b.bitrix24.ru', userId: '42' })).not.to.equal(name);
  });

  it('never lets user B on the same origin, or the same user on another origin, read user A’s data', async () => {
    const a = partition('A');
    const b = partition('B', a.origin);
    const other = partition('A');
    const cacheA = await open(a);
    await cacheA.put('deal', Q, deals(0, 3), NOW + 1000);
    expect((await (await open(b)).get('deal', Q))).to.equal(undefined);
    expect((await (await open(other)).get('deal', Q))).to.equal(undefined);
    // User A, after a reload, gets the data back.
    cacheA.close();
    const again = await (await open(a)).get('deal', Q);
    expect(again?.items.map((d) => d.id)).to.deep.equal(['D0', 'D1', 'D2']);
    expect(again?.fetchedAt).to.equal(NOW + 1000);
    expect(await (await open(a)).isPersistent()).to.equal(true);
  });

  it('keeps datasets of different queries apart', async () => {
    const c = await open(partition());
    await c.put('deal', Q, deals(0, 2), NOW + 1);
    await c.put('deal', queryKey(), deals(0, 5), NOW + 2);
    expect((await c.get('deal', Q))?.count).to.equal(2);
    expect((await c.get('deal', queryKey()))?.count).to.equal(5);
    expect(await c.get('activity', Q)).to.equal(undefined);
  });

  it('put replaces a dataset as a whole (what a forced refresh stores)', async () => {
    const c = await open(partition());
    await c.put('deal', Q, deals(0, 120), NOW + 1);
    await c.put('deal', Q, deals(500, 502), NOW + 2);
    const got = await c.get('deal', Q);
    expect(got?.items.map((d) => d.id)).to.deep.equal(['D500', 'D501']);
    expect(got?.fetchedAt).to.equal(NOW + 2);
  });

  it('stores big datasets in several chunks and reads them back in order', async () => {
    const c = await open(partition(), { chunkRows: 100 });
    await c.put('deal', Q, deals(0, 250), NOW + 1);
    const cols = await c.getColumns('deal', Q);
    expect(cols?.chunks.map((ch) => ch.n)).to.deep.equal([100, 100, 50]);
    expect((await c.get('deal', Q))?.items.map((d) => d.id)).to.deep.equal(deals(0, 250).map((d) => d.id));
  });

  it('prunes datasets fetched longer ago than the retention period', async () => {
    const c = await open(partition(), { retentionMs: 1000, persistent: false });
    await c.put('deal', Q, deals(0, 1), Date.now() - 5000);
    await c.put('deal', queryKey(), deals(0, 1), Date.now());
    expect(await c.prune()).to.equal(1);
    expect(await c.get('deal', Q)).to.equal(undefined);
    expect((await c.get('deal', queryKey()))?.count).to.equal(1);
  });

  it('works in memory where IndexedDB is not used', async () => {
    const c = await open(partition(), { persistent: false });
    expect(await c.isPersistent()).to.equal(false);
    await c.put('deal', Q, deals(0, 2), NOW + 5);
    expect((await c.get('deal', Q))?.items.length).to.equal(2);
  });
});

describe('cache rebuild', () => {
  it('rebuilds a database with the right name but a bogus schema, and works empty', async () => {
    const p = partition();
    const name = partitionDbName(p);
    const bogus = await openDB(name, CACHE_SCHEMA_VERSION, {
      upgrade(db) {
        db.createObjectStore('junk').put('not a cache', 'x');
      },
    });
    bogus.close();
    const c = await open(p);
    expect(await c.get('deal', Q)).to.equal(undefined);
    await c.put('deal', Q, deals(0, 2), NOW + 7);
    expect((await c.get('deal', Q))?.count).to.equal(2);
    expect(await storeNames(name)).to.deep.equal(['chunks', 'datasets', 'loadChunks', 'loads', 'results']);
    expect(warnings.some((w) => w.includes('rebuilding'))).to.equal(true);
  });

  it('drops garbage values: the read misses with a warning, the cache keeps working', async () => {
    const p = partition();
    const c = await open(p);
    await c.put('deal', Q, deals(0, 3), NOW + 1);
    c.close();
    const raw = await openDB(partitionDbName(p));
    const keys = await raw.getAllKeys('chunks');
    await raw.put('chunks', { format: 1, n: 'three', root: 'garbage' }, keys[0]);
    raw.close();
    const c2 = await open(p);
    expect(await c2.get('deal', Q)).to.equal(undefined);
    expect(warnings.some((w) => w.includes('corrupt'))).to.equal(true);
    await c2.put('deal', Q, deals(0, 1), NOW + 2);
    expect((await c2.get('deal', Q))?.items[0].id).to.equal('D0');
  });

  it('rebuilds a database of an older schema version, losing its data', async () => {
    const p = partition();
    const name = partitionDbName(p);
    // Version N-1 stored one record per deal; version N is columnar.
    const old = await openDB(name, 1, {
      upgrade(db) {
        const s = db.createObjectStore('deals', { keyPath: 'id' });
        void s.put(deal('D1'));
      },
    });
    old.close();
    const c = await open(p, { schemaVersion: 2 });
    expect(await c.get('deal', Q)).to.equal(undefined);
    await c.put('deal', Q, deals(0, 1), NOW + 1);
    expect((await c.get('deal', Q))?.count).to.equal(1);
    expect(await storeNames(name)).not.to.contain('deals');
  });

  it('rebuilds a database of a newer schema version instead of failing', async () => {
    const p = partition();
    const name = partitionDbName(p);
    const newer = await openDB(name, CACHE_SCHEMA_VERSION + 5, {
      upgrade(db) {
        db.createObjectStore('future');
      },
    });
    newer.close();
    const c = await open(p);
    expect(await c.get('deal', Q)).to.equal(undefined);
    await c.put('deal', Q, deals(0, 4), NOW + 1);
    expect((await c.get('deal', Q))?.count).to.equal(4);
  });
});

describe('cache loads', () => {
  it('never returns a partial load as complete', async () => {
    const c = await open(partition());
    const load = await c.beginLoad('deal', Q);
    await load.append(deals(0, 10), '10', 30);
    await load.append(deals(10, 20), '20', 30);
    expect(await c.get('deal', Q)).to.equal(undefined);
    let error: unknown;
    try {
      await load.commit();
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.contain('partial load is never stored as complete');
    expect(await c.get('deal', Q)).to.equal(undefined);
  });

  it('resumes an interrupted load from where it stopped after the page is closed', async () => {
    const p = partition();
    const first = await open(p);
    const load = await first.beginLoad('deal', Q);
    expect(load.resumed).to.equal(false);
    await load.append(deals(0, 10), 'page-2', 25);
    await load.append(deals(10, 20), 'page-3', 25);
    first.close(); // the tab is closed mid-load

    const second = await open(p);
    const resumed = await second.beginLoad('deal', Q);
    expect(resumed.resumed).to.equal(true);
    expect(resumed.cursor).to.equal('page-3');
    expect(resumed.total).to.equal(25);
    expect(resumed.items.map((d) => d.id)).to.deep.equal(deals(0, 20).map((d) => d.id));
    await resumed.append(deals(20, 25), undefined);
    const done = await resumed.commit();
    expect(done.fetchedAt).to.equal(load.startedAt);
    const got = await second.get('deal', Q);
    expect(got?.items.map((d) => d.id)).to.deep.equal(deals(0, 25).map((d) => d.id));
    // Committed: nothing is left to resume.
    expect((await second.beginLoad('deal', Q)).resumed).to.equal(false);
  });

  it('commits a load bigger than one chunk in default-size chunks, each record once (its last copy)', async () => {
    const c = await open(partition());
    const load = await c.beginLoad('deal', Q);
    await load.append(deals(0, DEFAULT_CHUNK_ROWS), 'page-2');
    // The list shifted between pages: D5 comes again, changed, on the last page.
    await load.append([deal('D5', { title: 'Сделка D5, изменена' }), ...deals(DEFAULT_CHUNK_ROWS, DEFAULT_CHUNK_ROWS + 2000)], undefined);
    await load.commit();
    const cols = await c.getColumns('deal', Q);
    expect(cols?.chunks.map((ch) => ch.n)).to.deep.equal([DEFAULT_CHUNK_ROWS, 2000]);
    const got = await c.get('deal', Q);
    const ids = got?.items.map((d) => d.id) ?? [];
    expect(got?.count).to.equal(DEFAULT_CHUNK_ROWS + 2000);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids.slice(0, 6)).to.deep.equal(['D0', 'D1', 'D2', 'D3', 'D4', 'D6']);
    expect(got?.items[DEFAULT_CHUNK_ROWS - 1]).to.include({ id: 'D5', title: 'Сделка D5, изменена' });
  });

  it('restarts instead of resuming an unfinished load older than resumeMaxAgeMs', async () => {
    const p = partition();
    let now = 1_000_000;
    const c = await open(p, { now: () => now });
    const load = await c.beginLoad('deal', Q);
    await load.append(deals(0, 5), 'next');
    now += 2 * 86_400_000;
    const again = await c.beginLoad('deal', Q);
    expect(again.resumed).to.equal(false);
    expect(again.items).to.deep.equal([]);
  });

  it('force refresh ignores an unfinished load when asked not to resume', async () => {
    const c = await open(partition());
    const load = await c.beginLoad('deal', Q);
    await load.append(deals(0, 5), 'next');
    const fresh = await c.beginLoad('deal', Q, { resume: false });
    expect(fresh.resumed).to.equal(false);
    await fresh.append(deals(100, 101), undefined);
    await fresh.commit();
    expect((await c.get('deal', Q))?.items.map((d) => d.id)).to.deep.equal(['D100']);
  });
});

describe('cache dataset writes in steps', () => {
  const meta = (key: string, count: number, chunks: number, fetchedAt: number): DatasetMeta => ({ key, entity: 'deal', queryKey: 'q', fetchedAt, complete: true, count, chunks, storedAt: fetchedAt });

  it('a write interrupted after some chunks leaves the previous dataset, never a partial one as complete', async () => {
    const name = partitionDbName(partition());
    const backend = new IdbBackend(await openPartitionDb(name, CACHE_SCHEMA_VERSION));
    try {
      const key = 'deal\u241fq';
      await backend.putDataset(meta(key, 4, 2, 1), [encodeColumns(deals(0, 2)), encodeColumns(deals(2, 4))]);
      // The second of three chunks cannot be stored (the browser refuses to clone it): the
      // first new chunk was already put when the write stops.
      const broken = { format: 1, n: 1, root: { t: 'struct', keys: ['id'], cols: [{ t: 'clone', v: [() => 'not storable'] }] } } as unknown as ColumnarChunk;
      let error: unknown;
      try {
        await backend.putDataset(meta(key, 5, 3, 2), [encodeColumns(deals(10, 12)), broken, encodeColumns(deals(12, 14))]);
      } catch (e) {
        error = e;
      }
      expect(error, 'the interrupted write rejects').to.be.instanceOf(Error);
      const got = await backend.getDataset(key);
      expect(got?.meta.fetchedAt).to.equal(1);
      expect(got?.meta.count).to.equal(4);
      expect(got?.chunks.map((c) => c.n)).to.deep.equal([2, 2]);
      expect((await backend.listDatasets()).map((m) => m.fetchedAt)).to.deep.equal([1]);
      // A new dataset interrupted the same way leaves nothing under its key.
      try {
        await backend.putDataset(meta('deal\u241fother', 3, 2, 3), [encodeColumns(deals(0, 2)), broken]);
      } catch {
        // expected
      }
      expect(await backend.getDataset('deal\u241fother')).to.equal(undefined);
    } finally {
      backend.close();
    }
  });
});

describe('clearAllCaches', () => {
  it('deletes every crmkit database in one call (logout)', async () => {
    const p1 = partition('A');
    const p2 = partition('B');
    const c1 = await open(p1, { housekeepingDelayMs: 0 });
    const c2 = await open(p2, { housekeepingDelayMs: 0 });
    await c1.put('deal', Q, deals(0, 2), NOW + 1);
    await c2.put('deal', Q, deals(0, 2), NOW + 1);
    await new Promise((r) => setTimeout(r, 50)); // the registry is written after opening
    const before = (await indexedDB.databases()).map((d) => d.name);
    expect(before).to.include.members([partitionDbName(p1), partitionDbName(p2), CACHE_REGISTRY_DB]);

    await clearAllCaches();

    const after = (await indexedDB.databases()).map((d) => d.name ?? '');
    expect(after.filter((n) => n.startsWith(CACHE_DB_PREFIX))).to.deep.equal([]);
    // An instance opened before logout reads nothing any more…
    expect(await c1.get('deal', Q)).to.equal(undefined);
    // …and a fresh one starts empty.
    expect(await (await open(p1)).get('deal', Q)).to.equal(undefined);
  });

  it('cancels housekeeping not started yet, so logout is not undone by a registry write', async () => {
    await clearAllCaches();
    const c = await open(partition('C'), { housekeepingDelayMs: 20 });
    await c.put('deal', Q, deals(0, 2), NOW + 1);
    await clearAllCaches();
    await new Promise((r) => setTimeout(r, 80)); // past the housekeeping's delay
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    expect(names.filter((n) => n.startsWith(CACHE_DB_PREFIX))).to.deep.equal([]);
  });
});

describe('cache stored results', () => {
  for (const persistent of [true, false]) {
    it(`keeps a result while its source datasets are unchanged (${persistent ? 'IndexedDB' : 'memory'})`, async () => {
      const c = await open(partition(), { persistent });
      await c.put('deal', Q, deals(0, 2), NOW + 1);
      await c.put('contact', '{}', [], NOW + 2);
      const value = { counts: new Int32Array([3, 4]), label: 'x' };
      await c.putResult('r', value, [
        { entity: 'deal', queryKey: Q, fetchedAt: NOW + 1 },
        { entity: 'contact', queryKey: '{}', fetchedAt: NOW + 2 },
      ]);
      const got = await c.getResult<typeof value>('r');
      expect(Array.from(got?.value.counts ?? [])).to.deep.equal([3, 4]);
      expect(got?.value.counts).to.be.instanceOf(Int32Array);
      expect(got?.fetchedAt).to.equal(NOW + 1);
      expect(got?.sources.map((s) => s.entity)).to.deep.equal(['deal', 'contact']);
      // A refresh of one source (another fetch time): the result no longer describes the cache.
      await c.put('deal', Q, deals(0, 3), NOW + 9);
      expect(await c.getResult('r')).to.equal(undefined);
    });
  }

  it('drops a result whose source is gone, and clears results with the partition', async () => {
    const c = await open(partition());
    await c.put('deal', Q, deals(0, 1), NOW + 1);
    await c.putResult('r', { a: 1 }, [{ entity: 'deal', queryKey: Q, fetchedAt: NOW + 1 }]);
    expect((await c.getResult<{ a: number }>('r'))?.value.a).to.equal(1);
    await c.delete('deal', Q);
    expect(await c.getResult('r')).to.equal(undefined);
    await c.put('deal', Q, deals(0, 1), NOW + 1);
    expect((await c.getResult<{ a: number }>('r'))?.value.a).to.equal(1);
    await c.clear();
    expect(await c.getResult('r')).to.equal(undefined);
  });
});
