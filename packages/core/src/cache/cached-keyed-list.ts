import type { DataAdapter } from '../adapter/data-adapter.js';
import { matchesFilter } from '../adapter/match.js';
import type { FilterCondition, ListQuery } from '../adapter/query.js';
import type { EntityMap, EntityName } from '../model/entities.js';
import type { CachedListOptions, CachedListResult } from './cached-list.js';
import { queryKey } from './query-key.js';

/**
 * A list narrowed to a set of keys that changes from one load to the next: the records of `base`
 * whose `field` has (or, with `op: 'in'`, is) any of `keys` (the client base's dialogs of the cards
 * nothing else classes: `bindings has [contact:5, company:7, …]`; its company-less deals of the
 * clients without payments: `contactId in [5, 9, …]`).
 */
export interface KeyedListSpec<E extends EntityName> {
  /** The list without the key condition: what the CRM can scan portal-wide for changes. */
  readonly base: ListQuery<E>;
  /** The field the keys are matched against. */
  readonly field: string;
  /** `has` (default): a multi-valued field holds a key; `in`: a single-valued field is a key. */
  readonly op?: 'has' | 'in';
  readonly keys: readonly string[];
  /**
   * On refresh, also count which of the copy's records still exist, {@link COUNT_IDS} ids a
   * count, and list the ids of a count that came back short: deletions are then found at a command
   * per chunk of ids, not only at the weekly full reload. For CRMs that count a list of ids
   * cheaply (Bitrix24: one COUNT each).
   */
  readonly countOnRefresh?: boolean;
}

/**
 * Ids per count on refresh ({@link KeyedListSpec.countOnRefresh}): a condition naming more values
 * than a CRM command carries well (Bitrix24 parses a command under PHP's 1,000 input variables)
 * would be split by the adapter anyway.
 */
export const COUNT_IDS = 500;

export interface CachedKeyedListResult<T> extends CachedListResult<T> {
  /** The cache key the list is stored under (one per `base` and `field`, whatever the keys). */
  readonly queryKey: string;
}

/** The stored key set of a keyed list, valid while the list is stored as it was. */
interface StoredKeys {
  readonly keys: readonly string[];
}

/** The cache key of a keyed list: its base query, field and operator, not its keys. */
export function keyedQueryKey<E extends EntityName>(spec: Pick<KeyedListSpec<E>, 'base' | 'field' | 'op'>): string {
  return `${queryKey(spec.base)}|keyed:${spec.field}${spec.op === 'in' ? ':in' : ''}`;
}

/**
 * Loads a keyed list ({@link KeyedListSpec}) through the cache, stored once per base query
 * whatever the keys, with the key set it covers. With a cached copy:
 *
 * - records of keys no longer asked are dropped, and only the keys not covered yet are asked
 *   for (a new key set costs its new keys, not a new list);
 * - with `refresh` (or a copy older than `maxAgeMs`), the changes come from one scan of the base
 *   list's records modified since the copy (the key condition applied here: a list naming
 *   thousands of keys costs a command per key on Bitrix24, the portal-wide changes a few
 *   requests). A changed record that no longer has any key leaves the list.
 *
 * Deletions are checked on refresh only with `countOnRefresh` (the CRM cannot count a list narrowed
 * to thousands of keys cheaply, but it can count the copy's ids, 500 at a time). Otherwise a deleted
 * record stays until the copy is older than `fullReloadAfterMs` (default 7 days) and a refresh
 * loads the list again in full. Without a cache the list is read directly.
 */
export async function cachedKeyedList<E extends EntityName>(
  adapter: DataAdapter,
  entity: E,
  spec: KeyedListSpec<E>,
  options: CachedListOptions = {},
): Promise<CachedKeyedListResult<EntityMap[E]>> {
  const { cache, signal, onProgress } = options;
  const key = keyedQueryKey(spec);
  const condition: FilterCondition = { field: spec.field, op: spec.op ?? 'has', value: [...spec.keys] };
  const fullQuery = (keys: readonly string[]): ListQuery<E> => ({ ...spec.base, filter: [...(spec.base.filter ?? []), { ...condition, value: [...keys] }] });
  const now = (): number => (cache ? cache.now() : Date.now());
  const readAll = async (keys: readonly string[]): Promise<readonly EntityMap[E][]> => {
    if (!keys.length) return [];
    const r = await adapter.list(entity, fullQuery(keys), { signal, onProgress });
    signal?.throwIfAborted();
    return r.items;
  };
  if (!cache) {
    const startedAt = now();
    return { items: await readAll(spec.keys), fetchedAt: startedAt, fromCache: false, queryKey: key };
  }
  const resultName = `keys:${entity}:${key}`;
  const store = async (items: readonly EntityMap[E][], fetchedAt: number): Promise<void> => {
    await cache.put(entity, key, items, fetchedAt);
    await cache.putResult(resultName, { keys: [...spec.keys] } satisfies StoredKeys, [{ entity, queryKey: key, fetchedAt }]);
  };

  const stored = options.force ? undefined : await cache.get(entity, key);
  const storedKeys = stored ? await cache.getResult<StoredKeys>(resultName) : undefined;
  signal?.throwIfAborted();
  const age = stored ? now() - stored.fetchedAt : Infinity;
  const usable = stored && storedKeys && Array.isArray(storedKeys.value.keys) && !(options.refresh && age > (options.fullReloadAfterMs ?? 7 * 86_400_000));
  if (!stored || !usable) {
    const startedAt = now();
    const items = await readAll(spec.keys);
    await store(items, startedAt);
    return { items, fetchedAt: startedAt, fromCache: false, queryKey: key };
  }

  const wanted = new Set(spec.keys);
  const covered = new Set(storedKeys.value.keys);
  const added = spec.keys.filter((k) => !covered.has(k));
  const refresh = options.refresh === true || age > (options.maxAgeMs ?? Infinity);
  const keyed = (r: object): boolean => matchesFilter(r, [condition]);
  if (!refresh && added.length === 0 && covered.size === wanted.size) {
    return { items: stored.items, fetchedAt: stored.fetchedAt, fromCache: true, queryKey: key };
  }

  const startedAt = now();
  const since = stored.fetchedAt - (options.skewMs ?? 60_000);
  const changed = refresh ? (await adapter.list(entity, { ...spec.base, modifiedSince: since }, { signal, onProgress })).items : [];
  signal?.throwIfAborted();
  const fresh = await readAll(added);
  const byId = new Map<string, EntityMap[E]>();
  for (const r of stored.items) if (keyed(r)) byId.set((r as { id: string }).id, r);
  for (const r of fresh) byId.set((r as { id: string }).id, r);
  for (const r of changed) {
    const id = (r as { id: string }).id;
    if (keyed(r)) byId.set(id, r);
    else byId.delete(id);
  }
  if (refresh && spec.countOnRefresh) await dropDeleted(adapter, entity, byId, signal);
  const items = [...byId.values()];
  // Unrefreshed records are as old as the copy: its time stays "data as of" unless refreshed.
  const fetchedAt = refresh ? startedAt : stored.fetchedAt;
  await store(items, fetchedAt);
  return { items, fetchedAt, fromCache: false, queryKey: key };
}

/**
 * Counts, {@link COUNT_IDS} at a time, how many of the held records' ids the CRM still has, and
 * lists the ids of a count that came back short: what it no longer has was deleted.
 */
async function dropDeleted<E extends EntityName>(adapter: DataAdapter, entity: E, byId: Map<string, EntityMap[E]>, signal: AbortSignal | undefined): Promise<void> {
  // Numeric ids in order, so a chunk is a narrow id span (a CRM can count a primary-key range).
  const ids = [...byId.keys()].sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += COUNT_IDS) chunks.push(ids.slice(i, i + COUNT_IDS));
  // Ids only: a record that left the base list by a change came with the changes; what is asked
  // here is which still exist, a condition every CRM can count (Bitrix24: one COUNT per chunk,
  // also for activities, whose kinds it filters in the browser).
  const withIds = (chunk: readonly string[]): FilterCondition[] => [{ field: 'id', op: 'in', value: [...chunk] }];
  const counts = await Promise.all(chunks.map((chunk) => adapter.count(entity, withIds(chunk), { signal })));
  signal?.throwIfAborted();
  const short = chunks.filter((chunk, i) => counts[i] < chunk.length);
  const again = await Promise.all(short.map(async (chunk) => adapter.listIds(entity, withIds(chunk), { signal })));
  signal?.throwIfAborted();
  short.forEach((chunk, i) => {
    const present = new Set(again[i]);
    for (const id of chunk) if (!present.has(id)) byId.delete(id);
  });
}
