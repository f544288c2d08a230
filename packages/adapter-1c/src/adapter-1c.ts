import {
  applyQuery,
  CrmError,
  ENTITY_NAMES,
  isAbortError,
  isCrmError,
  matchesFilter,
  randomGuid,
  type Activity,
  type AdapterCapabilities,
  type AdapterIdentity,
  type Apartment,
  type ApartmentHoldRequest,
  type Booking,
  type BookingResource,
  type Building,
  type CallOptions,
  type DataAdapter,
  type DayHours,
  type EntityCapability,
  type EntityMap,
  type EntityName,
  type Filter,
  type FilterCondition,
  type Id,
  type ListQuery,
  type ListResult,
  type NewBooking,
  type RecordRef,
  type Stage,
} from './core.js';
import { toClock, toNumber, toRef, wallClockToInstant } from './convert.js';
import { DEFAULT_MAPPING } from './default-mapping.js';
import { compileCondition, encodeValue, splitTerms, urlBytes, type FieldTarget } from './filter-compile.js';
import { OneCHttp } from './http.js';
import { kindOf } from './kinds.js';
import {
  assertMapping,
  checkPublished,
  MAPPED_ENTITIES,
  parseSpec,
  publishedEntitySets,
  type EntitySource,
  type MappingProblem,
  type OneCMapping,
} from './mapping.js';
import { readSpec, rowToFields, scalarProperty, selectFor, type Row } from './rows.js';

export interface OneCAdapterOptions {
  /** The standard OData root: `https://host/base/odata/standard.odata/`. */
  readonly odataUrl: string;
  /** `odata` reads through the standard OData interface; `http-service` through the crmkit HTTP service. */
  readonly mode?: 'odata' | 'http-service';
  /** The mapping object; or `mappingUrl` to fetch it; the default mapping when both are absent. */
  readonly mapping?: OneCMapping;
  readonly mappingUrl?: string;
  /** A 1C user (Cyrillic names work: sent as UTF-8). Without it the page's session is used. */
  readonly credentials?: { readonly user: string; readonly password: string };
  /** Without `credentials`, use the page's session (default true); false lets a 401 reach the app. */
  readonly useSession?: boolean;
  /** IANA zone of the 1C server's wall clock (its datetimes carry no zone). Default Europe/Moscow. */
  readonly timeZone?: string;
  /** HTTP-service root URL; default `<publication>/hs/<mapping.httpService.root>/`. */
  readonly httpServiceUrl?: string;
  /** Where writes go: the HTTP service (default when the mapping names one) or nowhere. */
  readonly writes?: 'http-service' | 'none';
  /** Rows per OData page (`$top`). Default 1000. */
  readonly pageSize?: number;
  /** Longest URL sent, in bytes. Default 2000 (1C's web servers refuse about 2,048). */
  readonly maxUrlBytes?: number;
  /** Pages fetched in parallel. Default 4. */
  readonly concurrency?: number;
  /** Retries of transient failures. Default 2. */
  readonly retries?: number;
  /** Check on start that every mapped entity set is published. Default true. */
  readonly checkPublication?: boolean;
  readonly fetch?: typeof fetch;
}

type Rec = Record<string, unknown>;

interface FetchSpec {
  readonly set: string;
  readonly select: readonly string[];
  /** Clauses ANDed. */
  readonly clauses: readonly string[];
  /** `or` terms to split across requests, ANDed with the clauses. */
  readonly anyOf?: readonly string[];
  readonly orderby?: string;
  /** `SliceLast(…)` of a periodic register, with this Condition. */
  readonly slice?: { readonly condition?: string };
  readonly deletionMark: boolean;
}

const DAY_KEYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** A total order for paging a register: its period (when periodic) then its key properties. */
function registerOrder(source: EntitySource): string | undefined {
  const props = Object.values(source.fields).map((s) => parseSpec(s));
  const keys = props.filter((p) => !p.tabular && p.property.endsWith('_Key')).map((p) => p.property);
  const order = [...(props.some((p) => p.property === 'Period') ? ['Period'] : []), ...keys];
  return order.length > 0 ? order.join(',') : undefined;
}

/**
 * The 1C:Enterprise adapter. Reads through the standard OData interface (v3, JSON) laid out by a
 * mapping, or through the crmkit HTTP service; writes through the HTTP service, re-reading first
 * and failing with `conflict` when the record changed. See the package README.
 */
export class OneCAdapter implements DataAdapter {
  readonly kind = '1c';
  readonly http: OneCHttp;
  private readonly options: OneCAdapterOptions;
  private readonly odataRoot: string;
  private readonly timeZone: string;
  private readonly pageSize: number;
  private readonly maxUrl: number;
  private readonly concurrency: number;
  private ready?: Promise<{ mapping: OneCMapping; problems: MappingProblem[]; missing: Set<string> }>;
  private stagesCache?: Promise<Map<string, Stage>>;
  private identityCache?: Promise<AdapterIdentity>;

  constructor(options: OneCAdapterOptions) {
    this.options = options;
    this.odataRoot = options.odataUrl.endsWith('/') ? options.odataUrl : `${options.odataUrl}/`;
    this.timeZone = options.timeZone ?? 'Europe/Moscow';
    this.pageSize = options.pageSize ?? 1000;
    this.maxUrl = options.maxUrlBytes ?? 2000;
    this.concurrency = options.concurrency ?? 4;
    this.http = new OneCHttp({ credentials: options.credentials, useSession: options.useSession, fetch: options.fetch, retries: options.retries });
    // Writes may be passed around detached from the adapter (a widget's callback).
    this.holdApartment = this.holdApartment.bind(this);
    this.releaseApartment = this.releaseApartment.bind(this);
    this.createBookings = this.createBookings.bind(this);
    this.cancelBooking = this.cancelBooking.bind(this);
  }

  private get mode(): 'odata' | 'http-service' {
    return this.options.mode ?? 'odata';
  }

  /** Loads and validates the mapping, and checks the publication once. */
  start(options: CallOptions = {}): Promise<{ mapping: OneCMapping; problems: MappingProblem[]; missing: Set<string> }> {
    this.ready ??= (async () => {
      let mapping = this.options.mapping;
      if (!mapping && this.options.mappingUrl) {
        const res = await (this.options.fetch ?? fetch)(this.options.mappingUrl, { signal: options.signal });
        if (!res.ok) throw new CrmError('invalid-input', { source: this.options.mappingUrl, detail: `mapping not loaded: HTTP ${res.status}` });
        mapping = (await res.json()) as OneCMapping;
      }
      try {
        mapping = assertMapping(mapping ?? DEFAULT_MAPPING);
      } catch (e) {
        throw new CrmError('invalid-input', { source: 'mapping', detail: (e as Error).message });
      }
      let problems: MappingProblem[] = [];
      if (this.mode === 'odata' && this.options.checkPublication !== false) {
        const doc = await this.http.send(`${this.odataRoot}?$format=json`, { signal: options.signal, expect: 'json' }, 'service document');
        problems = checkPublished(mapping, publishedEntitySets(doc));
        if (problems.length > 0) console.warn(`crmkit 1C: ${problems.map((p) => p.message).join('; ')}`);
      }
      return { mapping, problems, missing: new Set(problems.map((p) => p.path)) };
    })();
    this.ready.catch(() => (this.ready = undefined));
    return this.ready;
  }

  /** Entity sets of the mapping the server does not publish, with the fix for each. */
  async publicationProblems(options: CallOptions = {}): Promise<MappingProblem[]> {
    return (await this.start(options)).problems;
  }

  private get hsRoot(): Promise<string> {
    return this.start().then(({ mapping }) => {
      if (this.options.httpServiceUrl) return this.options.httpServiceUrl.endsWith('/') ? this.options.httpServiceUrl : `${this.options.httpServiceUrl}/`;
      const root = mapping.httpService?.root ?? 'crmkit/v1';
      return this.odataRoot.replace(/odata\/standard\.odata\/$/, `hs/${root}/`);
    });
  }

  private async hs<T>(route: string, body: unknown, options: CallOptions): Promise<T> {
    const base = await this.hsRoot;
    return this.http.json<T>(`${base}${route}`, body === undefined ? { signal: options.signal } : { method: 'POST', body, signal: options.signal }, `hs/${route}`);
  }

  // -------------------------------------------------------------------------------------------
  // DataAdapter

  identity(options: CallOptions = {}): Promise<AdapterIdentity> {
    this.identityCache ??= (async () => {
      const origin = new URL(this.odataRoot, globalThis.location?.href).origin;
      if (this.mode === 'http-service') {
        const r = await this.hs<{ userId: string; userName: string; timeZone?: string }>('identity', undefined, options);
        return { origin, userId: r.userId, timeZone: r.timeZone ?? this.timeZone };
      }
      const { mapping } = await this.start(options);
      const name = this.options.credentials?.user ?? '';
      let userId = name;
      const employee = mapping.entities.employee;
      if (employee && name) {
        const list = await this.list('employee', { filter: [{ field: 'name', op: 'eq', value: name }] }, options);
        const user = list.items[0];
        if (user) return { origin, userId: user.id, user, timeZone: this.timeZone };
        userId = name;
      }
      return { origin, userId, timeZone: this.timeZone };
    })();
    this.identityCache.catch(() => (this.identityCache = undefined));
    return this.identityCache;
  }

  async capabilities(options: CallOptions = {}): Promise<AdapterCapabilities> {
    const { mapping, missing } = await this.start(options);
    const entities: Partial<Record<EntityName, EntityCapability>> = {};
    for (const name of MAPPED_ENTITIES) {
      const src = mapping.entities[name];
      if (!src) continue;
      if ([...missing].some((p) => p === `entities.${name}` || p.startsWith(`entities.${name}.`) || p.startsWith(`entities.${name}[`))) continue;
      const incremental = Array.isArray(src) ? src.every((s) => s.fields.modifiedAt !== undefined) : (src as EntitySource).fields.modifiedAt !== undefined;
      entities[name] = { read: true, incremental, ids: true };
    }
    if (entities.deal && entities.funnel) entities.stageMove = undefined;
    const canWrite = this.options.writes !== 'none' && (this.mode === 'http-service' || mapping.httpService !== undefined);
    return { entities, writes: { apartmentBooking: canWrite && !!entities.apartment, resourceBooking: canWrite && !!entities.booking } };
  }

  list<E extends EntityName>(entity: E, query: ListQuery<E> = {}, options: CallOptions = {}): Promise<ListResult<EntityMap[E]>> {
    return this.guard(entity, () => this.listUnguarded(entity, query, options));
  }

  get<E extends EntityName>(entity: E, id: Id, options: CallOptions = {}): Promise<EntityMap[E]> {
    return this.guard(entity, () => this.getUnguarded(entity, id, options));
  }

  count(entity: EntityName, filter: Filter = [], options: CallOptions = {}): Promise<number> {
    return this.guard(entity, () => this.countUnguarded(entity, filter, options));
  }

  listIds(entity: EntityName, filter: Filter = [], options: CallOptions = {}): Promise<readonly Id[]> {
    return this.guard(entity, () => this.listIdsUnguarded(entity, filter, options));
  }

  /**
   * Whatever a broken or hostile server sends, a widget gets a typed CrmError: a mapper that
   * trips over an unexpected shape (null where an object was due) is a bad response, not a crash.
   */
  private async guard<T>(source: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (isCrmError(e) || isAbortError(e)) throw e;
      throw new CrmError('bad-response', { source, detail: e instanceof Error ? e.message : String(e), cause: e });
    }
  }

  private async listUnguarded<E extends EntityName>(entity: E, query: ListQuery<E> = {}, options: CallOptions = {}): Promise<ListResult<EntityMap[E]>> {
    options.signal?.throwIfAborted();
    if (this.mode === 'http-service') {
      const r = await this.hs<ListResult<EntityMap[E]>>('list', { entity, query }, options);
      options.onProgress?.({ entity, loaded: r.items.length, total: r.total });
      return r;
    }
    const q = query as ListQuery;
    const records = await this.readAll(entity, q.filter ?? [], q.fields, options);
    const result = applyQuery(records, { ...q, filter: undefined } as ListQuery);
    return result as unknown as ListResult<EntityMap[E]>;
  }

  private async getUnguarded<E extends EntityName>(entity: E, id: Id, options: CallOptions = {}): Promise<EntityMap[E]> {
    if (this.mode === 'http-service') {
      const r = await this.hs<{ item: EntityMap[E] }>('get', { entity, id }, options);
      return r.item;
    }
    let filter: Filter = [{ field: 'id', op: 'eq', value: id }];
    if (entity === 'pricePoint') filter = [{ field: 'apartmentId', op: 'eq', value: id.split('@')[0] }];
    const items = await this.readAll(entity, filter, undefined, options);
    const found = items.find((r) => (r as { id: Id }).id === id);
    if (!found) throw new CrmError('not-found', { source: `${entity}/${id}` });
    return found as unknown as EntityMap[E];
  }

  private async countUnguarded(entity: EntityName, filter: Filter = [], options: CallOptions = {}): Promise<number> {
    if (this.mode === 'http-service') return (await this.hs<{ count: number }>('count', { entity, filter }, options)).count;
    const { mapping } = await this.start(options);
    const simple = ['project', 'contact', 'company', 'lead', 'deal', 'invoice', 'employee', 'department', 'booking'] as const;
    const src = (simple as readonly string[]).includes(entity) ? (mapping.entities[entity as (typeof simple)[number]] as EntitySource | undefined) : undefined;
    if (src) {
      const plan = this.plan(src, entity, filter);
      if (plan.never) return 0;
      if (plan.exact && !plan.anyOf) {
        const url = this.url({ set: src.set, select: [], clauses: plan.clauses, deletionMark: true }, undefined, '/$count');
        const text = await this.http.send(url, { signal: options.signal, expect: 'text' }, `${src.set}/$count`);
        return Number(text.trim()) || 0;
      }
    }
    return (await this.readAll(entity, filter, ['id'], options)).length;
  }

  private async listIdsUnguarded(entity: EntityName, filter: Filter = [], options: CallOptions = {}): Promise<readonly Id[]> {
    if (this.mode === 'http-service') return (await this.hs<{ ids: Id[] }>('ids', { entity, filter }, options)).ids;
    return (await this.readAll(entity, filter, ['id'], options)).map((r) => (r as { id: Id }).id);
  }

  // Writes: through the HTTP service, re-reading first.

  async holdApartment(request: ApartmentHoldRequest, options: CallOptions = {}): Promise<Apartment> {
    await this.assertWritable(options);
    const current = await this.get('apartment', request.apartmentId, options);
    if (request.expectedVersion !== undefined && current.version !== request.expectedVersion) {
      throw new CrmError('conflict', { source: `apartment/${request.apartmentId}`, detail: 'the apartment changed since it was read' });
    }
    if (current.status !== 'free') throw new CrmError('conflict', { source: `apartment/${request.apartmentId}`, detail: `the apartment is ${current.status}` });
    const r = await this.hs<{ item: Apartment }>('apartments/hold', { apartmentId: request.apartmentId, expectedVersion: current.version, booking: request.booking }, options);
    return r.item;
  }

  async releaseApartment(apartmentId: Id, expectedVersion: string | undefined, options: CallOptions = {}): Promise<Apartment> {
    await this.assertWritable(options);
    const current = await this.get('apartment', apartmentId, options);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new CrmError('conflict', { source: `apartment/${apartmentId}`, detail: 'the apartment changed since it was read' });
    }
    const r = await this.hs<{ item: Apartment }>('apartments/release', { apartmentId, expectedVersion: current.version }, options);
    return r.item;
  }

  /**
   * Books every booking of a meeting or none. Each booking carries an id (the caller's
   * `NewBooking.id`, else a GUID made here) that the HTTP service treats as an idempotency key:
   * a repeated write of existing ids answers the stored bookings and books nothing. So the
   * transport's own retries are safe, and when the last attempt ends in an error that does not
   * say whether the write landed (a dropped connection, a 5xx or gateway timeout, a truncated
   * answer), the bookings are re-read by id: found, they are returned as made; absent, the error
   * stands and nothing was written. If the re-read fails too, the error says the outcome is
   * unknown; a retry with the same ids then books at most once.
   */
  async createBookings(bookings: readonly NewBooking[], options: CallOptions = {}): Promise<readonly Booking[]> {
    await this.assertWritable(options);
    const withIds = bookings.map((b) => ({ ...b, id: b.id ?? randomGuid() }));
    for (const b of withIds) {
      if (!GUID.test(b.id)) throw new CrmError('invalid-input', { source: 'hs/bookings', detail: `a booking id must be a GUID (1C Ref), got "${b.id}"` });
    }
    try {
      const r = await this.hs<{ items: Booking[] }>('bookings', { bookings: withIds }, options);
      return r.items;
    } catch (e) {
      if (!isCrmError(e) || !outcomeUnknown(e)) throw e;
      const ids = withIds.map((b) => b.id);
      let found: readonly Booking[];
      try {
        found = await this.bookingsById(ids, options);
      } catch (reread) {
        if (isAbortError(reread)) throw reread;
        throw new CrmError(e.code, { ...(e.source ? { source: e.source } : {}), detail: `${e.detail ?? ''}; the bookings may have been made (re-read failed): retry with the same ids`, cause: e });
      }
      if (found.length === ids.length) return ids.map((id) => found.find((b) => b.id === id)!);
      if (found.length === 0) throw e;
      throw new CrmError('bad-response', { source: 'hs/bookings', detail: `${found.length} of ${ids.length} bookings of the meeting were written: the HTTP service is not all-or-nothing`, cause: e });
    }
  }

  /** Bookings with these ids, whatever their status. */
  private async bookingsById(ids: readonly Id[], options: CallOptions): Promise<readonly Booking[]> {
    const r = await this.list('booking', { filter: [{ field: 'id', op: 'in', value: [...ids] }] }, options);
    return r.items.filter((b) => ids.includes(b.id));
  }

  /**
   * Cancels a booking, re-reading it first. Cancelling a cancelled booking does nothing (so a
   * retry after a lost answer is not an error); an unknown id is `not-found`.
   */
  async cancelBooking(bookingId: Id, options: CallOptions = {}): Promise<void> {
    await this.assertWritable(options);
    const current = await this.get('booking', bookingId, options);
    if (current.status === 'cancelled') return;
    await this.hs('bookings/cancel', { bookingId, expectedVersion: current.version }, options);
  }

  private async assertWritable(options: CallOptions): Promise<void> {
    const caps = await this.capabilities(options);
    if (!caps.writes.apartmentBooking && !caps.writes.resourceBooking) {
      throw new CrmError('not-supported', { source: '1c writes', detail: 'writes need the crmkit HTTP service (mapping.httpService)' });
    }
  }

  dispose(): void {
    this.ready = undefined;
  }

  // -------------------------------------------------------------------------------------------
  // OData reading

  private target(source: EntitySource, kindsKey: string, field: string): FieldTarget | undefined {
    const property = scalarProperty(source, field);
    const kind = kindOf(kindsKey, field);
    if (!property || !kind) return undefined;
    return { property, kind, enumMap: source.enums?.[field] };
  }

  /**
   * Splits a core filter into what 1C evaluates (clauses, one `or` list to split) and the rest;
   * `exact` is true when nothing is left for the local re-check.
   */
  private plan(source: EntitySource, kindsKey: string, filter: Filter, fieldMap: (f: string) => string = (f) => f): { clauses: string[]; anyOf?: string[]; never: boolean; exact: boolean } {
    const clauses: string[] = [];
    let anyOf: string[] | undefined;
    let exact = true;
    for (const c of filter) {
      const t = this.target(source, kindsKey, fieldMap(c.field));
      const compiled = t ? compileCondition(c, t, this.timeZone) : undefined;
      if (!compiled) {
        exact = false;
        continue;
      }
      if ('never' in compiled) return { clauses, never: true, exact };
      if ('clause' in compiled) clauses.push(compiled.clause);
      else if (!anyOf || compiled.anyOf.length > anyOf.length) {
        if (anyOf) exact = false;
        anyOf = [...compiled.anyOf];
      } else exact = false;
    }
    return { clauses, anyOf, never: false, exact };
  }

  private url(spec: FetchSpec, anyOf: readonly string[] | undefined, suffix = '', page?: { top: number; skip: number }): string {
    const clauses = [...spec.clauses];
    if (spec.deletionMark) clauses.unshift('DeletionMark eq false');
    if (anyOf && anyOf.length > 0) clauses.push(anyOf.length === 1 ? anyOf[0] : `(${anyOf.join(' or ')})`);
    const params: string[] = [];
    if (!suffix) params.push('$format=json');
    if (spec.select.length > 0 && !suffix) params.push(`$select=${encodeValue(spec.select.join(','))}`);
    if (clauses.length > 0) params.push(`$filter=${encodeValue(clauses.map((c) => (clauses.length > 1 && / or /.test(c) && !c.startsWith('(') ? `(${c})` : c)).join(' and '))}`);
    if (spec.orderby && !suffix) params.push(`$orderby=${encodeValue(spec.orderby)}`);
    if (page) params.push(`$top=${page.top}`, `$skip=${page.skip}`);
    params.push('allowedOnly=true');
    let path = encodeURIComponent(spec.set);
    if (spec.slice) path += `/SliceLast(${spec.slice.condition ? `Condition=${encodeValue(`'${spec.slice.condition}'`)}` : ''})`;
    return `${this.odataRoot}${path}${suffix}?${params.join('&')}`;
  }

  /** Every row of a set matching the spec, paged by `$top/$skip`, with `or` lists split. */
  private async fetchRows(spec: FetchSpec, entity: EntityName, options: CallOptions, progress: { loaded: number; total: number }): Promise<Row[]> {
    const groups = spec.anyOf && spec.anyOf.length > 0 ? splitTerms(spec.anyOf, (g) => this.url(spec, g, '', { top: this.pageSize, skip: 1_000_000 }), this.maxUrl) : [undefined];
    const out: Row[] = [];
    const seen = new Set<string>();
    for (const group of groups) {
      const rows = await this.fetchGroup(spec, group, entity, options, progress);
      for (const r of rows) {
        const key = typeof r.Ref_Key === 'string' ? r.Ref_Key : undefined;
        if (key) {
          if (seen.has(key)) continue;
          seen.add(key);
        }
        out.push(r);
      }
    }
    return out;
  }

  private async fetchGroup(spec: FetchSpec, group: readonly string[] | undefined, entity: EntityName, options: CallOptions, progress: { loaded: number; total: number }): Promise<Row[]> {
    const { signal, onProgress } = options;
    const first = this.url(spec, group, '', { top: this.pageSize, skip: 0 });
    if (urlBytes(first) > this.maxUrl) throw new CrmError('invalid-input', { source: spec.set, detail: `a request would exceed ${this.maxUrl} bytes; shorten the filter` });
    const getPage = async (skip: number): Promise<Row[]> => {
      const body = await this.http.json<{ value?: Row[] }>(this.url(spec, group, '', { top: this.pageSize, skip }), { signal }, spec.set);
      if (!Array.isArray(body.value)) throw new CrmError('bad-response', { source: spec.set, detail: 'no "value" array in the answer' });
      return body.value;
    };
    // Totals come from /$count (1C's $inlinecount counts the page only); virtual tables page blind.
    const countPromise = spec.slice
      ? Promise.resolve(undefined)
      : this.http.send(this.url(spec, group, '/$count'), { signal, expect: 'text' }, `${spec.set}/$count`).then((t) => Number(t.trim()));
    const [count, firstRows] = await Promise.all([countPromise, getPage(0)]);
    signal?.throwIfAborted();
    if (count !== undefined && Number.isFinite(count)) progress.total += count;
    progress.loaded += firstRows.length;
    onProgress?.({ entity, loaded: progress.loaded, total: progress.total || undefined });
    const pages: Row[][] = [firstRows];
    if (firstRows.length < this.pageSize) return firstRows;
    if (count !== undefined && Number.isFinite(count)) {
      const skips: number[] = [];
      for (let s = this.pageSize; s < count; s += this.pageSize) skips.push(s);
      let next = 0;
      const results: Row[][] = new Array(skips.length);
      const worker = async () => {
        while (next < skips.length) {
          const i = next++;
          results[i] = await getPage(skips[i]);
          signal?.throwIfAborted();
          progress.loaded += results[i].length;
          onProgress?.({ entity, loaded: progress.loaded, total: progress.total });
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, skips.length) }, worker));
      pages.push(...results);
    } else {
      for (let skip = this.pageSize; ; skip += this.pageSize) {
        const rows = await getPage(skip);
        signal?.throwIfAborted();
        pages.push(rows);
        progress.loaded += rows.length;
        onProgress?.({ entity, loaded: progress.loaded });
        if (rows.length < this.pageSize) break;
      }
    }
    return pages.flat();
  }

  private async rowsOf(source: EntitySource, kindsKey: string, entity: EntityName, filter: Filter, fields: readonly string[] | undefined, options: CallOptions, progress = { loaded: 0, total: 0 }, extraSelect: readonly string[] = [], fieldMap?: (f: string) => string): Promise<Row[]> {
    const plan = this.plan(source, kindsKey, filter, fieldMap);
    if (plan.never) return [];
    const clauses = source.filter ? [source.filter, ...plan.clauses] : plan.clauses;
    const isRegister = source.set.startsWith('InformationRegister_') || source.set.startsWith('AccumulationRegister_');
    const select = [...new Set([...selectFor(source, fields), ...extraSelect])];
    return this.fetchRows(
      { set: source.set, select, clauses, anyOf: plan.anyOf, orderby: isRegister ? registerOrder(source) : 'Ref_Key', deletionMark: !isRegister },
      entity,
      options,
      progress,
    );
  }

  private missingSet(entity: string, missing: Set<string>): void {
    for (const path of missing) {
      if (path === `entities.${entity}` || path.startsWith(`entities.${entity}.`) || path.startsWith(`entities.${entity}[`)) {
        throw new CrmError('not-supported', { source: entity, detail: `the mapping's entity set for ${entity} is not published: see publicationProblems()` });
      }
    }
  }

  /** All records of an entity matching the filter (re-checked locally), in no particular order. */
  private async readAll(entity: EntityName, filter: Filter, fields: readonly string[] | undefined, options: CallOptions): Promise<Rec[]> {
    const { mapping, missing } = await this.start(options);
    options.signal?.throwIfAborted();
    if (!(MAPPED_ENTITIES as readonly string[]).includes(entity) || !mapping.entities[entity as keyof typeof mapping.entities]) {
      if ((ENTITY_NAMES as readonly string[]).includes(entity)) return [];
      throw new CrmError('not-supported', { source: entity });
    }
    this.missingSet(entity, missing);
    const ctx = { timeZone: this.timeZone };
    const e = mapping.entities;
    const f = fields ? [...fields, ...filter.map((c) => c.field)] : undefined;
    let records: Rec[];
    switch (entity) {
      case 'project':
      case 'department':
        records = (await this.rowsOf(e[entity]!, entity, entity, filter, f, options)).map((r) => rowToFields(r, e[entity]!, entity, ctx));
        break;
      case 'employee':
        records = (await this.rowsOf(e.employee!, 'employee', entity, filter, f, options)).map((r) => ({
          departmentIds: [],
          active: true,
          ...rowToFields(r, e.employee!, 'employee', ctx),
        }));
        break;
      case 'contact':
      case 'company': {
        const src = e[entity]!;
        const rows = await this.rowsOf(src, entity, entity, filter, f, options, undefined, src.comms ? [src.comms.tabular] : []);
        records = rows.map((r) => {
          const base = rowToFields(r, src, entity, ctx);
          const comms = src.comms
            ? (Array.isArray(r[src.comms.tabular]) ? (r[src.comms.tabular] as Row[]) : []).flatMap((line) => {
                const type = src.comms!.types[String(line[src.comms!.type])];
                const value = String(line[src.comms!.value] ?? '');
                if (!type || !value) return [];
                const valueType = src.comms!.valueType ? String(line[src.comms!.valueType] ?? '') : '';
                return [{ type, value, ...(valueType ? { valueType } : {}) }];
              })
            : [];
          const createdAt = (base.createdAt as number | undefined) ?? 0;
          return entity === 'contact'
            ? { kind: 'contact', companyIds: [], hasRequisites: false, fields: {}, name: '', ...base, comms, createdAt, modifiedAt: base.modifiedAt ?? createdAt }
            : { kind: 'company', contactIds: [], hasRequisites: false, fields: {}, title: '', ...base, comms, createdAt, modifiedAt: base.modifiedAt ?? createdAt };
        });
        break;
      }
      case 'lead':
        records = (await this.rowsOf(e.lead!, 'lead', entity, filter, f, options)).map((r) => {
          const b = rowToFields(r, e.lead!, 'lead', ctx);
          return { title: '', status: 'new', createdAt: 0, ...b, modifiedAt: b.modifiedAt ?? b.createdAt ?? 0 };
        });
        break;
      case 'invoice':
        records = (await this.rowsOf(e.invoice!, 'invoice', entity, filter, f, options)).map((r) => {
          const b = rowToFields(r, e.invoice!, 'invoice', ctx);
          return { number: '', title: '', amount: 0, currency: mapping.currency ?? 'RUB', status: 'draft', createdAt: 0, ...b, modifiedAt: b.modifiedAt ?? b.createdAt ?? 0 };
        });
        break;
      case 'deal': {
        const stages = e.funnel?.stages ? await this.stages(options) : new Map<string, Stage>();
        records = (await this.rowsOf(e.deal!, 'deal', entity, filter.filter((c) => c.field !== 'stageSemantics'), f, options)).map((r) => {
          const b = rowToFields(r, e.deal!, 'deal', ctx);
          const stage = stages.get(String(b.stageId));
          return {
            title: '',
            funnelId: stage?.funnelId ?? '',
            amount: 0,
            currency: mapping.currency ?? 'RUB',
            contactIds: [],
            createdAt: 0,
            products: [],
            fields: {},
            ...b,
            stageSemantics: stage?.semantics ?? 'process',
            modifiedAt: b.modifiedAt ?? b.createdAt ?? 0,
          };
        });
        break;
      }
      case 'funnel': {
        const stages = e.funnel!.stages ? [...(await this.stages(options)).values()] : [];
        records = (await this.rowsOf(e.funnel!, 'funnel', entity, filter, undefined, options)).map((r) => {
          const b = rowToFields(r, e.funnel!, 'funnel', ctx);
          return { name: '', ...b, stages: stages.filter((s) => s.funnelId === b.id).sort((x, y) => x.sort - y.sort) };
        });
        break;
      }
      case 'building':
        records = await this.buildings(mapping, filter, options);
        break;
      case 'apartment':
        records = await this.apartments(mapping, filter, f, options);
        break;
      case 'pricePoint': {
        const src = e.pricePoint!;
        const rows = await this.rowsOf(src, 'pricePoint', entity, filter, undefined, options);
        records = rows.map((r) => {
          const b = rowToFields(r, src, 'pricePoint', ctx);
          return { ...b, id: `${String(b.apartmentId)}@${String(readSpec(r, src.fields.at))}`, at: b.at ?? 0, price: b.price ?? 0 };
        });
        break;
      }
      case 'activity':
        records = await this.activities(mapping, filter, f, options);
        break;
      case 'resource':
        records = await this.resources(mapping, filter, options);
        break;
      case 'booking':
        records = await this.bookings(mapping, filter, f, options);
        break;
      default:
        records = [];
    }
    const result = records.filter((r) => matchesFilter(r, filter));
    options.onProgress?.({ entity, loaded: result.length, total: result.length });
    return result;
  }

  private stages(options: CallOptions): Promise<Map<string, Stage>> {
    this.stagesCache ??= (async () => {
      const { mapping } = await this.start(options);
      const src = mapping.entities.funnel?.stages;
      if (!src) return new Map();
      const rows = await this.rowsOf(src, 'funnel.stages', 'funnel', [], undefined, { signal: options.signal });
      const ctx = { timeZone: this.timeZone };
      return new Map(
        rows.map((r) => {
          const s = { sort: 0, semantics: 'process', funnelId: '', name: '', ...rowToFields(r, src, 'funnel.stages', ctx) } as unknown as Stage;
          return [s.id, s];
        }),
      );
    })();
    this.stagesCache.catch(() => (this.stagesCache = undefined));
    return this.stagesCache;
  }

  private async buildings(mapping: OneCMapping, filter: Filter, options: CallOptions): Promise<Rec[]> {
    const src = mapping.entities.building!;
    const ctx = { timeZone: this.timeZone };
    const rows = await this.rowsOf(src, 'building', 'building', filter, undefined, options);
    const quiet = { signal: options.signal };
    const sections = src.sections ? (await this.rowsOf(src.sections, 'building.sections', 'building', [], undefined, quiet)).map((r) => rowToFields(r, src.sections!, 'building.sections', ctx)) : [];
    const floors = src.floors ? (await this.rowsOf(src.floors, 'building.floors', 'building', [], undefined, quiet)).map((r) => rowToFields(r, src.floors!, 'building.floors', ctx)) : [];
    return rows.map((r) => {
      const b = rowToFields(r, src, 'building', ctx);
      const own = sections.filter((s) => s.buildingId === b.id).sort((x, y) => Number(x.sort ?? 0) - Number(y.sort ?? 0));
      return {
        name: '',
        ...b,
        sections: own.map((s) => ({
          id: String(s.id),
          name: String(s.name ?? ''),
          floors: floors.filter((fl) => fl.sectionId === s.id).map((fl) => Number(fl.number)).sort((x, y) => x - y),
          columns: Number(s.columns ?? 1),
        })),
      } satisfies Rec & Partial<Building>;
    });
  }

  /** Apartments: the catalog, the current status and the current price (two SliceLast reads). */
  private async apartments(mapping: OneCMapping, filter: Filter, fields: readonly string[] | undefined, options: CallOptions): Promise<Rec[]> {
    const src = mapping.entities.apartment!;
    const ctx = { timeZone: this.timeZone };
    const progress = { loaded: 0, total: 0 };
    const projectEq = filter.find((c) => c.field === 'projectId' && c.op === 'eq');
    const idList = filter.find((c) => c.field === 'id' && (c.op === 'eq' || c.op === 'in'));
    // Slice only the rows needed: by project when the register has it, or by apartment ids.
    const sliceCondition = (reg: EntitySource): string | undefined => {
      if (projectEq && reg.fields.projectId) return `${reg.fields.projectId} eq guid'${String(projectEq.value)}'`;
      if (idList) {
        const ids = (Array.isArray(idList.value) ? idList.value : [idList.value]) as string[];
        const guids = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(id)));
        if (guids.length === 0) return `${reg.fields.apartmentId} eq guid'00000000-0000-0000-0000-000000000000'`;
        if (guids.length <= 20) return guids.map((id) => `${reg.fields.apartmentId} eq guid'${id}'`).join(' or ');
      }
      return undefined;
    };
    const slice = async (reg: EntitySource | undefined, kindsKey: string) => {
      if (!reg) return new Map<string, Rec>();
      const rows = await this.fetchRows(
        { set: reg.set, select: selectFor(reg), clauses: [], slice: { condition: sliceCondition(reg) }, deletionMark: false },
        'apartment',
        { signal: options.signal },
        { loaded: 0, total: 0 },
      );
      return new Map<string, Rec>(
        rows.map((r) => {
          const v = rowToFields(r, reg, kindsKey, ctx);
          return [String(v.apartmentId), { ...v, raw: r }];
        }),
      );
    };
    const [rows, statuses, prices] = await Promise.all([
      this.rowsOf(src, 'apartment', 'apartment', filter, fields, options, progress),
      slice(src.status, 'apartment.status'),
      slice(src.price, 'apartment.price'),
    ]);
    return rows.map((r) => {
      const a = rowToFields(r, src, 'apartment', ctx);
      const s = statuses.get(String(a.id));
      const p = prices.get(String(a.id));
      const status = (s?.status as string | undefined) ?? 'not-for-sale';
      const booked = status === 'booked' || status === 'paid-booking';
      const statusRaw = s ? `${String(readSpec(s.raw as Row, src.status!.fields.at ?? 'Period'))}|${String(readSpec(s.raw as Row, src.status!.fields.status))}` : undefined;
      return {
        number: '',
        floor: 0,
        floorSpan: 1,
        column: 0,
        columnSpan: 1,
        type: 'apartment',
        rooms: 0,
        areaTotal: 0,
        currency: mapping.currency ?? 'RUB',
        ...a,
        price: (p?.price as number | undefined) ?? 0,
        status,
        statusAt: (s?.at as number | undefined) ?? 0,
        ...(booked && s
          ? {
              booking: {
                bookedAt: (s.bookedAt as number | undefined) ?? (s.at as number | undefined) ?? 0,
                ...(s.bookingExpiresAt !== undefined ? { expiresAt: s.bookingExpiresAt } : {}),
                paid: s.bookingPaid === true || status === 'paid-booking',
                ...(s.bookingPrice ? { price: s.bookingPrice } : {}),
                ...(s.clientName ? { clientName: s.clientName } : {}),
                ...(s.clientId ? { clientRef: { kind: 'contact', id: s.clientId } } : {}),
                ...(s.managerId ? { managerId: s.managerId } : {}),
              },
            }
          : {}),
        ...(statusRaw ? { version: statusRaw } : {}),
      };
    });
  }

  private async activities(mapping: OneCMapping, filter: Filter, fields: readonly string[] | undefined, options: CallOptions): Promise<Rec[]> {
    const ctx = { timeZone: this.timeZone };
    const progress = { loaded: 0, total: 0 };
    const kindCond = filter.find((c) => c.field === 'kind' && (c.op === 'eq' || c.op === 'in'));
    const kinds = kindCond ? new Set((Array.isArray(kindCond.value) ? kindCond.value : [kindCond.value]).map(String)) : undefined;
    const bindingCond = filter.find((c) => c.field === 'bindings' && (c.op === 'has' || c.op === 'eq' || c.op === 'in'));
    const out: Rec[] = [];
    for (const src of mapping.entities.activity ?? []) {
      if (kinds && !kinds.has(String(src.constants?.kind))) continue;
      const rest = filter.filter((c) => c !== kindCond && c !== bindingCond && c.field !== 'kind');
      // Bindings (`contact:<id>`) become `or` terms over the binding properties that are plain references.
      let anyOf: string[] | undefined;
      if (bindingCond) {
        const keys = (Array.isArray(bindingCond.value) ? bindingCond.value : [bindingCond.value]).map(String);
        const terms: string[] = [];
        let local = false;
        for (const key of keys) {
          const at = key.indexOf(':');
          const kind = key.slice(0, at);
          const id = key.slice(at + 1);
          const props = (src.bindings ?? []).filter((b) => b.kind === kind);
          if (props.length === 0) continue;
          if (props.some((b) => parseSpec(b.property).tabular !== undefined) || !/^[0-9a-f-]{36}$/i.test(id)) local = true;
          else for (const b of props) terms.push(`${b.property} eq guid'${id}'`);
        }
        if (!local && terms.length === 0) continue;
        if (!local) anyOf = terms;
      }
      const plan = this.plan(src, 'activity', rest);
      if (plan.never) continue;
      const bindingProps = (src.bindings ?? []).map((b) => parseSpec(b.property).tabular ?? parseSpec(b.property).property);
      const rows = await this.fetchRows(
        {
          set: src.set,
          select: [...new Set([...selectFor(src, fields ? [...fields, 'kind'] : undefined), ...bindingProps])],
          clauses: src.filter ? [src.filter, ...plan.clauses] : plan.clauses,
          anyOf: anyOf ?? plan.anyOf,
          orderby: 'Ref_Key',
          deletionMark: true,
        },
        'activity',
        options,
        progress,
      );
      for (const r of rows) {
        const b = rowToFields(r, src, 'activity', ctx);
        const bindings: RecordRef[] = [];
        for (const bind of src.bindings ?? []) {
          const raw = readSpec(r, bind.property);
          for (const v of Array.isArray(raw) ? raw : [raw]) {
            const id = toRef(v);
            if (id && !bindings.some((x) => x.kind === bind.kind && x.id === id)) bindings.push({ kind: bind.kind, id });
          }
        }
        out.push({ subject: '', completed: false, createdAt: 0, ...b, bindings } satisfies Rec & Partial<Activity>);
      }
    }
    return out;
  }

  private async resources(mapping: OneCMapping, filter: Filter, options: CallOptions): Promise<Rec[]> {
    const src = mapping.entities.resource!;
    const ctx = { timeZone: this.timeZone };
    const sched = src.schedule;
    const rows = await this.rowsOf(src, 'resource', 'resource', filter, undefined, options, undefined, sched ? [sched.tabular] : []);
    const exceptions = src.exceptions ? (await this.rowsOf(src.exceptions, 'resource.exceptions', 'resource', [], undefined, { signal: options.signal })).map((r) => rowToFields(r, src.exceptions!, 'resource.exceptions', ctx)) : [];
    return rows.map((r) => {
      const b = rowToFields(r, src, 'resource', ctx);
      const days: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, DayHours>> = {};
      if (sched) {
        for (const line of (Array.isArray(r[sched.tabular]) ? r[sched.tabular] : []) as Row[]) {
          const day = toNumber(line[sched.day]) as (typeof DAY_KEYS)[number];
          if (!DAY_KEYS.includes(day)) continue;
          const start = toClock(line[sched.start]) ?? '00:00';
          const end = toClock(line[sched.end]) ?? '00:00';
          const bs = sched.breakStart ? toClock(line[sched.breakStart]) : undefined;
          const be = sched.breakEnd ? toClock(line[sched.breakEnd]) : undefined;
          const prev = days[day];
          const breaks = [...(prev?.breaks ?? []), ...(bs && be && bs !== be ? [{ start: bs, end: be }] : [])];
          days[day] = { start: prev?.start ?? start, end: prev?.end ?? end, breaks };
        }
      }
      const { slotMinutes, ...rest } = b;
      return {
        name: '',
        type: 'meeting-room',
        capacity: 1,
        ...rest,
        schedule: { days, slotMinutes: (slotMinutes as number | undefined) || 60 },
        exceptions: exceptions
          .filter((x) => x.resourceId === b.id)
          .map((x) => ({
            date: String(x.date),
            hours: x.dayOff ? null : { start: String(x.start ?? '00:00'), end: String(x.end ?? '00:00'), breaks: [] },
            ...(x.reason ? { reason: String(x.reason) } : {}),
          })),
      } satisfies Rec & Partial<BookingResource>;
    });
  }

  private async bookings(mapping: OneCMapping, filter: Filter, fields: readonly string[] | undefined, options: CallOptions): Promise<Rec[]> {
    const src = mapping.entities.booking!;
    const ctx = { timeZone: this.timeZone };
    const clients = src.clients;
    const contactSet = mapping.entities.contact?.set;
    const rows = await this.rowsOf(src, 'booking', 'booking', filter, fields, options, undefined, clients ? [clients.tabular] : []);
    return rows.map((r) => {
      const b = rowToFields(r, src, 'booking', ctx);
      const clientRefs = clients
        ? ((Array.isArray(r[clients.tabular]) ? r[clients.tabular] : []) as Row[]).flatMap((line) => {
            const id = toRef(line[clients.property] ?? line[`${clients.property}_Key`]);
            if (!id) return [];
            const type = String(line[`${clients.property}_Type`] ?? '');
            return [{ kind: contactSet && type.endsWith(contactSet) ? ('contact' as const) : ('company' as const), id }];
          })
        : [];
      return { title: '', seats: 1, status: 'active', createdAt: 0, ...b, meetingId: String(b.meetingId ?? b.id), clientRefs } satisfies Rec & Partial<Booking>;
    });
  }
}

/** Creates the 1C adapter (`<crm-provider adapter-kind="1c">` and the demo use this). */
export function createOneCAdapter(options: OneCAdapterOptions): OneCAdapter {
  return new OneCAdapter(options);
}

export type { FilterCondition };
void wallClockToInstant;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a failed write may still have been done: the request may have reached 1C and only the
 * answer was lost (network, 5xx, gateway timeout, a truncated or HTML answer). A refusal
 * (`conflict`, `invalid-input`, `access-denied`, `not-found`, `auth-expired`, `rate-limited`)
 * means nothing was written.
 */
function outcomeUnknown(e: CrmError): boolean {
  return e.code === 'network' || e.code === 'bad-response';
}
