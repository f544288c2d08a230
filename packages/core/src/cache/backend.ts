import { deleteDB, openDB } from 'idb';
import type { IDBPDatabase } from 'idb';
import { isColumnarChunk } from './columnar.js';
import type { ColumnarChunk } from './columnar.js';

/**
 * Storage backends of the cache: IndexedDB (one database per partition) and an in-memory
 * stand-in for browsers or contexts without IndexedDB (private modes, sandboxed iframes,
 * Node). Both store the same columnar chunks; `CrmCache` does the encoding and error handling.
 */

/** Meta of a complete dataset. Its chunks are stored under `[key, 0…chunks-1]`. */
export interface DatasetMeta {
  /** `entity␟queryKey`. */
  readonly key: string;
  readonly entity: string;
  readonly queryKey: string;
  /** When the data was fetched (start of the load, so a later incremental refresh misses nothing). */
  readonly fetchedAt: number;
  /** Always true: only complete loads are stored here. */
  readonly complete: true;
  readonly count: number;
  readonly chunks: number;
  /** When it was written. */
  readonly storedAt: number;
}

/** Meta of an unfinished load: the pages stored so far and where to continue. */
export interface LoadMeta {
  readonly key: string;
  readonly entity: string;
  readonly queryKey: string;
  readonly startedAt: number;
  readonly updatedAt: number;
  /** Cursor of the next page; undefined before the first page. */
  readonly cursor?: string;
  readonly loaded: number;
  readonly total?: number;
  readonly pages: number;
}

export class CorruptCacheError extends Error {
  override readonly name = 'CorruptCacheError';
}

export interface CacheBackend {
  readonly persistent: boolean;
  getDataset(key: string): Promise<{ meta: DatasetMeta; chunks: ColumnarChunk[] } | undefined>;
  /** Replaces the dataset atomically, and drops the unfinished load of the same key. */
  putDataset(meta: DatasetMeta, chunks: readonly ColumnarChunk[]): Promise<void>;
  deleteDataset(key: string): Promise<void>;
  listDatasets(): Promise<DatasetMeta[]>;
  getLoad(key: string): Promise<{ meta: LoadMeta; chunks: ColumnarChunk[] } | undefined>;
  /** Stores one more page of an unfinished load and its new cursor, atomically. */
  appendLoad(meta: LoadMeta, page: ColumnarChunk): Promise<void>;
  deleteLoad(key: string): Promise<void>;
  /**
   * A stored derived result and the metas of the datasets it was computed from (read in the
   * same transaction, so the caller can tell whether those are still the stored ones).
   */
  getResult(key: string, sourceKeys: (record: ResultRecord) => readonly string[]): Promise<{ record: ResultRecord; sources: (DatasetMeta | undefined)[] } | undefined>;
  putResult(record: ResultRecord): Promise<void>;
  deleteResult(key: string): Promise<void>;
  clear(): Promise<void>;
  close(): void;
}

/**
 * A result computed from cached datasets (e.g. the client base's classification), stored so a
 * reload can paint from it before the datasets are decoded. Its `value` is the caller's
 * (typed arrays and string tables clone as blocks); `sources` are the datasets it was computed
 * from with their `fetchedAt`.
 */
export interface ResultRecord {
  readonly key: string;
  readonly sources: readonly { readonly key: string; readonly fetchedAt: number }[];
  readonly storedAt: number;
  readonly value: unknown;
}

export const STORES = ['datasets', 'chunks', 'loads', 'loadChunks', 'results'] as const;

function checkResult(v: unknown, key: string): ResultRecord | undefined {
  if (v === undefined) return undefined;
  const r = v as Partial<ResultRecord> | null;
  if (
    !r ||
    typeof r !== 'object' ||
    r.key !== key ||
    typeof r.storedAt !== 'number' ||
    !Array.isArray(r.sources) ||
    !r.sources.every((s: unknown) => typeof s === 'object' && s !== null && typeof (s as { key?: unknown }).key === 'string' && typeof (s as { fetchedAt?: unknown }).fetchedAt === 'number')
  ) {
    throw new CorruptCacheError(`result ${key} is malformed`);
  }
  return r as ResultRecord;
}

function checkMeta(v: unknown, key: string): DatasetMeta | undefined {
  if (v === undefined) return undefined;
  const m = v as Partial<DatasetMeta> | null;
  if (
    !m ||
    typeof m !== 'object' ||
    m.key !== key ||
    m.complete !== true ||
    typeof m.fetchedAt !== 'number' ||
    typeof m.count !== 'number' ||
    typeof m.chunks !== 'number'
  ) {
    throw new CorruptCacheError(`dataset meta of ${key} is malformed`);
  }
  return m as DatasetMeta;
}

function checkLoad(v: unknown, key: string): LoadMeta | undefined {
  if (v === undefined) return undefined;
  const m = v as Partial<LoadMeta> | null;
  if (!m || typeof m !== 'object' || m.key !== key || typeof m.startedAt !== 'number' || typeof m.pages !== 'number') {
    throw new CorruptCacheError(`load meta of ${key} is malformed`);
  }
  return m as LoadMeta;
}

function checkChunks(chunks: readonly unknown[], expected: number, count: number | undefined, key: string): ColumnarChunk[] {
  if (chunks.length !== expected) throw new CorruptCacheError(`${key}: ${chunks.length} chunks stored, ${expected} expected`);
  let n = 0;
  for (const c of chunks) {
    if (!isColumnarChunk(c)) throw new CorruptCacheError(`${key}: a chunk is not columnar data`);
    n += c.n;
  }
  if (count !== undefined && n !== count) throw new CorruptCacheError(`${key}: ${n} records stored, ${count} expected`);
  return chunks as ColumnarChunk[];
}

function range(key: string): IDBKeyRange {
  return IDBKeyRange.bound([key, 0], [key, Infinity]);
}

export class IdbBackend implements CacheBackend {
  readonly persistent = true;
  constructor(private readonly db: IDBPDatabase) {}

  async getDataset(key: string): Promise<{ meta: DatasetMeta; chunks: ColumnarChunk[] } | undefined> {
    const tx = this.db.transaction(['datasets', 'chunks'], 'readonly');
    const [rawMeta, rawChunks] = await Promise.all([tx.objectStore('datasets').get(key), tx.objectStore('chunks').getAll(range(key))]);
    const meta = checkMeta(rawMeta, key);
    if (!meta) return undefined;
    return { meta, chunks: checkChunks(rawChunks, meta.chunks, meta.count, key) };
  }

  /**
   * One transaction, so the dataset is complete or absent (an interrupted write leaves the
   * previous one), written in steps: each chunk is put from the success of the previous
   * request, so the structured clone of a big dataset is spread over tasks instead of blocking
   * the page in one (the transaction stays active across these awaits). The meta, the
   * completeness marker, is put last.
   */
  async putDataset(meta: DatasetMeta, chunks: readonly ColumnarChunk[]): Promise<void> {
    const tx = this.db.transaction(STORES, 'readwrite');
    const done = tx.done;
    try {
      await Promise.all([
        tx.objectStore('chunks').delete(range(meta.key)),
        tx.objectStore('loads').delete(meta.key),
        tx.objectStore('loadChunks').delete(range(meta.key)),
      ]);
      const store = tx.objectStore('chunks');
      for (let i = 0; i < chunks.length; i++) await store.put(chunks[i], [meta.key, i]);
      await tx.objectStore('datasets').put(meta);
    } catch (e) {
      try {
        tx.abort();
      } catch {
        // Already aborted by the failed request.
      }
      await done.catch(() => undefined);
      throw e;
    }
    await done;
  }

  async deleteDataset(key: string): Promise<void> {
    const tx = this.db.transaction(['datasets', 'chunks'], 'readwrite');
    await Promise.all([tx.objectStore('datasets').delete(key), tx.objectStore('chunks').delete(range(key)), tx.done]);
  }

  async listDatasets(): Promise<DatasetMeta[]> {
    const all: unknown[] = await this.db.getAll('datasets');
    return all.filter((m): m is DatasetMeta => typeof m === 'object' && m !== null && typeof (m as DatasetMeta).key === 'string');
  }

  async getLoad(key: string): Promise<{ meta: LoadMeta; chunks: ColumnarChunk[] } | undefined> {
    const tx = this.db.transaction(['loads', 'loadChunks'], 'readonly');
    const [rawMeta, rawChunks] = await Promise.all([tx.objectStore('loads').get(key), tx.objectStore('loadChunks').getAll(range(key))]);
    const meta = checkLoad(rawMeta, key);
    if (!meta) return undefined;
    return { meta, chunks: checkChunks(rawChunks, meta.pages, meta.loaded, key) };
  }

  async appendLoad(meta: LoadMeta, page: ColumnarChunk): Promise<void> {
    const tx = this.db.transaction(['loads', 'loadChunks'], 'readwrite');
    await Promise.all([
      tx.objectStore('loadChunks').put(page, [meta.key, meta.pages - 1]),
      tx.objectStore('loads').put(meta),
      tx.done,
    ]);
  }

  async deleteLoad(key: string): Promise<void> {
    const tx = this.db.transaction(['loads', 'loadChunks'], 'readwrite');
    await Promise.all([tx.objectStore('loads').delete(key), tx.objectStore('loadChunks').delete(range(key)), tx.done]);
  }

  async getResult(key: string, sourceKeys: (record: ResultRecord) => readonly string[]): Promise<{ record: ResultRecord; sources: (DatasetMeta | undefined)[] } | undefined> {
    // One round trip: the result and every dataset meta (a few small records) at once.
    const tx = this.db.transaction(['results', 'datasets'], 'readonly');
    const [raw, all] = await Promise.all([tx.objectStore('results').get(key), tx.objectStore('datasets').getAll() as Promise<unknown[]>]);
    const record = checkResult(raw, key);
    if (!record) return undefined;
    const byKey = new Map<unknown, unknown>(all.map((m) => [(m as { key?: unknown } | null)?.key, m]));
    const keys = sourceKeys(record);
    return { record, sources: keys.map((k) => checkMeta(byKey.get(k), k)) };
  }

  async putResult(record: ResultRecord): Promise<void> {
    await this.db.put('results', record);
  }

  async deleteResult(key: string): Promise<void> {
    await this.db.delete('results', key);
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(STORES, 'readwrite');
    await Promise.all([...STORES.map((s) => tx.objectStore(s).clear()), tx.done]);
  }

  close(): void {
    this.db.close();
  }
}

interface MemoryData {
  datasets: Map<string, { meta: DatasetMeta; chunks: readonly ColumnarChunk[] }>;
  loads: Map<string, { meta: LoadMeta; chunks: ColumnarChunk[] }>;
  results: Map<string, ResultRecord>;
}

/** In-memory partitions of this page, by database name; cleared by `clearAllCaches`. */
export const memoryPartitions = new Map<string, MemoryData>();

/**
 * The fallback where IndexedDB is missing or broken beyond repair: same behaviour for the
 * page's lifetime, nothing survives a reload. Reads return copies, like IndexedDB does, so a
 * caller may transfer or mutate what it gets.
 */
export class MemoryBackend implements CacheBackend {
  readonly persistent = false;
  private readonly data: MemoryData;
  constructor(name: string) {
    let data = memoryPartitions.get(name);
    if (!data) {
      data = { datasets: new Map(), loads: new Map(), results: new Map() };
      memoryPartitions.set(name, data);
    }
    this.data = data;
  }
  async getDataset(key: string): Promise<{ meta: DatasetMeta; chunks: ColumnarChunk[] } | undefined> {
    const d = this.data.datasets.get(key);
    return d && { meta: d.meta, chunks: structuredClone([...d.chunks]) };
  }
  async putDataset(meta: DatasetMeta, chunks: readonly ColumnarChunk[]): Promise<void> {
    this.data.datasets.set(meta.key, { meta, chunks: structuredClone([...chunks]) });
    this.data.loads.delete(meta.key);
  }
  async deleteDataset(key: string): Promise<void> {
    this.data.datasets.delete(key);
  }
  async listDatasets(): Promise<DatasetMeta[]> {
    return [...this.data.datasets.values()].map((d) => d.meta);
  }
  async getLoad(key: string): Promise<{ meta: LoadMeta; chunks: ColumnarChunk[] } | undefined> {
    const d = this.data.loads.get(key);
    return d && { meta: d.meta, chunks: structuredClone(d.chunks) };
  }
  async appendLoad(meta: LoadMeta, page: ColumnarChunk): Promise<void> {
    const d = this.data.loads.get(meta.key);
    const chunks = d ? d.chunks.slice(0, meta.pages - 1) : [];
    chunks.push(structuredClone(page));
    this.data.loads.set(meta.key, { meta, chunks });
  }
  async deleteLoad(key: string): Promise<void> {
    this.data.loads.delete(key);
  }
  async getResult(key: string, sourceKeys: (record: ResultRecord) => readonly string[]): Promise<{ record: ResultRecord; sources: (DatasetMeta | undefined)[] } | undefined> {
    const r = this.data.results.get(key);
    if (!r) return undefined;
    const record = structuredClone(r);
    return { record, sources: sourceKeys(record).map((k) => this.data.datasets.get(k)?.meta) };
  }
  async putResult(record: ResultRecord): Promise<void> {
    this.data.results.set(record.key, structuredClone(record));
  }
  async deleteResult(key: string): Promise<void> {
    this.data.results.delete(key);
  }
  async clear(): Promise<void> {
    this.data.datasets.clear();
    this.data.loads.clear();
    this.data.results.clear();
  }
  close(): void {}
}

export function hasIndexedDb(): boolean {
  return typeof indexedDB !== 'undefined' && indexedDB !== null && typeof IDBKeyRange !== 'undefined';
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Deletes a database, not waiting forever for other tabs that keep it open. */
export async function deleteDatabase(name: string, timeoutMs = 3000): Promise<void> {
  const p = deleteDB(name);
  await withTimeout(p, timeoutMs, `deleting ${name}`).catch((e: unknown) => {
    console.warn('[crmkit] cache:', e instanceof Error ? e.message : e);
    // The deletion stays queued and completes when the other tabs close their connections.
  });
}

/**
 * Opens a partition database of schema `version`, rebuilding it when it is of another schema
 * version or lacks a store. Rejects only when IndexedDB itself does not work.
 */
export async function openPartitionDb(name: string, version: number, timeoutMs = 5000): Promise<IDBPDatabase> {
  const open = (): Promise<IDBPDatabase> =>
    withTimeout(
      openDB(name, version, {
        upgrade(db, oldVersion) {
          // Older schema (or a fresh database): drop whatever is there and create ours. Cached
          // data is only a copy of the CRM's, so a schema change simply starts cold.
          if (oldVersion > 0) console.warn(`[crmkit] cache: ${name} has schema ${oldVersion}, rebuilding as ${version}`);
          for (const s of [...db.objectStoreNames]) db.deleteObjectStore(s);
          db.createObjectStore('datasets', { keyPath: 'key' });
          db.createObjectStore('chunks');
          db.createObjectStore('loads', { keyPath: 'key' });
          db.createObjectStore('loadChunks');
          db.createObjectStore('results', { keyPath: 'key' });
        },
        blocking() {
          // Another tab wants a different schema or to delete us (logout): let it.
          db?.close();
        },
      }).then((d) => (db = d)),
      timeoutMs,
      `opening ${name}`,
    );
  let db: IDBPDatabase | undefined;
  let opened: IDBPDatabase;
  try {
    opened = await open();
  } catch (e) {
    // A newer schema (VersionError) or a database the browser cannot read: start over.
    console.warn(`[crmkit] cache: cannot open ${name} (${e instanceof Error ? e.message : String(e)}), rebuilding`);
    await deleteDatabase(name);
    opened = await open();
  }
  const missing = STORES.filter((s) => !opened.objectStoreNames.contains(s));
  if (missing.length > 0) {
    console.warn(`[crmkit] cache: ${name} lacks stores ${missing.join(', ')}, rebuilding`);
    opened.close();
    await deleteDatabase(name);
    opened = await open();
  }
  return opened;
}
