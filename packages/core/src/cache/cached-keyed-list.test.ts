import { expect } from '@open-wc/testing';
import type { AdapterCapabilities } from '../adapter/capabilities.js';
import type { DataAdapter } from '../adapter/data-adapter.js';
import { applyQuery } from '../adapter/match.js';
import type { CallOptions, ListQuery, ListResult } from '../adapter/query.js';
import type { Activity } from '../model/activities.js';
import type { EntityMap, EntityName } from '../model/entities.js';
import { openCache, type CrmCache } from './cache.js';
import { cachedKeyedList, keyedQueryKey } from './cached-keyed-list.js';

const T0 = Date.UTC(2025, 4, 1);

/** A call bound to cards (`contact:5`), with the time the CRM last changed it. */
function call(id: string, cards: readonly string[], modifiedAt = T0, kind: Activity['kind'] = 'call'): Activity {
  const rec = {
    id,
    kind,
    subject: id,
    createdAt: T0,
    completed: true,
    bindings: cards.map((c) => ({ kind: c.split(':')[0] as 'contact', id: c.split(':')[1] })),
    modifiedAt,
  };
  return rec as Activity;
}

/** ` ids 1–500` for a condition on ids: the span asked. */
function idSpan(filter: ListQuery['filter']): string | undefined {
  const ids = (filter ?? []).find((c) => c.field === 'id' && c.op === 'in')?.value as string[] | undefined;
  return ids ? ` ids ${ids[0]}–${ids[ids.length - 1]}` : undefined;
}

/** Activities in memory; records every list asked, with its key condition. */
class FakeCrm implements DataAdapter {
  readonly kind = 'fake';
  activities: Activity[] = [];
  asked: string[] = [];
  async identity() {
    return { origin: 'https://fake.example', userId: '1', timeZone: 'UTC' };
  }
  async capabilities(): Promise<AdapterCapabilities> {
    return { entities: { activity: { read: true, incremental: true, ids: true } }, writes: { apartmentBooking: false, resourceBooking: false } };
  }
  async list<E extends EntityName>(_e: E, query: ListQuery<E> = {}, options?: CallOptions): Promise<ListResult<EntityMap[E]>> {
    options?.signal?.throwIfAborted();
    const keys = (query.filter ?? []).find((c) => c.op === 'has' || (c.op === 'in' && c.field === 'responsibleId'));
    const ids = idSpan(query.filter);
    this.asked.push(`${query.modifiedSince !== undefined ? 'since' : 'list'}${ids ?? (keys ? ` ${(keys.value as string[]).join(',')}` : '')}`);
    return applyQuery(this.activities, query as ListQuery) as unknown as ListResult<EntityMap[E]>;
  }
  async get(): Promise<never> {
    throw new Error('not used');
  }
  async count(_e: EntityName, filter: ListQuery['filter'] = []): Promise<number> {
    this.asked.push(`count${idSpan(filter) ?? ''}`);
    return applyQuery(this.activities, { filter }).items.length;
  }
  async listIds(_e: EntityName, filter: ListQuery['filter'] = []): Promise<string[]> {
    this.asked.push(`listIds${idSpan(filter) ?? ''}`);
    return applyQuery(this.activities, { filter }).items.map((a) => a.id);
  }
}

const BASE: ListQuery<'activity'> = { filter: [{ field: 'kind', op: 'in', value: ['call', 'email'] }] };
const spec = (keys: string[]) => ({ base: BASE, field: 'bindings', keys });
const ids = (items: readonly { id: string }[]): string[] => items.map((a) => a.id).sort();

let now = T0;
let cache: CrmCache;
beforeEach(async () => {
  now = T0 + 3_600_000;
  cache = await openCache({ origin: `https://keyed-${Math.random()}`, userId: '1' }, { persistent: false, now: () => now });
});
afterEach(() => cache.close());

describe('cachedKeyedList', () => {
  it('loads the keys once, then serves the copy while the key set is the same', async () => {
    const crm = new FakeCrm();
    crm.activities = [call('1', ['contact:1']), call('2', ['contact:2']), call('3', ['contact:3']), call('4', ['contact:1'], T0, 'task')];
    const first = await cachedKeyedList(crm, 'activity', spec(['contact:1', 'contact:2']), { cache });
    expect(ids(first.items)).to.deep.equal(['1', '2']);
    expect(first.fromCache).to.equal(false);
    expect(first.queryKey).to.equal(keyedQueryKey({ base: BASE, field: 'bindings' }));
    const again = await cachedKeyedList(crm, 'activity', spec(['contact:2', 'contact:1']), { cache });
    expect(again.fromCache).to.equal(true);
    expect(again.fetchedAt).to.equal(first.fetchedAt);
    expect(crm.asked).to.deep.equal(['list contact:1,contact:2']);
  });

  it('asks only the keys it does not cover, and drops the records of keys no longer asked', async () => {
    const crm = new FakeCrm();
    crm.activities = [call('1', ['contact:1']), call('2', ['contact:2']), call('3', ['contact:3']), call('5', ['contact:2', 'company:9'])];
    const first = await cachedKeyedList(crm, 'activity', spec(['contact:1', 'contact:2']), { cache });
    now += 60_000;
    const next = await cachedKeyedList(crm, 'activity', spec(['contact:2', 'contact:3']), { cache });
    expect(ids(next.items)).to.deep.equal(['2', '3', '5']);
    expect(crm.asked).to.deep.equal(['list contact:1,contact:2', 'list contact:3']);
    // Not refreshed: the older records are as old as the copy.
    expect(next.fetchedAt).to.equal(first.fetchedAt);
    // Stored with its new key set.
    crm.asked = [];
    const stored = await cachedKeyedList(crm, 'activity', spec(['contact:3', 'contact:2']), { cache });
    expect(stored.fromCache).to.equal(true);
    expect(ids(stored.items)).to.deep.equal(['2', '3', '5']);
    expect(crm.asked).to.deep.equal([]);
  });

  it('refresh takes the changes from one scan of the base list modified since, never a query per key', async () => {
    const crm = new FakeCrm();
    crm.activities = [call('1', ['contact:1']), call('2', ['contact:2']), call('3', ['contact:3'])];
    await cachedKeyedList(crm, 'activity', spec(['contact:1', 'contact:2']), { cache });
    now += 86_400_000;
    crm.activities = [
      call('1', ['contact:7'], now - 1000), // rebound to a card not asked: leaves
      call('2', ['contact:2']),
      call('3', ['contact:3']),
      call('6', ['contact:2'], now - 500), // a new call of an asked card
      call('7', ['contact:8'], now - 500), // a new call of another card: not ours
    ];
    const r = await cachedKeyedList(crm, 'activity', spec(['contact:1', 'contact:2']), { cache, refresh: true });
    expect(ids(r.items)).to.deep.equal(['2', '6']);
    expect(r.fromCache).to.equal(false);
    expect(r.fetchedAt).to.equal(now);
    expect(crm.asked.slice(1)).to.deep.equal(['since']);
  });

  it("narrows a single-valued field with op 'in', stored apart from the 'has' list of the same base", async () => {
    const crm = new FakeCrm();
    const own = (a: Activity, responsibleId: string, modifiedAt = T0): Activity => ({ ...a, responsibleId, modifiedAt }) as Activity;
    crm.activities = [own(call('1', ['contact:1']), '5'), own(call('2', ['contact:2']), '6'), own(call('3', ['contact:3']), '7')];
    const inSpec = (keys: string[]) => ({ base: BASE, field: 'responsibleId', op: 'in' as const, keys });
    expect(keyedQueryKey(inSpec([]))).to.not.equal(keyedQueryKey({ base: BASE, field: 'responsibleId' }));
    const first = await cachedKeyedList(crm, 'activity', inSpec(['5', '6']), { cache });
    expect(ids(first.items)).to.deep.equal(['1', '2']);
    now += 86_400_000;
    // Call 2 handed over to someone not asked: the refresh's scan finds it left.
    crm.activities = [own(call('1', ['contact:1']), '5'), own(call('2', ['contact:2']), '9', now - 1000), own(call('3', ['contact:3']), '7')];
    const next = await cachedKeyedList(crm, 'activity', inSpec(['5', '6', '7']), { cache, refresh: true });
    expect(ids(next.items)).to.deep.equal(['1', '3']);
    expect(crm.asked).to.deep.equal(['list 5,6', 'since', 'list 7']);
  });

  it('with countOnRefresh, a refresh counts the copy by 500 ids and drops what a short count shows deleted', async () => {
    const crm = new FakeCrm();
    const keys = Array.from({ length: 700 }, (_, i) => String(i + 1));
    crm.activities = keys.map((k) => ({ ...call(k, []), responsibleId: k }) as Activity);
    const spec = { base: BASE, field: 'responsibleId', op: 'in' as const, keys, countOnRefresh: true };
    await cachedKeyedList(crm, 'activity', spec, { cache });
    now += 86_400_000;
    // Deleted without a trace in "modified since": only a count can tell.
    crm.activities = crm.activities.filter((a) => a.id !== '650');
    crm.asked = [];
    const r = await cachedKeyedList(crm, 'activity', spec, { cache, refresh: true });
    expect(r.items.length).to.equal(699);
    expect(r.items.some((a) => a.id === '650')).to.equal(false);
    // One scan of changes, two counts (ids 1–500 and 501–700), and the short chunk's ids listed.
    expect(crm.asked).to.deep.equal(['since', 'count ids 1–500', 'count ids 501–700', 'listIds ids 501–700']);
    // Nothing changed: counts only.
    now += 86_400_000;
    crm.asked = [];
    await cachedKeyedList(crm, 'activity', spec, { cache, refresh: true });
    expect(crm.asked).to.deep.equal(['since', 'count ids 1–500', 'count ids 501–700']);
  });

  it('a refresh of a copy older than a week loads the keys again in full', async () => {
    const crm = new FakeCrm();
    crm.activities = [call('1', ['contact:1']), call('2', ['contact:2'])];
    await cachedKeyedList(crm, 'activity', spec(['contact:1', 'contact:2']), { cache });
    now += 8 * 86_400_000;
    crm.activities = [call('2', ['contact:2'])]; // call 1 deleted: only a full load can tell
    const r = await cachedKeyedList(crm, 'activity', spec(['contact:1', 'contact:2']), { cache, refresh: true });
    expect(ids(r.items)).to.deep.equal(['2']);
    expect(crm.asked.slice(1)).to.deep.equal(['list contact:1,contact:2']);
  });

  it('reads directly without a cache, and an empty key set asks nothing', async () => {
    const crm = new FakeCrm();
    crm.activities = [call('1', ['contact:1'])];
    expect(ids((await cachedKeyedList(crm, 'activity', spec(['contact:1']))).items)).to.deep.equal(['1']);
    expect((await cachedKeyedList(crm, 'activity', spec([]), { cache })).items).to.deep.equal([]);
    expect(crm.asked).to.deep.equal(['list contact:1']);
  });
});
