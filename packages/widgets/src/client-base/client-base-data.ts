import {
  buildClientsSteps,
  cachedKeyedList,
  cachedList,
  calendarDay,
  classifyClientsStreamTask,
  DEFAULT_FORGOTTEN_DAYS,
  DEFAULT_THRESHOLDS,
  forgottenFlags,
  openCache,
  packClassificationChunksSteps,
  queryKey,
  reclassifyPayments,
  runInWorker,
  runStepsSliced,
  yieldToPage,
  type Activity,
  type ClassificationRecords,
  type ClassificationThresholds,
  type CrmCache,
  type DataAdapter,
  type Department,
  type Employee,
  type EntityMap,
  type EntityName,
  type Id,
  type KeyedListSpec,
  type ListQuery,
  type LoadProgress,
  type ClassifyStreamMessage,
  type ClientIndex,
  type PackedClassificationInput,
  type PackedClassificationResult,
  type ResultSource,
  type ThresholdSuggestion,
  type SliceOptions,
} from '@crmkit/core';
import { afterPaint } from './after-paint.js';
import { loadClientBaseLists, type ActivityScope } from './client-base-lists.js';
import { controlWindowQuery, controlWindowStart, recentDealsStart } from './client-base-queries.js';
import {
  clientColumnsOf,
  clientListFromColumns,
  clientListOf,
  clientRows,
  isClientColumns,
  type ClientColumns,
  type ClientList,
  type ClientRow,
  type ClientRowOptions,
} from './client-base-rows.js';

export { loadClientBaseLists, type ActivityScope, type ClientBaseLists } from './client-base-lists.js';
export { clientRows, summaryCounts, type ClientList, type ClientRow, type ClientRowOptions } from './client-base-rows.js';

export interface ClassifiedClientBase {
  readonly clients: ClientList;
  readonly result: PackedClassificationResult;
  /** Forgotten flags for the options' forgotten days (1 = forgotten), computed in the worker. */
  readonly forgotten: Uint8Array;
  readonly rows: readonly ClientRow[];
}

/**
 * The client base's classification path, none of it blocking the page: the client index is
 * built and the records packed into typed-array columns on the main thread in slices of about
 * 8 ms; the columns are transferred (not copied) to the compute worker, which classifies and
 * flags forgotten clients; the rows are small objects reading those columns on demand (no
 * 50,000 evidence objects built up front). The results equal the one-piece functions'.
 */
export async function classifyClientBase(
  people: { readonly contacts: Parameters<typeof buildClientsSteps>[0]; readonly companies: Parameters<typeof buildClientsSteps>[1] },
  records: ClassificationRecords,
  options: ClientRowOptions & { readonly thresholds?: Partial<ClassificationThresholds>; readonly signal?: AbortSignal; readonly budgetMs?: number },
): Promise<ClassifiedClientBase> {
  const slices: SliceOptions = { signal: options.signal, budgetMs: options.budgetMs };
  // The worker task starts first (its worker loads while the index is built) and receives the
  // packed columns chunk by chunk as they fill, each chunk's buffers transferred: the page never
  // holds the whole packed input. Chunks are sent once the task says its port has arrived.
  const channel = new MessageChannel();
  const started = new Promise<void>((resolve) => {
    channel.port1.onmessage = (e: MessageEvent<{ type?: string }>) => {
      if (e.data?.type === 'started') resolve();
    };
  });
  const classified = runInWorker(
    classifyClientsStreamTask,
    { port: channel.port2, options: { now: options.now, timeZone: options.timeZone, thresholds: options.thresholds }, forgottenDays: options.forgottenDays },
    // Recycled: the worker held every packed list; it is torn down now, not by the next reload.
    { signal: options.signal, transfer: [channel.port2], recycle: true },
  );
  classified.catch(() => undefined); // awaited below; a failure while packing must not go unhandled
  let index: ClientIndex;
  try {
    index = await runStepsSliced(buildClientsSteps(people.contacts, people.companies), slices);
    await Promise.race([started, classified.then(() => undefined)]);
  } catch (e) {
    channel.port1.postMessage({ type: 'cancel' });
    throw e;
  }
  const send = (m: ClassifyStreamMessage, transfer: Transferable[] = []) => channel.port1.postMessage(m, transfer);
  let head: PackedClassificationInput;
  try {
    head = await runStepsSliced(
      packClassificationChunksSteps(index, records, (chunk) => send({ type: 'chunk', ...chunk }, chunk.cols.map((c) => c.buffer as ArrayBuffer))),
      slices,
    );
  } catch (e) {
    send({ type: 'cancel' }); // the worker side closes the channel
    throw e;
  }
  send({ type: 'end', head: { clientCount: head.clientCount, commFlags: head.commFlags, touchedAt: head.touchedAt } }, [head.commFlags.buffer as ArrayBuffer, head.touchedAt.buffer as ArrayBuffer]);
  const { forgotten, ...result } = await classified;
  const flags = forgotten ?? forgottenFlags(result, { now: options.now, days: options.forgottenDays, timeZone: options.timeZone });
  const clients = clientListOf(index.clients);
  return { clients, result, forgotten: flags, rows: clientRows(clients, result, options, flags) };
}

/** The whole portal, classified. */
export interface ClientBaseData {
  readonly clients: ClientList;
  readonly result: PackedClassificationResult;
  /** The list's rows for {@link forgottenDays}, built in slices while loading. */
  readonly rows: readonly ClientRow[];
  readonly forgottenDays: number;
  /** The activities read: every one (`all`), or only the open ones and the deciding dialogs (see {@link loadClientBaseLists}). */
  readonly activities: readonly Activity[];
  /** `open-and-dialogs`: manager control loads its own window of activities when opened. */
  readonly activityScope: ActivityScope;
  readonly employees: ReadonlyMap<Id, Employee>;
  readonly departments: ReadonlyMap<Id, Department>;
  readonly timeZone: string;
  readonly now: number;
  /** The oldest "fetched at" of the lists: the data is as of then. */
  readonly fetchedAt: number;
  readonly fromCache: boolean;
  /**
   * Painted from the stored classification of the cached lists, before they are decoded: the
   * counts, classes and list are those of the data as of {@link fetchedAt}; activities (manager
   * control) are not loaded yet. The full load that follows replaces it.
   */
  readonly stored?: boolean;
  /**
   * Only the numbers of the stored classification (its small summary record): the list, its
   * search and export wait for the rest, which follows a moment later.
   */
  readonly partial?: boolean;
  /** Forgotten flags (1 = forgotten) for {@link forgottenDays}, per client, when known. */
  readonly forgottenFlags?: Uint8Array;
}

export interface ClientBaseLoadOptions {
  readonly signal: AbortSignal;
  /** The user's Refresh: the stored classification is skipped and every cached list is brought up to date. */
  readonly force: boolean;
  readonly now: number;
  readonly thresholds: Partial<ClassificationThresholds>;
  /** Days without interaction that make a client forgotten, for the rows built while loading (default 30). */
  readonly forgottenDays?: number;
  /** Keep the cache in memory only (tests). */
  readonly persistent?: boolean;
  readonly onProgress?: (p: LoadProgress) => void;
  /** Called with the stored classification (see {@link loadClientBase}) before the full load. */
  readonly onStored?: (data: ClientBaseData) => void;
}

/** Name of the client base's stored classification in the cache (one per partition). */
export const CLIENT_BASE_RESULT = 'client-base.classification';

/**
 * The few columns the client base's numbers need, stored apart from the rest so a reload reads
 * ~150 KB before its first paint instead of several MB: class, type and forgotten flag per
 * client, the thresholds and the suggestion. Used only on the same calendar day, thresholds and
 * forgotten-days setting it was computed for (else the whole stored classification is read).
 */
export const CLIENT_BASE_SUMMARY = 'client-base.summary';

export interface StoredClientBaseSummary {
  readonly v: 1;
  readonly timeZone: string;
  readonly now: number;
  readonly forgottenDays: number;
  readonly thresholds: ClassificationThresholds;
  readonly suggestion?: ThresholdSuggestion;
  readonly classCode: Uint8Array;
  readonly types: Uint8Array;
  readonly forgotten: Uint8Array;
  /**
   * Instants within the calendar day (in the CRM's zone) it was computed for, found at store time
   * to the quarter hour: a reload between them is on the same day, told without asking `Intl`.
   */
  readonly dayFrom: number;
  readonly dayTo: number;
}

export function isStoredClientBaseSummary(v: unknown): v is StoredClientBaseSummary {
  const s = v as Partial<StoredClientBaseSummary> | null;
  if (typeof s !== 'object' || s === null || s.v !== 1 || typeof s.timeZone !== 'string' || typeof s.now !== 'number' || typeof s.forgottenDays !== 'number') return false;
  if (typeof s.thresholds?.activeDays !== 'number' || typeof s.thresholds.sleepingDays !== 'number') return false;
  const n = s.classCode instanceof Uint8Array ? s.classCode.length : -1;
  if (typeof s.dayFrom !== 'number' || typeof s.dayTo !== 'number') return false;
  return n >= 0 && s.types instanceof Uint8Array && s.types.length === n && s.forgotten instanceof Uint8Array && s.forgotten.length === n;
}

/** Instants around `now` on its calendar day in `timeZone`, to the quarter hour (inside the day). */
function sameDayWindow(now: number, timeZone: string): { dayFrom: number; dayTo: number } {
  const Q = 900_000;
  const day = calendarDay(now, timeZone);
  let dayFrom = now;
  while (calendarDay(dayFrom - Q, timeZone) === day) dayFrom -= Q;
  let dayTo = now;
  while (calendarDay(dayTo + Q, timeZone) === day) dayTo += Q;
  return { dayFrom, dayTo };
}

/** The summary of a full load's classification. */
export function storedSummaryOf(d: ClientBaseData, forgotten: Uint8Array): StoredClientBaseSummary {
  return {
    ...sameDayWindow(d.now, d.timeZone),
    v: 1,
    timeZone: d.timeZone,
    now: d.now,
    forgottenDays: d.forgottenDays,
    thresholds: d.result.thresholds,
    ...(d.result.suggestion ? { suggestion: d.result.suggestion } : {}),
    classCode: d.result.classCode,
    types: d.clients.types,
    forgotten,
  };
}

/**
 * The client base's numbers from a stored summary, or undefined when it was computed for another
 * day, thresholds or forgotten-days setting (then the classes may differ: the whole stored
 * classification is brought up to date instead).
 */
export function clientBaseFromSummary(
  summary: StoredClientBaseSummary,
  at: { readonly fetchedAt: number },
  options: { readonly now: number; readonly thresholds: Partial<ClassificationThresholds>; readonly forgottenDays?: number },
): ClientBaseData | undefined {
  const tz = summary.timeZone;
  const thresholds: ClassificationThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const forgottenDays = options.forgottenDays ?? DEFAULT_FORGOTTEN_DAYS;
  if (thresholds.activeDays !== summary.thresholds.activeDays || thresholds.sleepingDays !== summary.thresholds.sleepingDays) return undefined;
  // The same calendar day, by the window found at store time: no time-zone lookup before the paint.
  if (forgottenDays !== summary.forgottenDays || options.now < summary.dayFrom || options.now > summary.dayTo) return undefined;
  const n = summary.classCode.length;
  const none = () => {
    throw new Error('client base: the list is not read yet');
  };
  const i32 = new Int32Array(0);
  const f64 = new Float64Array(0);
  return {
    clients: { length: n, types: summary.types, client: none, name: none, modifiedAt: none },
    result: {
      classCode: summary.classCode,
      lastPaymentAt: f64,
      daysSincePayment: i32,
      paymentCount: i32,
      dealCount: i32,
      invoiceCount: i32,
      dialogCount: i32,
      lastDialogAt: f64,
      lastInteractionAt: f64,
      plannedCount: i32,
      overdueCount: i32,
      commFlags: new Uint8Array(0),
      thresholds: summary.thresholds,
      ...(summary.suggestion ? { suggestion: summary.suggestion } : {}),
    },
    rows: [],
    forgottenDays,
    forgottenFlags: summary.forgotten,
    activities: [],
    activityScope: 'open-and-dialogs',
    employees: new Map(),
    departments: new Map(),
    timeZone: tz,
    now: options.now,
    fetchedAt: at.fetchedAt,
    fromCache: true,
    stored: true,
    partial: true,
  };
}

/** The stored classification: typed-array columns and string tables, a few MB for 50,000 clients. */
export interface StoredClientBase {
  readonly v: 1;
  readonly timeZone: string;
  /** "Now" the classification was made for. */
  readonly now: number;
  readonly forgottenDays: number;
  readonly result: PackedClassificationResult;
  readonly forgotten: Uint8Array;
  readonly clients: ClientColumns;
  readonly employees: readonly Employee[];
  readonly departments: readonly Department[];
}

const RESULT_KEYS = ['classCode', 'commFlags'] as const;
const RESULT_I32 = ['daysSincePayment', 'paymentCount', 'dealCount', 'invoiceCount', 'dialogCount', 'plannedCount', 'overdueCount'] as const;
const RESULT_F64 = ['lastPaymentAt', 'lastDialogAt', 'lastInteractionAt'] as const;

/** True when `v` is a stored classification this version can read. */
export function isStoredClientBase(v: unknown): v is StoredClientBase {
  const s = v as Partial<StoredClientBase> | null;
  if (typeof s !== 'object' || s === null || s.v !== 1 || typeof s.timeZone !== 'string' || typeof s.now !== 'number' || typeof s.forgottenDays !== 'number') return false;
  const r = s.result as Partial<PackedClassificationResult> | undefined;
  if (!r || !(r.classCode instanceof Uint8Array) || typeof r.thresholds?.activeDays !== 'number' || typeof r.thresholds.sleepingDays !== 'number') return false;
  const n = r.classCode.length;
  const rec = r as Record<string, unknown>;
  if (!RESULT_KEYS.every((k) => rec[k] instanceof Uint8Array && (rec[k] as Uint8Array).length === n)) return false;
  if (!RESULT_I32.every((k) => rec[k] instanceof Int32Array && (rec[k] as Int32Array).length === n)) return false;
  if (!RESULT_F64.every((k) => rec[k] instanceof Float64Array && (rec[k] as Float64Array).length === n)) return false;
  if (!(s.forgotten instanceof Uint8Array) || s.forgotten.length !== n) return false;
  return isClientColumns(s.clients, n) && Array.isArray(s.employees) && Array.isArray(s.departments);
}

/** The classification of a full load, as stored for the next reload. */
export function storedClientBaseOf(d: ClientBaseData, forgotten: Uint8Array): StoredClientBase {
  return {
    v: 1,
    timeZone: d.timeZone,
    now: d.now,
    forgottenDays: d.forgottenDays,
    result: d.result,
    forgotten,
    clients: clientColumnsOf(d.clients),
    employees: [...d.employees.values()],
    departments: [...d.departments.values()],
  };
}

/**
 * The client base from its stored classification, brought to `now` and the thresholds asked
 * (days since the last payment counted again; see `reclassifyPayments`); forgotten flags are
 * reused when computed for the same day and setting, else recomputed on first use.
 */
export function clientBaseFromStored(
  stored: StoredClientBase,
  at: { readonly fetchedAt: number },
  options: { readonly now: number; readonly thresholds: Partial<ClassificationThresholds>; readonly forgottenDays?: number },
): ClientBaseData {
  const tz = stored.timeZone;
  const forgottenDays = options.forgottenDays ?? DEFAULT_FORGOTTEN_DAYS;
  const result = reclassifyPayments(stored.result, { now: options.now, timeZone: tz, thresholds: options.thresholds }, stored.now);
  const sameDay = calendarDay(stored.now, tz) === calendarDay(options.now, tz);
  const clients = clientListFromColumns(stored.clients);
  const flags = sameDay && stored.forgottenDays === forgottenDays ? stored.forgotten : undefined;
  let rows: readonly ClientRow[] | undefined;
  return {
    clients,
    result,
    // Built when the list first asks (after the numbers are painted), not on the way to them.
    get rows() {
      return (rows ??= clientRows(clients, result, { now: options.now, timeZone: tz, forgottenDays }, flags));
    },
    forgottenDays,
    ...(flags ? { forgottenFlags: flags } : {}),
    activities: [],
    activityScope: 'open-and-dialogs',
    employees: new Map(stored.employees.map((e) => [e.id, e])),
    departments: new Map(stored.departments.map((d) => [d.id, d])),
    timeZone: tz,
    now: options.now,
    fetchedAt: at.fetchedAt,
    fromCache: true,
    stored: true,
  };
}

/** The partition's cache, or none where the browser has no IndexedDB (private mode): load without one. */
async function cacheOrNone(identity: { readonly origin: string; readonly userId: string }, persistent: boolean | undefined): Promise<CrmCache | undefined> {
  try {
    return await openCache({ origin: identity.origin, userId: identity.userId }, { persistent });
  } catch {
    return undefined;
  }
}

/**
 * One progress over lists loading side by side: each call returns the reporter of one more list,
 * and every report says the records loaded of all of them (the total once every list that has
 * reported knows its own).
 */
export function summedProgress(report: (p: LoadProgress) => void): () => (p: LoadProgress) => void {
  const lists: { loaded: number; total?: number }[] = [];
  return () => {
    const mine: { loaded: number; total?: number } = { loaded: 0 };
    lists.push(mine);
    return (p) => {
      mine.loaded = p.loaded;
      mine.total = p.total;
      const loaded = lists.reduce((a, l) => a + l.loaded, 0);
      const total = lists.every((l) => l.total !== undefined) ? lists.reduce((a, l) => a + (l.total as number), 0) : undefined;
      report({ entity: p.entity, loaded, ...(total !== undefined ? { total } : {}) });
    };
  };
}

/**
 * Loads every client list through the browser cache (instant warm start, incremental refresh
 * when the adapter can, resumable first load), packs it without blocking the page and classifies
 * it in the compute worker. Nothing leaves the browser.
 *
 * Warm start: unless `force`, the classification stored by the previous load is read first (a
 * few typed arrays, milliseconds) and handed to `onStored` while its source lists are still
 * stored as they were (same `fetchedAt`, so "data as of" stays true); then the lists are read
 * and classified again, and that result is stored for the next reload.
 */
export async function loadClientBase(adapter: DataAdapter, options: ClientBaseLoadOptions): Promise<ClientBaseData> {
  const { signal } = options;
  performance.mark('crm-client-base:load-start');
  const identity = await adapter.identity({ signal });
  signal.throwIfAborted();
  performance.mark('crm-client-base:identity');
  const cache = await cacheOrNone(identity, options.persistent);
  // The stored classification is for reloads: only a cache that outlives the page keeps one.
  const keep = cache !== undefined && (await cache.isPersistent());
  performance.mark('crm-client-base:cache-open');
  if (keep && cache && !options.force && options.onStored) {
    // The numbers first (a small record), painted; then the list's columns; then the lists.
    const summary = await cache.getResult<unknown>(CLIENT_BASE_SUMMARY);
    signal.throwIfAborted();
    performance.mark('crm-client-base:summary-read');
    const early = summary && isStoredClientBaseSummary(summary.value) && summary.value.timeZone === identity.timeZone ? clientBaseFromSummary(summary.value, summary, options) : undefined;
    if (early) {
      options.onStored(early);
      performance.mark('crm-client-base:summary-handed');
      await afterPaint();
    }
    const found = await cache.getResult<unknown>(CLIENT_BASE_RESULT);
    signal.throwIfAborted();
    performance.mark('crm-client-base:result-read');
    if (found && isStoredClientBase(found.value) && found.value.timeZone === identity.timeZone) {
      options.onStored(clientBaseFromStored(found.value, found, options));
      performance.mark('crm-client-base:stored-handed');
      // Let the page paint it before the lists are read (their decoding takes the thread).
      await afterPaint();
    }
  }
  let fetchedAt = Number.POSITIVE_INFINITY;
  let fromCache = true;
  const sources: ResultSource[] = [];
  // A refresh loads its lists side by side: their progress is summed, not shown list by list.
  const concurrent = options.force === true;
  const progressOf = concurrent && options.onProgress ? summedProgress(options.onProgress) : () => options.onProgress;
  const load = async <E extends EntityName>(entity: E, query: ListQuery<E> = {}): Promise<readonly EntityMap[E][]> => {
    // Refresh brings each cached list up to date (changes and deletions) instead of reloading it.
    const r = await cachedList(adapter, entity, query, { cache, refresh: options.force, signal, onProgress: progressOf() });
    signal.throwIfAborted();
    fetchedAt = Math.min(fetchedAt, r.fetchedAt);
    fromCache &&= r.fromCache;
    if (query.limit === undefined) sources.push({ entity, queryKey: queryKey(query), fetchedAt: r.fetchedAt });
    return r.items;
  };
  const optional = <E extends EntityName>(entity: E, query?: ListQuery<E>) => load(entity, query).catch((e: unknown) => {
    if ((e as { name?: string }).name === 'AbortError') throw e;
    return [] as readonly EntityMap[E][];
  });
  const caps = await adapter.capabilities({ signal });
  signal.throwIfAborted();
  const keyed = async <E extends EntityName>(entity: E, spec: KeyedListSpec<E>): Promise<readonly EntityMap[E][]> => {
    const r = await cachedKeyedList(adapter, entity, spec, { cache, refresh: options.force, signal, onProgress: progressOf() });
    signal.throwIfAborted();
    fetchedAt = Math.min(fetchedAt, r.fetchedAt);
    fromCache &&= r.fromCache;
    sources.push({ entity, queryKey: r.queryKey, fetchedAt: r.fetchedAt });
    return r.items;
  };
  const forgottenDays = options.forgottenDays ?? DEFAULT_FORGOTTEN_DAYS;
  const lists = await loadClientBaseLists(load, optional, {
    recordActivityTime: caps.recordActivityTime === true,
    slices: { signal },
    keyed,
    concurrent,
    recentDealsFrom: recentDealsStart(options.now, forgottenDays),
  });
  const { contacts, companies, deals, invoices, payments, activities, employees, departments } = lists;
  const { clients, result, rows, forgotten } = await classifyClientBase(
    { contacts, companies },
    { deals, invoices, payments, activities },
    { now: options.now, timeZone: identity.timeZone, forgottenDays, thresholds: options.thresholds, signal },
  );
  const data: ClientBaseData = {
    clients,
    result,
    rows,
    forgottenDays,
    activities,
    activityScope: lists.activityScope,
    employees: new Map(employees.map((e) => [e.id, e])),
    departments: new Map(departments.map((d) => [d.id, d])),
    timeZone: identity.timeZone,
    now: options.now,
    fetchedAt: Number.isFinite(fetchedAt) ? fetchedAt : Date.now(),
    fromCache,
    forgottenFlags: forgotten,
  };
  if (keep && cache) {
    // For the next reload; off the critical path (the page shows the data meanwhile).
    const c = cache;
    void yieldToPage()
      .then(() => c.putResult(CLIENT_BASE_RESULT, storedClientBaseOf(data, forgotten), sources))
      .then(() => c.putResult(CLIENT_BASE_SUMMARY, storedSummaryOf(data, forgotten), sources))
      .catch(() => undefined);
  }
  return data;
}

/** Manager control's activities when the client base's load did not read every one. */
export interface ControlActivities {
  readonly activities: readonly Activity[];
  /** The window's first instant: activities set since then, and every open one. */
  readonly from: number;
  readonly fetchedAt: number;
}

/**
 * Activities set within manager control's window ({@link controlWindowStart}) through the
 * browser cache (incremental refresh like every list), joined with the open ones the client base
 * already read (an older task still open is still someone's job).
 */
export async function loadControlActivities(
  adapter: DataAdapter,
  options: { readonly signal: AbortSignal; readonly force: boolean; readonly now: number; readonly open: readonly Activity[]; readonly persistent?: boolean; readonly onProgress?: (p: LoadProgress) => void },
): Promise<ControlActivities> {
  const { signal } = options;
  const identity = await adapter.identity({ signal });
  const cache = await cacheOrNone(identity, options.persistent);
  const from = controlWindowStart(options.now);
  try {
    const r = await cachedList(adapter, 'activity', controlWindowQuery(from), { cache, refresh: options.force, signal, onProgress: options.onProgress });
    signal.throwIfAborted();
    const byId = new Map<string, Activity>();
    for (const a of r.items) byId.set(a.id, a);
    for (const a of options.open) if (!a.completed && !byId.has(a.id)) byId.set(a.id, a);
    return { activities: [...byId.values()], from, fetchedAt: r.fetchedAt };
  } finally {
    cache?.close();
  }
}
