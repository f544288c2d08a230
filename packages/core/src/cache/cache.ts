import { openDB } from 'idb';
import type { EntityMap, EntityName } from '../model/entities.js';
import {
  CorruptCacheError,
  IdbBackend,
  MemoryBackend,
  deleteDatabase,
  hasIndexedDb,
  memoryPartitions,
  openPartitionDb,
} from './backend.js';
import type { CacheBackend, DatasetMeta, LoadMeta, ResultRecord } from './backend.js';
import { decodeColumns, encodeColumns } from './columnar.js';
import type { ColumnarChunk } from './columnar.js';
import { hash53 } from './hash.js';
import { yieldToPage } from '../worker/registry.js';

/**
 * Version of the cache's storage schema (stores, meta records, columnar format). Bump it on any
 * incompatible change: a database of another version is dropped and rebuilt, never read.
 */
export const CACHE_SCHEMA_VERSION = 2;

/** Every crmkit database name starts with it; `clearAllCaches` deletes them all. */
export const CACHE_DB_PREFIX = 'crmkit-cache-';
/** The small database listing partitions, so logout finds them even without `indexedDB.databases()`. */
export const CACHE_REGISTRY_DB = 'crmkit-cache-registry';

/** Whose data it is. Two users of one CRM may see different records, so they never share a cache. */
export interface CachePartition {
  /** The CRM's origin, e.g. `https://company.bitrix24.ru`. */
  readonly origin: string;
  readonly userId: string;
}

export interface CacheOptions {
  /** `false` keeps the cache in memory only (nothing written to the browser). Default: IndexedDB when available. */
  readonly persistent?: boolean;
  /**
   * Records per stored chunk. Default {@link DEFAULT_CHUNK_ROWS} (10,000): each chunk is encoded
   * in one main-thread task (~35 ms for 10,000 activities on a slow machine, ~170 ms for 50,000),
   * the page gets the thread back between chunks, and a warm start reads them all in one `getAll`.
   */
  readonly chunkRows?: number;
  /** Partitions unused and datasets unrefreshed for longer are deleted. Default 30 days. */
  readonly retentionMs?: number;
  /** An unfinished load older than this restarts instead of resuming. Default 24 hours. */
  readonly resumeMaxAgeMs?: number;
  /** Schema version to open; for tests of the rebuild path. Default {@link CACHE_SCHEMA_VERSION}. */
  readonly schemaVersion?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
  /**
   * Milliseconds after opening before the housekeeping (the partition registry's "last used"
   * write, retention pruning) runs. Default {@link HOUSEKEEPING_DELAY_MS}: a warm start's first
   * reads do not share the browser's IndexedDB backend with it.
   */
  readonly housekeepingDelayMs?: number;
}

/** Default delay of a cache's housekeeping after it opens (see `CacheOptions.housekeepingDelayMs`). */
export const HOUSEKEEPING_DELAY_MS = 5_000;

/** A complete dataset read from the cache. */
export interface CachedDataset<T> {
  readonly items: T[];
  readonly fetchedAt: number;
  readonly count: number;
}

/** A complete dataset as columns, for code that computes without building records (worker input). */
export interface CachedColumns {
  readonly chunks: ColumnarChunk[];
  readonly fetchedAt: number;
  readonly count: number;
}

/** A dataset a stored result was computed from, and when that dataset was fetched. */
export interface ResultSource {
  readonly entity: EntityName;
  readonly queryKey: string;
  readonly fetchedAt: number;
}

/** A stored result whose source datasets are all still stored as they were when it was computed. */
export interface StoredResult<T> {
  readonly value: T;
  readonly sources: readonly ResultSource[];
  /** The oldest `fetchedAt` of the sources: the result's data is as of then. */
  readonly fetchedAt: number;
  readonly storedAt: number;
}

const DAY = 86_400_000;

/** Default records per stored chunk (see {@link CacheOptions.chunkRows}). */
export const DEFAULT_CHUNK_ROWS = 10_000;
/** Records whose ids `commit` indexes per main-thread task before yielding to the page. */
const DEDUPE_SLICE_ROWS = 10_000;
const SEP = '\u241f';

/** Name of the partition's database: a hash, so neither the user id nor the origin shows in clear. */
export function partitionDbName(partition: CachePartition): string {
  return `${CACHE_DB_PREFIX}${hash53(`${partition.origin}\u0000${partition.userId}`)}`;
}

function datasetKey(entity: string, queryKey: string): string {
  return `${entity}${SEP}${queryKey}`;
}

function warn(message: string, e?: unknown): void {
  console.warn(`[crmkit] cache: ${message}`, ...(e === undefined ? [] : [e instanceof Error ? e.message : e]));
}

const openCaches = new Set<CrmCache>();
/** Registry writes and pruning in flight; `clearAllCaches` waits for them so nothing is recreated after it. */
const housekeeping = new Set<Promise<unknown>>();
/** Housekeeping scheduled and not started yet; `clearAllCaches` cancels it. */
const housekeepingTimers = new Set<ReturnType<typeof setTimeout>>();
let clearEpoch = 0;

async function touchRegistry(name: string, now: number, retentionMs: number): Promise<void> {
  if (!hasIndexedDb()) return;
  try {
    const db = await openDB(CACHE_REGISTRY_DB, 1, {
      upgrade(d) {
        for (const s of [...d.objectStoreNames]) d.deleteObjectStore(s);
        d.createObjectStore('partitions', { keyPath: 'name' });
      },
      blocking() {
        db.close();
      },
    });
    try {
      if (!db.objectStoreNames.contains('partitions')) throw new Error('registry lacks its store');
      await db.put('partitions', { name, lastUsedAt: now });
      const all: unknown[] = await db.getAll('partitions');
      // Retention: a partition nobody opened for `retentionMs` (a former user of this browser) goes.
      for (const p of all) {
        const entry = p as { name?: unknown; lastUsedAt?: unknown };
        if (typeof entry?.name !== 'string') continue;
        if (entry.name !== name && (typeof entry.lastUsedAt !== 'number' || now - entry.lastUsedAt > retentionMs)) {
          await deleteDatabase(entry.name);
          await db.delete('partitions', entry.name);
        }
      }
    } finally {
      db.close();
    }
  } catch (e) {
    warn('partition registry unavailable, rebuilding it', e);
    await deleteDatabase(CACHE_REGISTRY_DB);
  }
}

/**
 * The cache of one partition (CRM origin + user). Every method resolves, never rejects on
 * storage trouble: a broken database is deleted and rebuilt with a console warning and the
 * read returns "nothing cached"; a failed write leaves the cache without that dataset.
 * Only complete loads are returned; unfinished ones are kept apart for resuming.
 */
export class CrmCache {
  readonly partition: CachePartition;
  readonly dbName: string;
  private backend: Promise<CacheBackend>;
  private readonly options: Required<Omit<CacheOptions, 'persistent'>>;
  private readonly epoch = clearEpoch;
  private disposed = false;

  /** Use {@link openCache}. */
  constructor(partition: CachePartition, backend: Promise<CacheBackend>, options: CacheOptions) {
    this.partition = partition;
    this.dbName = partitionDbName(partition);
    this.backend = backend;
    this.options = {
      chunkRows: Math.max(1, options.chunkRows ?? DEFAULT_CHUNK_ROWS),
      retentionMs: options.retentionMs ?? 30 * DAY,
      resumeMaxAgeMs: options.resumeMaxAgeMs ?? DAY,
      schemaVersion: options.schemaVersion ?? CACHE_SCHEMA_VERSION,
      now: options.now ?? Date.now,
      housekeepingDelayMs: options.housekeepingDelayMs ?? HOUSEKEEPING_DELAY_MS,
    };
    openCaches.add(this);
  }

  /** True after `close()` or `clearAllCaches()`: the instance reads and stores nothing any more. */
  get closed(): boolean {
    return this.disposed || this.epoch !== clearEpoch;
  }

  /** False when the cache lives in memory only (no IndexedDB here): it empties on reload. */
  async isPersistent(): Promise<boolean> {
    return (await this.backend).persistent;
  }

  /** The current time by the cache's clock. */
  now(): number {
    return this.options.now();
  }

  /** Runs a storage operation; on failure rebuilds the database once and returns `fallback`. */
  private async run<R>(what: string, op: (b: CacheBackend) => Promise<R>, fallback: R, retry = false): Promise<R> {
    if (this.disposed || this.epoch !== clearEpoch) return fallback;
    const backend = await this.backend;
    try {
      return await op(backend);
    } catch (e) {
      if (this.disposed) return fallback;
      warn(`${what} failed${e instanceof CorruptCacheError ? ' (corrupt data)' : ''}; rebuilding ${this.dbName}`, e);
      await this.rebuild(backend);
      if (!retry) return fallback;
      try {
        return await op(await this.backend);
      } catch (e2) {
        warn(`${what} failed again, not cached`, e2);
        return fallback;
      }
    }
  }

  private rebuilding?: Promise<CacheBackend>;
  private async rebuild(broken: CacheBackend): Promise<void> {
    if ((await this.backend) !== broken) return;
    if (!this.rebuilding) {
      this.rebuilding = (async () => {
        broken.close();
        if (!broken.persistent) {
          await broken.clear();
          return broken;
        }
        await deleteDatabase(this.dbName);
        return openBackend(this.dbName, this.options.schemaVersion, true);
      })();
      this.backend = this.rebuilding;
      await this.rebuilding;
      this.rebuilding = undefined;
    } else {
      await this.rebuilding;
    }
  }

  /** The complete dataset as columns, or undefined when none is cached. */
  async getColumns(entity: EntityName, queryKey: string): Promise<CachedColumns | undefined> {
    const key = datasetKey(entity, queryKey);
    const found = await this.run('read', (b) => b.getDataset(key), undefined);
    if (!found) return undefined;
    return { chunks: found.chunks, fetchedAt: found.meta.fetchedAt, count: found.meta.count };
  }

  /** The complete dataset, or undefined when none is cached (never a partial one). */
  async get<E extends EntityName>(entity: E, queryKey: string): Promise<CachedDataset<EntityMap[E]> | undefined> {
    const cols = await this.getColumns(entity, queryKey);
    if (!cols) return undefined;
    try {
      return { items: decodeChunks<EntityMap[E]>(cols.chunks), fetchedAt: cols.fetchedAt, count: cols.count };
    } catch (e) {
      // Passed the structural check yet failed to decode (e.g. a JSON column that is not JSON).
      warn(`stored ${entity} cannot be decoded; rebuilding ${this.dbName}`, e);
      await this.rebuild(await this.backend);
      return undefined;
    }
  }

  /** Stores the result of a COMPLETE load, replacing any previous one and any unfinished load. */
  async put<E extends EntityName>(entity: E, queryKey: string, records: readonly EntityMap[E][], fetchedAt: number): Promise<void> {
    const key = datasetKey(entity, queryKey);
    const chunks = await encodeChunks(records, this.options.chunkRows);
    const meta: DatasetMeta = {
      key,
      entity,
      queryKey,
      fetchedAt,
      complete: true,
      count: records.length,
      chunks: chunks.length,
      storedAt: this.now(),
    };
    await this.run('write', (b) => b.putDataset(meta, chunks), undefined, true);
  }

  /**
   * Stores a result computed from cached datasets under `name` (replacing the previous one), so
   * a reload can show it before decoding the datasets: a few typed arrays read back in a few
   * milliseconds where 250,000 records take seconds. Keep `value` to typed arrays, string
   * tables and small plain data. Never rejects; a failed write leaves no result.
   */
  async putResult(name: string, value: unknown, sources: readonly ResultSource[]): Promise<void> {
    const record: ResultRecord = {
      key: name,
      sources: sources.map((s) => ({ key: datasetKey(s.entity, s.queryKey), fetchedAt: s.fetchedAt })),
      storedAt: this.now(),
      value,
    };
    await this.run('write result', (b) => b.putResult(record), undefined, true);
  }

  /**
   * The result stored under `name`, only while every dataset it was computed from is still
   * stored with the same `fetchedAt` (a refresh of any source makes it undefined: never a result
   * of other data than the cache holds). The caller validates `value`'s own shape.
   */
  async getResult<T>(name: string): Promise<StoredResult<T> | undefined> {
    const found = await this.run('read result', (b) => b.getResult(name, (r) => r.sources.map((s) => s.key)), undefined);
    if (!found) return undefined;
    const { record } = found;
    if (found.sources.some((m, i) => m === undefined || m.fetchedAt !== record.sources[i].fetchedAt)) return undefined;
    const sources = record.sources.map((s, i) => ({ entity: (found.sources[i] as DatasetMeta).entity as EntityName, queryKey: (found.sources[i] as DatasetMeta).queryKey, fetchedAt: s.fetchedAt }));
    const fetchedAt = sources.reduce((a, s) => Math.min(a, s.fetchedAt), Number.POSITIVE_INFINITY);
    return { value: record.value as T, sources, fetchedAt: Number.isFinite(fetchedAt) ? fetchedAt : record.storedAt, storedAt: record.storedAt };
  }

  /** Forgets a stored result. */
  async deleteResult(name: string): Promise<void> {
    await this.run('delete result', (b) => b.deleteResult(name), undefined);
  }

  /** Forgets one dataset (and its unfinished load). */
  async delete(entity: EntityName, queryKey: string): Promise<void> {
    const key = datasetKey(entity, queryKey);
    await this.run('delete', async (b) => {
      await b.deleteDataset(key);
      await b.deleteLoad(key);
    }, undefined);
  }

  /** Metas of every complete dataset in this partition. */
  async list(): Promise<DatasetMeta[]> {
    return this.run('list', (b) => b.listDatasets(), []);
  }

  /** Deletes datasets fetched longer ago than the retention period. */
  async prune(): Promise<number> {
    const now = this.now();
    const old = (await this.list()).filter((m) => now - m.fetchedAt > this.options.retentionMs);
    for (const m of old) await this.run('prune', (b) => b.deleteDataset(m.key), undefined);
    return old.length;
  }

  /**
   * Starts a chunked load, or resumes the unfinished one of the same dataset: the returned
   * load holds the records stored so far and the cursor of the next page. Each `append` stores
   * its page before resolving, so a closed tab loses at most the page in flight. Only
   * `commit`, after the last page, makes the data a complete dataset.
   */
  async beginLoad<E extends EntityName>(entity: E, queryKey: string, options: { resume?: boolean } = {}): Promise<PartialLoad<EntityMap[E]>> {
    const key = datasetKey(entity, queryKey);
    const now = this.now();
    if (options.resume !== false) {
      const found = await this.run('read unfinished load', (b) => b.getLoad(key), undefined);
      if (found && now - found.meta.updatedAt <= this.options.resumeMaxAgeMs && found.meta.cursor !== undefined) {
        try {
          return new PartialLoad<EntityMap[E]>(this, found.meta, decodeChunks<EntityMap[E]>(found.chunks));
        } catch (e) {
          warn(`unfinished ${entity} load cannot be decoded, restarting`, e);
        }
      }
    }
    await this.run('drop unfinished load', (b) => b.deleteLoad(key), undefined);
    return new PartialLoad<EntityMap[E]>(this, { key, entity, queryKey, startedAt: now, updatedAt: now, loaded: 0, pages: 0 }, []);
  }

  /** @internal */
  async storePage(meta: LoadMeta, records: readonly object[]): Promise<void> {
    const page = encodeColumns(records);
    await this.run('store page', (b) => b.appendLoad(meta, page), undefined);
  }

  /** @internal */
  async dropLoad(key: string): Promise<void> {
    await this.run('drop unfinished load', (b) => b.deleteLoad(key), undefined);
  }

  /** Empties this partition (its database stays, empty). */
  async clear(): Promise<void> {
    await this.run('clear', (b) => b.clear(), undefined);
  }

  /** Closes the database connection; later calls return nothing and store nothing. */
  close(): void {
    this.disposed = true;
    openCaches.delete(this);
    void this.backend.then((b) => b.close());
  }
}

/** An unfinished, resumable load. See {@link CrmCache.beginLoad}. */
export class PartialLoad<T> {
  private meta: LoadMeta;
  private done = false;
  /** Records loaded so far, including those restored from an interrupted session. */
  readonly items: T[];

  /** @internal */
  constructor(
    private readonly cache: CrmCache,
    meta: LoadMeta,
    items: T[],
  ) {
    this.meta = meta;
    this.items = items;
  }

  /** True when this load continues one stopped earlier. */
  get resumed(): boolean {
    return this.meta.pages > 0;
  }
  /** Cursor of the next page; undefined for a load not started yet. */
  get cursor(): string | undefined {
    return this.meta.cursor;
  }
  get startedAt(): number {
    return this.meta.startedAt;
  }
  get total(): number | undefined {
    return this.meta.total;
  }
  get complete(): boolean {
    return this.done;
  }

  /**
   * Adds one page. `nextCursor` undefined means it was the last page. The page and cursor are
   * stored for resuming unless it was the last (then `commit` stores the whole dataset).
   */
  async append(records: readonly T[], nextCursor: string | undefined, total?: number): Promise<void> {
    if (this.done) throw new Error('PartialLoad.append after the last page');
    for (const r of records) this.items.push(r);
    const now = this.cache.now();
    if (nextCursor === undefined) {
      this.done = true;
      return;
    }
    this.meta = {
      ...this.meta,
      cursor: nextCursor,
      loaded: this.meta.loaded + records.length,
      total: total ?? this.meta.total,
      pages: this.meta.pages + 1,
      updatedAt: now,
    };
    await this.cache.storePage(this.meta, records as readonly object[]);
  }

  /**
   * Stores the loaded records as a complete dataset, fetched at the load's start (so an
   * incremental refresh later also catches changes made while a long load ran). Rejects when
   * the last page has not been appended: a partial load is never stored as complete.
   */
  async commit(fetchedAt = this.meta.startedAt): Promise<CachedDataset<T>> {
    if (!this.done) throw new Error('PartialLoad.commit before the last page: a partial load is never stored as complete');
    await dedupeById(this.items);
    await this.cache.put(this.meta.entity as EntityName, this.meta.queryKey, this.items as never[], fetchedAt);
    return { items: this.items, fetchedAt, count: this.items.length };
  }

  /** Forgets the pages stored so far. */
  async abandon(): Promise<void> {
    this.done = true;
    await this.cache.dropLoad(this.meta.key);
  }
}

/**
 * Pages fetched by offset may repeat a record when the list shifts between pages (a record
 * created meanwhile); keeps the last copy of each id, in place. Indexes the ids in slices,
 * yielding to the page between them (60,000 ids take ~50 ms in one go on a slow machine).
 */
async function dedupeById(items: unknown[]): Promise<void> {
  const last = new Map<unknown, number>();
  for (let at = 0; at < items.length; at += DEDUPE_SLICE_ROWS) {
    if (at > 0) await yieldToPage();
    const end = Math.min(items.length, at + DEDUPE_SLICE_ROWS);
    for (let i = at; i < end; i++) last.set((items[i] as { id?: unknown }).id, i);
  }
  if (last.size === items.length) return;
  let w = 0;
  for (let i = 0; i < items.length; i++) {
    const id = (items[i] as { id?: unknown }).id;
    if (id === undefined || last.get(id) === i) items[w++] = items[i];
  }
  items.length = w;
}

/**
 * Encodes chunk by chunk, one chunk per main-thread task: a dataset of several chunks yields to
 * the page before each, so its encoding never shares a task with the caller's own work.
 */
async function encodeChunks(records: readonly object[], rows: number): Promise<ColumnarChunk[]> {
  if (records.length === 0) return [encodeColumns([])];
  const out: ColumnarChunk[] = [];
  for (let at = 0; at < records.length; at += rows) {
    if (records.length > rows) await yieldToPage();
    out.push(encodeColumns(records.slice(at, at + rows)));
  }
  return out;
}

/** Decodes stored chunks into one list of records. */
export function decodeChunks<T>(chunks: readonly ColumnarChunk[]): T[] {
  if (chunks.length === 1) return decodeColumns<T>(chunks[0]);
  const out: T[] = [];
  for (const c of chunks) {
    const part = decodeColumns<T>(c);
    for (let i = 0; i < part.length; i++) out.push(part[i]);
  }
  return out;
}

async function openBackend(name: string, version: number, persistent: boolean): Promise<CacheBackend> {
  if (persistent && hasIndexedDb()) {
    try {
      return new IdbBackend(await openPartitionDb(name, version));
    } catch (e) {
      warn(`IndexedDB unavailable for ${name}, caching in memory for this page`, e);
    }
  }
  return new MemoryBackend(name);
}

/**
 * Opens the cache of one partition. Never rejects: without IndexedDB (or when it fails even
 * after a rebuild) the cache works in memory for the page's lifetime.
 */
export async function openCache(partition: CachePartition, options: CacheOptions = {}): Promise<CrmCache> {
  const name = partitionDbName(partition);
  const persistent = options.persistent !== false;
  const backend = openBackend(name, options.schemaVersion ?? CACHE_SCHEMA_VERSION, persistent);
  const cache = new CrmCache(partition, backend, options);
  await backend;
  if (persistent) {
    const now = cache.now();
    const retention = options.retentionMs ?? 30 * DAY;
    const epoch = clearEpoch;
    // Housekeeping off the critical path of a warm start: a few seconds later, once the page's
    // first reads are done (a page closed before then leaves it to the next visit).
    const timer = setTimeout(() => {
      housekeepingTimers.delete(timer);
      if (epoch !== clearEpoch) return;
      const job = touchRegistry(name, now, retention)
        .then(() => cache.prune())
        .catch(() => undefined)
        .finally(() => housekeeping.delete(job));
      housekeeping.add(job);
    }, options.housekeepingDelayMs ?? HOUSEKEEPING_DELAY_MS);
    housekeepingTimers.add(timer);
  }
  return cache;
}

/**
 * Deletes every crmkit cache of this browser profile (for logout): each partition's
 * database, the registry, and the in-memory fallbacks. Open caches of this page are closed
 * and read nothing afterwards. Resolves when done; never rejects.
 */
export async function clearAllCaches(): Promise<void> {
  clearEpoch++;
  for (const c of [...openCaches]) c.close();
  for (const t of housekeepingTimers) clearTimeout(t);
  housekeepingTimers.clear();
  await Promise.all([...housekeeping]);
  memoryPartitions.clear();
  if (!hasIndexedDb()) return;
  const names = new Set<string>();
  try {
    const db = await openDB(CACHE_REGISTRY_DB);
    try {
      if (db.objectStoreNames.contains('partitions')) {
        for (const k of await db.getAllKeys('partitions')) if (typeof k === 'string') names.add(k);
      }
    } finally {
      db.close();
    }
  } catch (e) {
    warn('registry unreadable during clear', e);
  }
  try {
    const list = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
    for (const d of list) if (d.name?.startsWith(CACHE_DB_PREFIX)) names.add(d.name);
  } catch {
    // `databases()` is missing in old browsers; the registry covers them.
  }
  names.add(CACHE_REGISTRY_DB);
  await Promise.all([...names].filter((n) => n.startsWith(CACHE_DB_PREFIX)).map((n) => deleteDatabase(n)));
}

