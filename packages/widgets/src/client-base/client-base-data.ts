import {
  buildClients,
  cachedList,
  classifyClientsTask,
  openCache,
  packClassificationInputAsync,
  runInWorker,
  transferablesOf,
  type Activity,
  type Client,
  type ClassificationThresholds,
  type CrmCache,
  type DataAdapter,
  type Department,
  type Employee,
  type EntityMap,
  type EntityName,
  type Id,
  type LoadProgress,
  type PackedClassificationResult,
} from '@crmkit/core';

/** The whole portal, classified. */
export interface ClientBaseData {
  readonly clients: readonly Client[];
  readonly result: PackedClassificationResult;
  readonly activities: readonly Activity[];
  readonly employees: ReadonlyMap<Id, Employee>;
  readonly departments: ReadonlyMap<Id, Department>;
  readonly timeZone: string;
  readonly now: number;
  /** The oldest "fetched at" of the lists: the data is as of then. */
  readonly fetchedAt: number;
  readonly fromCache: boolean;
}

export interface ClientBaseLoadOptions {
  readonly signal: AbortSignal;
  readonly force: boolean;
  readonly now: number;
  readonly thresholds: Partial<ClassificationThresholds>;
  /** Keep the cache in memory only (tests). */
  readonly persistent?: boolean;
  readonly onProgress?: (p: LoadProgress) => void;
}

/**
 * Loads every client list through the browser cache (instant warm start, incremental refresh
 * when the adapter can, resumable first load), packs it without blocking the page and classifies
 * it in the compute worker. Nothing leaves the browser.
 */
export async function loadClientBase(adapter: DataAdapter, options: ClientBaseLoadOptions): Promise<ClientBaseData> {
  const { signal } = options;
  const identity = await adapter.identity({ signal });
  signal.throwIfAborted();
  let cache: CrmCache | undefined;
  try {
    cache = await openCache({ origin: identity.origin, userId: identity.userId }, { persistent: options.persistent });
  } catch {
    cache = undefined; // private mode without IndexedDB: load without a cache
  }
  let fetchedAt = Number.POSITIVE_INFINITY;
  let fromCache = true;
  const load = async <E extends EntityName>(entity: E): Promise<readonly EntityMap[E][]> => {
    const r = await cachedList(adapter, entity, {}, { cache, force: options.force, signal, onProgress: options.onProgress });
    signal.throwIfAborted();
    fetchedAt = Math.min(fetchedAt, r.fetchedAt);
    fromCache &&= r.fromCache;
    return r.items;
  };
  const optional = <E extends EntityName>(entity: E) => load(entity).catch((e: unknown) => {
    if ((e as { name?: string }).name === 'AbortError') throw e;
    return [] as readonly EntityMap[E][];
  });
  const contacts = await load('contact');
  const companies = await load('company');
  const deals = await load('deal');
  const invoices = await load('invoice');
  const payments = await load('payment');
  const activities = await load('activity');
  const employees = await optional('employee');
  const departments = await optional('department');
  const index = buildClients(contacts, companies);
  const packed = await packClassificationInputAsync(index, { deals, invoices, payments, activities }, { signal });
  const result = await runInWorker(
    classifyClientsTask,
    { packed, options: { now: options.now, timeZone: identity.timeZone, thresholds: options.thresholds } },
    { signal, transfer: transferablesOf(packed) },
  );
  return {
    clients: index.clients,
    result,
    activities,
    employees: new Map(employees.map((e) => [e.id, e])),
    departments: new Map(departments.map((d) => [d.id, d])),
    timeZone: identity.timeZone,
    now: options.now,
    fetchedAt: Number.isFinite(fetchedAt) ? fetchedAt : Date.now(),
    fromCache,
  };
}
