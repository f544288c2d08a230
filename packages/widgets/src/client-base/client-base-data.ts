import {
  buildClientsSteps,
  cachedList,
  classifyClientsTask,
  classOf,
  DEFAULT_FORGOTTEN_DAYS,
  evidenceOf,
  isForgotten,
  openCache,
  packClassificationInputSteps,
  runInWorker,
  runSteps,
  runStepsSliced,
  transferablesOf,
  type Activity,
  type ClassEvidence,
  type ClassificationRecords,
  type Client,
  type ClientClass,
  type ClassificationThresholds,
  type CrmCache,
  type DataAdapter,
  type Department,
  type Employee,
  type EntityMap,
  type EntityName,
  type Id,
  type ListQuery,
  type LoadProgress,
  type PackedClassificationResult,
  type SliceOptions,
  type Steps,
} from '@crmkit/core';
import { CLIENT_BASE_QUERIES } from './client-base-queries.js';

/** One client as the list shows it. */
export interface ClientRow {
  readonly client: Client;
  readonly class: ClientClass;
  readonly evidence: ClassEvidence;
  readonly lastPaymentAt?: number;
  readonly lastInteractionAt?: number;
  readonly forgotten: boolean;
}

export interface ClientRowOptions {
  readonly now: number;
  readonly timeZone: string;
  /** "Forgotten" after this many days without interaction. */
  readonly forgottenDays: number;
}

/**
 * The list's rows, one per client, as steps (yields every 128 clients: a row may ask `Intl` for
 * a new day's zone offset, so rows cost more than packed records).
 */
export function* clientRowsSteps(clients: readonly Client[], result: PackedClassificationResult, options: ClientRowOptions): Steps<ClientRow[]> {
  const rows: ClientRow[] = [];
  for (let i = 0; i < clients.length; i++) {
    if (i % 128 === 127) yield;
    rows.push({
      client: clients[i],
      class: classOf(result, i),
      evidence: evidenceOf(result, i),
      ...(Number.isNaN(result.lastPaymentAt[i]) ? {} : { lastPaymentAt: result.lastPaymentAt[i] }),
      ...(Number.isNaN(result.lastInteractionAt[i]) ? {} : { lastInteractionAt: result.lastInteractionAt[i] }),
      forgotten: isForgotten(result, i, { now: options.now, days: options.forgottenDays, timeZone: options.timeZone }),
    });
  }
  return rows;
}

/** The list's rows at once (a user changing the forgotten-days setting on a small portal). */
export function clientRows(clients: readonly Client[], result: PackedClassificationResult, options: ClientRowOptions): ClientRow[] {
  return runSteps(clientRowsSteps(clients, result, options));
}

export interface ClassifiedClientBase {
  readonly clients: readonly Client[];
  readonly result: PackedClassificationResult;
  readonly rows: readonly ClientRow[];
}

/**
 * The client base's classification path, none of it blocking the page: the client index is
 * built and the records packed into typed-array columns on the main thread in slices of about
 * 8 ms; the columns are transferred (not copied) to the compute worker, which classifies; the
 * worker's columns become list rows in slices again. The results equal the one-piece functions'.
 */
export async function classifyClientBase(
  people: { readonly contacts: Parameters<typeof buildClientsSteps>[0]; readonly companies: Parameters<typeof buildClientsSteps>[1] },
  records: ClassificationRecords,
  options: ClientRowOptions & { readonly thresholds?: Partial<ClassificationThresholds>; readonly signal?: AbortSignal; readonly budgetMs?: number },
): Promise<ClassifiedClientBase> {
  const slices: SliceOptions = { signal: options.signal, budgetMs: options.budgetMs };
  const index = await runStepsSliced(buildClientsSteps(people.contacts, people.companies), slices);
  const packed = await runStepsSliced(packClassificationInputSteps(index, records), slices);
  const result = await runInWorker(
    classifyClientsTask,
    { packed, options: { now: options.now, timeZone: options.timeZone, thresholds: options.thresholds } },
    { signal: options.signal, transfer: transferablesOf(packed) },
  );
  const rows = await runStepsSliced(clientRowsSteps(index.clients, result, options), slices);
  return { clients: index.clients, result, rows };
}

/** The whole portal, classified. */
export interface ClientBaseData {
  readonly clients: readonly Client[];
  readonly result: PackedClassificationResult;
  /** The list's rows for {@link forgottenDays}, built in slices while loading. */
  readonly rows: readonly ClientRow[];
  readonly forgottenDays: number;
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
  /** Days without interaction that make a client forgotten, for the rows built while loading (default 30). */
  readonly forgottenDays?: number;
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
  const load = async <E extends EntityName>(entity: E, query: ListQuery<E> = {}): Promise<readonly EntityMap[E][]> => {
    const r = await cachedList(adapter, entity, query, { cache, force: options.force, signal, onProgress: options.onProgress });
    signal.throwIfAborted();
    fetchedAt = Math.min(fetchedAt, r.fetchedAt);
    fromCache &&= r.fromCache;
    return r.items;
  };
  const optional = <E extends EntityName>(entity: E, query?: ListQuery<E>) => load(entity, query).catch((e: unknown) => {
    if ((e as { name?: string }).name === 'AbortError') throw e;
    return [] as readonly EntityMap[E][];
  });
  const contacts = await load('contact', CLIENT_BASE_QUERIES.contact);
  const companies = await load('company', CLIENT_BASE_QUERIES.company);
  const deals = await load('deal', CLIENT_BASE_QUERIES.deal);
  const invoices = await load('invoice', CLIENT_BASE_QUERIES.invoice);
  const payments = await load('payment', CLIENT_BASE_QUERIES.payment);
  const activities = await load('activity', CLIENT_BASE_QUERIES.activity);
  const employees = await optional('employee', CLIENT_BASE_QUERIES.employee);
  const departments = await optional('department', CLIENT_BASE_QUERIES.department);
  const forgottenDays = options.forgottenDays ?? DEFAULT_FORGOTTEN_DAYS;
  const { clients, result, rows } = await classifyClientBase(
    { contacts, companies },
    { deals, invoices, payments, activities },
    { now: options.now, timeZone: identity.timeZone, forgottenDays, thresholds: options.thresholds, signal },
  );
  return {
    clients,
    result,
    rows,
    forgottenDays,
    activities,
    employees: new Map(employees.map((e) => [e.id, e])),
    departments: new Map(departments.map((d) => [d.id, d])),
    timeZone: identity.timeZone,
    now: options.now,
    fetchedAt: Number.isFinite(fetchedAt) ? fetchedAt : Date.now(),
    fromCache,
  };
}
