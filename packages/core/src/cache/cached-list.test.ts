import { expect } from '@open-wc/testing';
import type { AdapterCapabilities } from '../adapter/capabilities.js';
import type { DataAdapter } from '../adapter/data-adapter.js';
import { applyQuery, matchesFilter } from '../adapter/match.js';
import type { CallOptions, Filter, ListQuery, ListResult, LoadProgress } from '../adapter/query.js';
import type { Deal } from '../model/deals.js';
import type { EntityMap, EntityName } from '../model/entities.js';
import { openCache } from './cache.js';
import type { CrmCache } from './cache.js';
import { cachedColumns, cachedList, sharedCacheFor } from './cached-list.js';
import { readColumn } from './columnar.js';
import { mergeIncremental } from './merge.js';

const T0 = Date.UTC(2025, 4, 1);
function deal(id: string, modifiedAt = T0, stageId = 'NEW'): Deal {
  return {
    id,
    title: id,
    funnelId: '0',
    stageId,
    stageSemantics: 'process',
    amount: 1,
    currency: 'RUB',
    contactIds: [],
    createdAt: T0,
    modifiedAt,
    products: [],
    fields: {},
  };
}

/** A CRM in memory that counts calls and can fail after N pages. */
class FakeCrm implements DataAdapter {
  readonly kind = 'fake';
  deals: Deal[] = [];
  calls: string[] = [];
  failAfterPages = Infinity;
  incremental = true;
  private pages = 0;
  async identity() {
    return { origin: 'https://fake.example', userId: '1', timeZone: 'Europe/Moscow' };
  }
  async capabilities(): Promise<AdapterCapabilities> {
    return {
      entities: { deal: { read: true, incremental: this.incremental, ids: this.incremental } },
      writes: { apartmentBooking: false, resourceBooking: false },
    };
  }
  async list<E extends EntityName>(entity: E, query: ListQuery<E> = {}, options?: CallOptions): Promise<ListResult<EntityMap[E]>> {
    options?.signal?.throwIfAborted();
    this.calls.push(`list${query.modifiedSince !== undefined ? ' since' : ''}${query.cursor ? ` @${query.cursor}` : ''}`);
    if (query.limit !== undefined && this.pages++ >= this.failAfterPages) throw new Error('network down');
    return applyQuery(this.deals, query as ListQuery) as unknown as ListResult<EntityMap[E]>;
  }
  async get(): Promise<never> {
    throw new Error('not used');
  }
  async count(_e: EntityName, filter?: Filter): Promise<number> {
    return this.deals.filter((d) => matchesFilter(d, filter)).length;
  }
  async listIds(_e: EntityName, filter?: Filter): Promise<string[]> {
    this.calls.push('listIds');
    return this.deals.filter((d) => matchesFilter(d, filter)).map((d) => d.id);
  }
}

let now = T0;
let cache: CrmCache;
beforeEach(async () => {
  now = T0 + 3_600_000;
  // In memory: these tests are about the flow, cache.test.ts covers IndexedDB.
  cache = await openCache({ origin: `https://fake-${Math.random()}`, userId: '1' }, { persistent: false, now: () => now });
});
afterEach(() => cache.close());

const ids = (items: readonly { id: string }[]): string[] => items.map((d) => d.id);

describe('mergeIncremental', () => {
  it('replaces modified records in place, appends new ones, drops deleted ones', () => {
    const cached = [deal('1'), deal('2'), deal('3')];
    const merged = mergeIncremental(cached, { modified: [deal('2', T0 + 5, 'WON'), deal('4')], deletedIds: ['3'] });
    expect(ids(merged)).to.deep.equal(['1', '2', '4']);
    expect(merged[1].stageId).to.equal('WON');
    expect(ids(cached)).to.deep.equal(['1', '2', '3']);
  });

  it('drops records missing from the live ids (deleted, or moved out of the filter), keeps fresh modified ones', () => {
    const merged = mergeIncremental([deal('1'), deal('2'), deal('3')], { modified: [deal('5')], liveIds: ['1', '3'] });
    expect(ids(merged)).to.deep.equal(['1', '3', '5']);
  });

  it('lets a deletion win over a modification of the same id', () => {
    expect(ids(mergeIncremental([deal('1')], { modified: [deal('1'), deal('2')], deletedIds: ['1', '2'] }))).to.deep.equal([]);
  });

  it('returns the cached list unchanged for an empty refresh, and an empty list for an empty cache', () => {
    expect(ids(mergeIncremental([deal('1')], { modified: [] }))).to.deep.equal(['1']);
    expect(ids(mergeIncremental([], { modified: [], liveIds: [] }))).to.deep.equal([]);
  });
});

describe('cachedList', () => {
  it('loads from the CRM once, then serves the cache with its fetch time', async () => {
    const crm = new FakeCrm();
    crm.deals = [deal('1'), deal('2')];
    const first = await cachedList(crm, 'deal', {}, { cache });
    expect(first.fromCache).to.equal(false);
    expect(ids(first.items)).to.deep.equal(['1', '2']);
    now += 1000;
    const second = await cachedList(crm, 'deal', {}, { cache });
    expect(second.fromCache).to.equal(true);
    expect(second.fetchedAt).to.equal(first.fetchedAt);
    expect(ids(second.items)).to.deep.equal(['1', '2']);
    expect(crm.calls).to.deep.equal(['list']);
  });

  it('force refresh bypasses the cached copy and reloads everything', async () => {
    const crm = new FakeCrm();
    crm.deals = [deal('1')];
    await cachedList(crm, 'deal', {}, { cache });
    crm.deals = [deal('1'), deal('9')];
    const r = await cachedList(crm, 'deal', {}, { cache, force: true });
    expect(r.fromCache).to.equal(false);
    expect(ids(r.items)).to.deep.equal(['1', '9']);
    expect(crm.calls).to.deep.equal(['list', 'list']);
  });

  it('refreshes a stale copy incrementally: modified since the last fetch + live ids', async () => {
    const crm = new FakeCrm();
    crm.deals = [deal('1'), deal('2'), deal('3')];
    const first = await cachedList(crm, 'deal', {}, { cache });
    now += 10 * 60_000;
    crm.deals = [deal('1'), deal('3', now - 1000, 'WON'), deal('4', now - 500)];
    const r = await cachedList(crm, 'deal', {}, { cache, maxAgeMs: 60_000 });
    expect(r.fromCache).to.equal(false);
    expect(r.fetchedAt).to.be.greaterThan(first.fetchedAt);
    expect(ids(r.items)).to.deep.equal(['1', '3', '4']);
    expect(r.items[1].stageId).to.equal('WON');
    expect(crm.calls.slice(1).sort()).to.deep.equal(['list since', 'listIds']);
    // The merge was stored.
    const again = await cachedList(crm, 'deal', {}, { cache });
    expect(again.fromCache).to.equal(true);
    expect(ids(again.items)).to.deep.equal(['1', '3', '4']);
  });

  it('reloads a stale copy fully when the adapter cannot refresh incrementally', async () => {
    const crm = new FakeCrm();
    crm.incremental = false;
    crm.deals = [deal('1')];
    await cachedList(crm, 'deal', {}, { cache });
    now += 10 * 60_000;
    crm.deals = [deal('2')];
    const r = await cachedList(crm, 'deal', {}, { cache, maxAgeMs: 1000 });
    expect(ids(r.items)).to.deep.equal(['2']);
    expect(crm.calls).to.deep.equal(['list', 'list']);
  });

  it('refresh brings a fresh copy up to date incrementally, and reloads one older than a week in full', async () => {
    const crm = new FakeCrm();
    crm.deals = [deal('1'), deal('2')];
    await cachedList(crm, 'deal', {}, { cache });
    now += 60_000;
    crm.deals = [deal('2', now - 1000, 'WON'), deal('5', now - 500)];
    const r = await cachedList(crm, 'deal', {}, { cache, refresh: true });
    expect(r.fromCache).to.equal(false);
    expect(ids(r.items)).to.deep.equal(['2', '5']);
    expect(r.items[0].stageId).to.equal('WON');
    expect(crm.calls.slice(1).sort()).to.deep.equal(['list since', 'listIds']);
    // Eight days later the id check is not trusted any more: everything again.
    crm.calls = [];
    now += 8 * 86_400_000;
    crm.deals = [deal('5'), deal('6')];
    const old = await cachedList(crm, 'deal', {}, { cache, refresh: true });
    expect(ids(old.items)).to.deep.equal(['5', '6']);
    expect(crm.calls).to.deep.equal(['list']);
  });

  it('resumes a load that failed half-way from the page where it stopped', async () => {
    const crm = new FakeCrm();
    crm.deals = Array.from({ length: 25 }, (_, i) => deal(`D${i}`));
    crm.failAfterPages = 2;
    let error: unknown;
    try {
      await cachedList(crm, 'deal', {}, { cache, pageSize: 10 });
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.contain('network down');
    // Nothing complete is cached: the next call does not report cached data.
    crm.failAfterPages = Infinity;
    const progress: LoadProgress[] = [];
    const r = await cachedList(crm, 'deal', {}, { cache, pageSize: 10, onProgress: (p) => progress.push(p) });
    expect(r.fromCache).to.equal(false);
    expect(ids(r.items)).to.deep.equal(crm.deals.map((d) => d.id));
    expect(crm.calls).to.deep.equal(['list', 'list @10', 'list @20', 'list @20']);
    expect(progress[0]).to.deep.equal({ entity: 'deal', loaded: 20, total: 25 });
  });

  it('rejects with AbortError when cancelled, and stores nothing as complete', async () => {
    const crm = new FakeCrm();
    crm.deals = [deal('1')];
    const ctrl = new AbortController();
    ctrl.abort();
    let error: unknown;
    try {
      await cachedList(crm, 'deal', {}, { cache, signal: ctrl.signal });
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).to.equal('AbortError');
    expect(await cache.get('deal', '{}')).to.equal(undefined);
  });

  it('loads without caching when no cache is given', async () => {
    const crm = new FakeCrm();
    crm.deals = [deal('1')];
    const r = await cachedList(crm, 'deal', {});
    expect(r.fromCache).to.equal(false);
    expect(ids(r.items)).to.deep.equal(['1']);
  });

  it('shares one cache per adapter, reopened once closed', async () => {
    const crm = new FakeCrm();
    const a = await sharedCacheFor(crm, { persistent: false });
    expect(await sharedCacheFor(crm, { persistent: false })).to.equal(a);
    expect(a.partition).to.deep.equal({ origin: 'https://fake.example', userId: '1' });
    a.close();
    const b = await sharedCacheFor(crm, { persistent: false });
    expect(b).not.to.equal(a);
    expect(b.closed).to.equal(false);
    b.close();
  });

  it('serves columns: encoded after a load, the stored chunks on a warm start', async () => {
    const crm = new FakeCrm();
    crm.deals = [deal('1', T0, 'NEW'), deal('2', T0, 'WON')];
    const first = await cachedColumns(crm, 'deal', {}, { cache });
    expect(first.fromCache).to.equal(false);
    expect(first.count).to.equal(2);
    const warm = await cachedColumns(crm, 'deal', {}, { cache });
    expect(warm.fromCache).to.equal(true);
    const stage = readColumn(warm.chunks, 'stageId');
    expect(stage.kind === 'string' && Array.from(stage.codes, (c) => stage.dictionary[c])).to.deep.equal(['NEW', 'WON']);
    expect(crm.calls).to.deep.equal(['list']);
  });
});
