import type { DataAdapter } from '../adapter/data-adapter.js';
import { compareBy } from '../adapter/match.js';
import type { LoadProgress, ListQuery } from '../adapter/query.js';
import type { EntityMap, EntityName } from '../model/entities.js';
import { openCache } from './cache.js';
import type { CacheOptions, CrmCache } from './cache.js';
import { encodeColumns } from './columnar.js';
import type { ColumnarChunk } from './columnar.js';
import { mergeIncremental } from './merge.js';
import { queryKey } from './query-key.js';

export interface CachedListOptions {
  /** The partition's cache; without one the list is simply loaded. */
  readonly cache?: CrmCache;
  /** Bypass the cached copy and reload everything. */
  readonly force?: boolean;
  /**
   * Bring the cached copy up to date now (the user's "Refresh" on a large list): the records
   * modified since it was fetched plus the live ids, when the adapter can tell both; else, or
   * when the copy is older than {@link fullReloadAfterMs}, everything is loaded again.
   */
  readonly refresh?: boolean;
  /**
   * With `refresh`, a copy older than this is loaded again in full (default 7 days): an id check
   * by range counts cannot see a record that left a filtered list where another entered, so such
   * a record does not linger past a week.
   */
  readonly fullReloadAfterMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: LoadProgress) => void;
  /**
   * A cached copy younger than this is returned without asking the CRM; an older one is
   * refreshed (incrementally when the adapter can). Default: no limit, the copy is used until
   * a forced refresh, and the widget shows "data as of".
   */
  readonly maxAgeMs?: number;
  /** Records per page of a full load; each page is stored for resuming. Default 1,000. */
  readonly pageSize?: number;
  /** Subtracted from the last fetch time for `modifiedSince`, against clock skew. Default 60 s. */
  readonly skewMs?: number;
}

export interface CachedListResult<T> {
  readonly items: readonly T[];
  /** When the data was fetched from the CRM (for "data as of"). */
  readonly fetchedAt: number;
  /** True when no request reached the CRM. */
  readonly fromCache: boolean;
}

/**
 * Loads a whole list through the cache:
 *
 * 1. unless `force` or `refresh`, a complete cached copy younger than `maxAgeMs` is returned as is;
 * 2. an older copy is refreshed incrementally when the adapter's capabilities say both
 *    `incremental` and `ids` for the entity: records modified since the copy was fetched plus
 *    every live id (for deletions and records that left the filter), merged into the copy;
 * 3. otherwise the list is loaded page by page, each page stored with its cursor, so a load
 *    interrupted (closed tab, cancel, network error) continues from where it stopped next
 *    time; the data becomes a cached dataset only after the last page.
 *
 * Queries with `limit` (one page, not a list) bypass the cache.
 */
export async function cachedList<E extends EntityName>(
  adapter: DataAdapter,
  entity: E,
  query: ListQuery<E> = {},
  options: CachedListOptions = {},
): Promise<CachedListResult<EntityMap[E]>> {
  const { cache, signal, onProgress } = options;
  const now = (): number => (cache ? cache.now() : Date.now());
  if (!cache || query.limit !== undefined) {
    const startedAt = now();
    const r = await adapter.list(entity, query, { signal, onProgress });
    signal?.throwIfAborted();
    return { items: r.items, fetchedAt: startedAt, fromCache: false };
  }
  const key = queryKey(query);
  const stored = options.force ? undefined : await cache.get(entity, key);
  signal?.throwIfAborted();
  // A refresh starts from the copy unless it is too old to trust its id check.
  const cached = stored && options.refresh && now() - stored.fetchedAt > (options.fullReloadAfterMs ?? 7 * 86_400_000) ? undefined : stored;
  if (cached && !options.refresh && now() - cached.fetchedAt <= (options.maxAgeMs ?? Infinity)) {
    return { items: cached.items, fetchedAt: cached.fetchedAt, fromCache: true };
  }

  const caps = await adapter.capabilities({ signal });
  signal?.throwIfAborted();
  const cap = caps.entities[entity];
  if (cached && cap?.incremental && cap.ids) {
    const startedAt = now();
    const since = cached.fetchedAt - (options.skewMs ?? 60_000);
    // The changes first, then the id check against the copy *with* them: a record can only
    // enter a filtered list by being modified (or created), so the copy plus the changes holds
    // every id the list has now, and an adapter that checks ids by counting ranges
    // (Bitrix24) sees a range lose a record even when another record entered the same range
    // at once. Checked against the copy alone, the two would cancel out and the record that
    // left the filter (an invoice no longer paid, a task completed) would stay.
    const changed = await adapter.list(entity, { ...query, modifiedSince: since }, { signal, onProgress });
    signal?.throwIfAborted();
    const known = new Set(cached.items.map((r) => (r as { id: string }).id));
    for (const r of changed.items) known.add((r as { id: string }).id);
    const ids = await adapter.listIds(entity, query.filter, { signal, knownIds: [...known] });
    signal?.throwIfAborted();
    const merged = mergeIncremental(cached.items, { modified: changed.items, liveIds: ids });
    if (query.order) merged.sort(compareBy(query.order));
    await cache.put(entity, key, merged, startedAt);
    return { items: merged, fetchedAt: startedAt, fromCache: false };
  }

  const load = await cache.beginLoad(entity, key, { resume: !options.force && !options.refresh });
  signal?.throwIfAborted();
  if (load.resumed) onProgress?.({ entity, loaded: load.items.length, total: load.total });
  let cursor = load.cursor;
  for (;;) {
    const page = await adapter.list(entity, { ...query, limit: options.pageSize ?? 1000, cursor }, { signal });
    signal?.throwIfAborted();
    await load.append(page.items, page.nextCursor, page.total);
    onProgress?.({ entity, loaded: load.items.length, total: page.total });
    if (page.nextCursor === undefined) break;
    cursor = page.nextCursor;
  }
  const done = await load.commit();
  return { items: done.items, fetchedAt: done.fetchedAt, fromCache: false };
}

/** Opens the cache of the adapter's partition (its CRM origin and user). */
export async function openCacheFor(adapter: DataAdapter, options: CacheOptions & { signal?: AbortSignal } = {}): Promise<CrmCache> {
  const id = await adapter.identity({ signal: options.signal });
  return openCache({ origin: id.origin, userId: id.userId }, options);
}

const shared = new WeakMap<DataAdapter, Promise<CrmCache>>();

/**
 * One cache per adapter for the whole page, so several widgets on one adapter share a
 * connection. Reopens after `clearAllCaches()` or `close()`. Options apply when it is opened.
 */
export async function sharedCacheFor(adapter: DataAdapter, options: CacheOptions = {}): Promise<CrmCache> {
  const existing = shared.get(adapter);
  if (existing) {
    const cache = await existing.catch(() => undefined);
    if (cache && !cache.closed) return cache;
  }
  const opening = openCacheFor(adapter, options);
  shared.set(adapter, opening);
  return opening;
}

export interface CachedColumnsResult {
  readonly chunks: readonly ColumnarChunk[];
  readonly count: number;
  readonly fetchedAt: number;
  readonly fromCache: boolean;
}

/**
 * Like {@link cachedList}, but returns the dataset as columnar chunks: on a warm start the
 * stored chunks as they are (no records built), which `readColumn` turns into typed arrays for
 * a fast first paint or a worker task. After a load from the CRM the fresh records are encoded.
 */
export async function cachedColumns<E extends EntityName>(
  adapter: DataAdapter,
  entity: E,
  query: ListQuery<E> = {},
  options: CachedListOptions = {},
): Promise<CachedColumnsResult> {
  const { cache } = options;
  if (cache && !options.force && !options.refresh && query.limit === undefined) {
    const cols = await cache.getColumns(entity, queryKey(query));
    options.signal?.throwIfAborted();
    if (cols && cache.now() - cols.fetchedAt <= (options.maxAgeMs ?? Infinity)) {
      return { chunks: cols.chunks, count: cols.count, fetchedAt: cols.fetchedAt, fromCache: true };
    }
  }
  const r = await cachedList(adapter, entity, query, options);
  return { chunks: [encodeColumns(r.items)], count: r.items.length, fetchedAt: r.fetchedAt, fromCache: r.fromCache };
}
