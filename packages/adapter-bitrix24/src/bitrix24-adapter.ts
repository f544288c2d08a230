import {
  applyQuery,
  compareBy,
  CrmError,
  isAbortError,
  matchesFilter,
  toCrmError,
  type AdapterCapabilities,
  type AdapterIdentity,
  type CallOptions,
  type ListIdsOptions,
  type DataAdapter,
  type EntityCapability,
  type Filter,
  type FilterCondition,
  type ListQuery,
  type ListResult,
} from '@crmkit/core/adapter/index.js';
import {
  parseRecordKey,
  type EntityMap,
  type EntityName,
  type FieldDefinition,
  type FieldOwner,
  type Funnel,
  type Id,
} from '@crmkit/core/model/index.js';
import {
  mapActivity,
  mapComment,
  mapCompany,
  mapContact,
  mapDeal,
  mapDepartment,
  mapDocument,
  mapEmployee,
  mapFunnels,
  mapInvoice,
  mapLead,
  mapPayment,
  mapStageMove,
  mapUserField,
  OWNER_TYPE_ID,
  type MapContext,
  type Raw,
  type RawCategory,
  type StageInfo,
  type UfInfo,
} from './mapping.js';
import { buildIdIndex, chainById, idSpan, PAGE, pageAll, refreshIdIndex, rowsOf, scanAll, scanAllChunked, type IdIndex, type ListSource } from './planner.js';
import { RestClient, restClientFor, sharedRestClient, type RateLimit, type RestClientOptions } from './rest-client.js';
import { frameAuth, OAuthTransport, WebhookTransport, type AuthSource, type B24FrameLike, type Bx24Like, type FetchLike, type Transport } from './transport.js';

export type Dialect = 'item' | 'legacy';

export interface Bitrix24AdapterOptions {
  /** An inbound webhook URL (`https://portal/rest/<user>/<secret>/`). A secret: see the README. */
  readonly webhook?: string;
  /** Inside a Bitrix24 frame: the legacy `BX24` global or the SDK's `B24Frame`. */
  readonly frame?: Bx24Like | B24FrameLike;
  /** Or any auth source (tokens from the host page). */
  readonly auth?: AuthSource;
  /** Or a ready transport (tests). */
  readonly transport?: Transport;
  /** `item` (crm.item.*, typed, default) or `legacy` (crm.deal/contact/company.*). */
  readonly dialect?: Dialect;
  /** 50 burst / 2 per second, or Enterprise's 250 / 5. */
  readonly limit?: RateLimit;
  readonly client?: Omit<RestClientOptions, 'limit'>;
  /** The portal's time zone (IANA); Bitrix24 sends offsets, not zones. */
  readonly timeZone?: string;
  readonly fetch?: FetchLike;
}

interface Dictionaries {
  readonly stages: Map<string, StageInfo>;
  readonly funnels: Funnel[];
  readonly fieldDefinitions: FieldDefinition[];
  readonly ufs: Map<FieldOwner, Map<string, UfInfo>>;
  readonly paidInvoiceStages: string[];
}

/** Dictionaries per portal and user, fetched once per page (stages, funnels, user fields). */
const dictionaryCache = new Map<string, Promise<Dictionaries>>();
/** Identity per REST client (portal + user): every adapter instance of a user asks once. */
const identityCache = new WeakMap<RestClient, Promise<AdapterIdentity>>();
const employeeCache = new Map<string, Promise<{ employees: EntityMap['employee'][]; departments: EntityMap['department'][] }>>();

/** The id index of each list `listIds` checked, per REST client (portal + user), for this page's life. */
const idIndexes = new WeakMap<RestClient, Map<string, IdIndex>>();

/** Bulk-paged scans in progress, per REST client: served a page at a time (see `bulkPage`). */
const bulkScans = new WeakMap<RestClient, Map<string, Promise<readonly unknown[]>>>();

/** From this page size on, a list without order is read as one scan and served page by page. */
export const BULK_PAGE = 500;

/**
 * The paid smart invoices of the last full invoice scan, per REST client (portal and user). A
 * payment is a paid invoice, so a full payment list asked while that scan runs or within
 * {@link PAID_REUSE_MS} after it is served from its rows: the paid invoices are not asked twice
 * (on an 85,000-client portal, about 280,000 rows, 110 requests, of a first load).
 */
const paidInvoiceScans = new WeakMap<RestClient, { rows: Promise<Raw[]>; doneAt?: number }>();
export const PAID_REUSE_MS = 120_000;
/** What {@link mapPayment} reads, added to every invoice `select` so its rows can serve payments. */
const PAYMENT_FIELDS = ['stageId', 'parentId2', 'contactId', 'companyId', 'opportunity', 'currencyId', 'movedTime', 'updatedTime'];

/**
 * The ids of a filter that is only `id in […]` of crm.activity.list's own activities (numeric;
 * comments and documents carry a prefix): which of a cached copy's activities still exist.
 */
function ownActivityIds(filter: Filter | undefined): number[] | undefined {
  if (filter?.length !== 1) return undefined;
  const [c] = filter;
  if (c.field !== 'id' || c.op !== 'in' || !Array.isArray(c.value) || c.value.length === 0) return undefined;
  const ids = c.value.map(String);
  return ids.every((x) => /^\d+$/.test(x)) ? ids.map(Number) : undefined;
}

/** Those ids and their span (a primary-key range to count or scan). */
function ownActivityFilter(ids: readonly number[]): Record<string, unknown> {
  return { '@ID': ids, ...idSpan(ids, 'ID') };
}

/** Drops the per-portal dictionary caches (tests; a "refresh" button). */
export function clearBitrix24Dictionaries(): void {
  dictionaryCache.clear();
  employeeCache.clear();
}

const READABLE: readonly EntityName[] = ['contact', 'company', 'lead', 'deal', 'stageMove', 'invoice', 'payment', 'activity', 'employee', 'department', 'funnel', 'fieldDefinition'];
const INCREMENTAL: ReadonlySet<EntityName> = new Set(['contact', 'company', 'lead', 'deal', 'invoice', 'payment', 'activity']);

/** Model field → Bitrix24 field, per dialect, for filters, `select` and `modifiedSince`. */
type FieldMap = Readonly<Record<string, { readonly item: string; readonly legacy: string; readonly kind?: 'time' | 'id' | 'flag' }>>;

const DEAL_MAP: FieldMap = {
  id: { item: 'id', legacy: 'ID', kind: 'id' },
  title: { item: 'title', legacy: 'TITLE' },
  funnelId: { item: 'categoryId', legacy: 'CATEGORY_ID' },
  stageId: { item: 'stageId', legacy: 'STAGE_ID' },
  stageSemantics: { item: 'stageSemanticId', legacy: 'STAGE_SEMANTIC_ID' },
  amount: { item: 'opportunity', legacy: 'OPPORTUNITY' },
  currency: { item: 'currencyId', legacy: 'CURRENCY_ID' },
  companyId: { item: 'companyId', legacy: 'COMPANY_ID', kind: 'id' },
  contactIds: { item: 'contactIds', legacy: 'CONTACT_ID' },
  // The primary contact: a field of both dialects, so it can be filtered on (`@CONTACT_ID`).
  contactId: { item: 'contactId', legacy: 'CONTACT_ID', kind: 'id' },
  responsibleId: { item: 'assignedById', legacy: 'ASSIGNED_BY_ID', kind: 'id' },
  createdById: { item: 'createdBy', legacy: 'CREATED_BY_ID', kind: 'id' },
  createdAt: { item: 'createdTime', legacy: 'DATE_CREATE', kind: 'time' },
  modifiedAt: { item: 'updatedTime', legacy: 'DATE_MODIFY', kind: 'time' },
  lastActivityAt: { item: 'lastActivityTime', legacy: 'LAST_ACTIVITY_TIME', kind: 'time' },
  closedAt: { item: 'closedate', legacy: 'CLOSEDATE' },
  expectedCloseAt: { item: 'closedate', legacy: 'CLOSEDATE' },
  sourceId: { item: 'sourceId', legacy: 'SOURCE_ID' },
};
const CLIENT_BASE: FieldMap = {
  id: { item: 'id', legacy: 'ID', kind: 'id' },
  responsibleId: { item: 'assignedById', legacy: 'ASSIGNED_BY_ID', kind: 'id' },
  createdById: { item: 'createdBy', legacy: 'CREATED_BY_ID', kind: 'id' },
  createdAt: { item: 'createdTime', legacy: 'DATE_CREATE', kind: 'time' },
  modifiedAt: { item: 'updatedTime', legacy: 'DATE_MODIFY', kind: 'time' },
  lastActivityAt: { item: 'lastActivityTime', legacy: 'LAST_ACTIVITY_TIME', kind: 'time' },
};
const CONTACT_MAP: FieldMap = {
  ...CLIENT_BASE,
  name: { item: 'name', legacy: 'NAME' },
  firstName: { item: 'name', legacy: 'NAME' },
  lastName: { item: 'lastName', legacy: 'LAST_NAME' },
  birthday: { item: 'birthdate', legacy: 'BIRTHDATE' },
  companyIds: { item: 'companyIds', legacy: 'COMPANY_ID' },
  comms: { item: 'fm', legacy: 'PHONE' },
};
const COMPANY_MAP: FieldMap = {
  ...CLIENT_BASE,
  title: { item: 'title', legacy: 'TITLE', kind: undefined },
  industry: { item: 'industry', legacy: 'INDUSTRY' },
  contactIds: { item: 'contactIds', legacy: 'CONTACT_ID' },
  comms: { item: 'fm', legacy: 'PHONE' },
};
const LEAD_MAP: FieldMap = {
  id: { item: 'ID', legacy: 'ID', kind: 'id' },
  title: { item: 'TITLE', legacy: 'TITLE' },
  responsibleId: { item: 'ASSIGNED_BY_ID', legacy: 'ASSIGNED_BY_ID', kind: 'id' },
  contactId: { item: 'CONTACT_ID', legacy: 'CONTACT_ID', kind: 'id' },
  companyId: { item: 'COMPANY_ID', legacy: 'COMPANY_ID', kind: 'id' },
  createdAt: { item: 'DATE_CREATE', legacy: 'DATE_CREATE', kind: 'time' },
  modifiedAt: { item: 'DATE_MODIFY', legacy: 'DATE_MODIFY', kind: 'time' },
};
const INVOICE_MAP: FieldMap = {
  id: { item: 'id', legacy: 'id', kind: 'id' },
  title: { item: 'title', legacy: 'title' },
  number: { item: 'accountNumber', legacy: 'accountNumber' },
  amount: { item: 'opportunity', legacy: 'opportunity' },
  currency: { item: 'currencyId', legacy: 'currencyId' },
  dealId: { item: 'parentId2', legacy: 'parentId2', kind: 'id' },
  contactId: { item: 'contactId', legacy: 'contactId', kind: 'id' },
  companyId: { item: 'companyId', legacy: 'companyId', kind: 'id' },
  responsibleId: { item: 'assignedById', legacy: 'assignedById', kind: 'id' },
  createdAt: { item: 'createdTime', legacy: 'createdTime', kind: 'time' },
  modifiedAt: { item: 'updatedTime', legacy: 'updatedTime', kind: 'time' },
  dueAt: { item: 'closedate', legacy: 'closedate', kind: 'time' },
};
const ACTIVITY_MAP: FieldMap = {
  id: { item: 'ID', legacy: 'ID', kind: 'id' },
  subject: { item: 'SUBJECT', legacy: 'SUBJECT' },
  responsibleId: { item: 'RESPONSIBLE_ID', legacy: 'RESPONSIBLE_ID', kind: 'id' },
  authorId: { item: 'AUTHOR_ID', legacy: 'AUTHOR_ID', kind: 'id' },
  createdAt: { item: 'CREATED', legacy: 'CREATED', kind: 'time' },
  startAt: { item: 'START_TIME', legacy: 'START_TIME', kind: 'time' },
  deadline: { item: 'DEADLINE', legacy: 'DEADLINE', kind: 'time' },
  modifiedAt: { item: 'LAST_UPDATED', legacy: 'LAST_UPDATED', kind: 'time' },
  // `COMPLETED` is a Y/N flag: the client base's open activities go to the portal as COMPLETED = N.
  completed: { item: 'COMPLETED', legacy: 'COMPLETED', kind: 'flag' },
};
const STAGE_MOVE_MAP: FieldMap = {
  id: { item: 'ID', legacy: 'ID', kind: 'id' },
  dealId: { item: 'OWNER_ID', legacy: 'OWNER_ID', kind: 'id' },
  stageId: { item: 'STAGE_ID', legacy: 'STAGE_ID' },
  funnelId: { item: 'CATEGORY_ID', legacy: 'CATEGORY_ID' },
  at: { item: 'CREATED_TIME', legacy: 'CREATED_TIME', kind: 'time' },
};

/** The fields every mapper needs whatever the widget asked for. */
const REQUIRED: Readonly<Partial<Record<EntityName, readonly string[]>>> = {
  deal: ['stageId', 'stageSemantics', 'funnelId', 'modifiedAt'],
  contact: ['modifiedAt'],
  company: ['modifiedAt'],
  invoice: ['stageId', 'modifiedAt'],
  activity: ['OWNER_ID', 'OWNER_TYPE_ID', 'TYPE_ID', 'PROVIDER_ID', 'PROVIDER_TYPE_ID', 'COMPLETED', 'CREATED'],
};

const OPS: Readonly<Partial<Record<FilterCondition['op'], string>>> = {
  eq: '=',
  ne: '!',
  in: '@',
  nin: '!@',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  contains: '%',
};

/** Generated documents: listed portal-wide by id, or per owner; never filtered by the portal. */
const DOCUMENT_SRC: ListSource = { method: 'crm.documentgenerator.document.list', idField: 'id', rowsKey: 'documents' };
const DOCUMENT_FIELDS = ['id', 'title', 'number', 'entityTypeId', 'entityId', 'createTime', 'updateTime', 'createdBy'];

/**
 * True when a filter keeps only open activities (`completed = false`): comments and generated
 * documents are done by nature, so their methods need not be asked.
 */
function openOnly(filter: Filter | undefined): boolean {
  return (filter ?? []).some(
    (c) => c.field === 'completed' && ((c.op === 'eq' && c.value === false) || (c.op === 'ne' && c.value === true) || (c.op === 'in' && Array.isArray(c.value) && c.value.every((v) => v === false))),
  );
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/**
 * The Bitrix24 data adapter: read-only, batched, rate-limited, over a webhook URL or inside a
 * Bitrix24 frame. See `DATA.md` (section Bitrix24) for every method and field it reads.
 */
export class Bitrix24Adapter implements DataAdapter {
  readonly kind = 'bitrix24';
  readonly client: RestClient;
  readonly dialect: Dialect;
  private readonly timeZone: string;
  private identityPromise: Promise<AdapterIdentity> | undefined;

  constructor(options: Bitrix24AdapterOptions) {
    const transport =
      options.transport ??
      (options.webhook
        ? new WebhookTransport(options.webhook, options.fetch)
        : options.frame
          ? new OAuthTransport(frameAuth(options.frame), options.fetch)
          : options.auth
            ? new OAuthTransport(options.auth, options.fetch)
            : undefined);
    if (!transport) throw new CrmError('invalid-input', { detail: 'Bitrix24 adapter needs a webhook URL, a frame or an auth source' });
    const key = options.webhook ? `webhook:${options.webhook}` : `oauth:${transport.origin}:${transport.userId ?? ''}`;
    this.client = options.transport ? restClientFor(transport, { ...options.client, limit: options.limit }) : sharedRestClient(key, () => new RestClient(transport, { ...options.client, limit: options.limit }));
    this.dialect = options.dialect ?? 'item';
    this.timeZone = options.timeZone ?? 'Europe/Moscow';
  }

  private get origin(): string {
    return this.client.transport.origin;
  }

  private cacheKey(userId: string): string {
    return `${this.origin}|${userId}`;
  }

  private async run<T>(source: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      signal?.throwIfAborted();
      const r = await fn();
      signal?.throwIfAborted();
      return r;
    } catch (e) {
      if (isAbortError(e) || signal?.aborted) throw e;
      throw toCrmError(e, source);
    }
  }

  identity(options: CallOptions = {}): Promise<AdapterIdentity> {
    this.identityPromise ??= identityCache.get(this.client);
    this.identityPromise ??= this.run('user.current', async () => {
      const r = await this.client.call<Raw>('user.current', {}, options.signal);
      const user = mapEmployee(r.result, this.origin);
      return { origin: this.origin, userId: user.id, user, timeZone: this.timeZone };
    }).catch((e: unknown) => {
      this.identityPromise = undefined;
      identityCache.delete(this.client);
      throw e;
    });
    identityCache.set(this.client, this.identityPromise);
    return this.identityPromise;
  }

  async capabilities(options: CallOptions = {}): Promise<AdapterCapabilities> {
    options.signal?.throwIfAborted();
    const entities: Partial<Record<EntityName, EntityCapability>> = {};
    for (const e of READABLE) entities[e] = { read: true, incremental: INCREMENTAL.has(e), ids: true };
    // Real estate, bookings, products and price history are not Bitrix24 CRM entities.
    for (const e of ['product', 'project', 'building', 'apartment', 'pricePoint', 'resource', 'booking'] as const) {
      entities[e] = { read: false, incremental: false, ids: false };
    }
    // Contacts, companies and deals carry the portal's own last-activity time (lastActivityTime).
    return { entities, writes: { apartmentBooking: false, resourceBooking: false }, recordActivityTime: true };
  }

  // ---- dictionaries ----------------------------------------------------------------------

  private async dictionaries(signal?: AbortSignal): Promise<Dictionaries> {
    const { userId } = await this.identity({ signal });
    const key = this.cacheKey(userId);
    let p = dictionaryCache.get(key);
    if (!p) {
      p = this.loadDictionaries(signal);
      dictionaryCache.set(key, p);
      p.catch(() => dictionaryCache.delete(key));
    }
    return p;
  }

  private async loadDictionaries(signal?: AbortSignal): Promise<Dictionaries> {
    const owners: [FieldOwner, string][] = [
      ['deal', 'crm.deal.userfield.list'],
      ['contact', 'crm.contact.userfield.list'],
      ['company', 'crm.company.userfield.list'],
      ['lead', 'crm.lead.userfield.list'],
    ];
    // One request: categories, every status, and the four user-field lists.
    const [cats, statuses, ...ufLists] = await Promise.all([
      this.client.call<{ categories: RawCategory[] }>('crm.category.list', { entityTypeId: 2 }, signal),
      this.client.call<Raw[]>('crm.status.list', { order: { SORT: 'ASC' } }, signal),
      ...owners.map(([, m]) => this.client.call<Raw[]>(m, { filter: { LANG: 'ru' } }, signal)),
    ]);
    const statusRows = Array.isArray(statuses.result) ? statuses.result : [];
    const funnels = mapFunnels(cats.result?.categories ?? [], statusRows);
    const stages = new Map<string, StageInfo>();
    for (const f of funnels) for (const s of f.stages) stages.set(s.id, { funnelId: f.id, semantics: s.semantics });
    const paidInvoiceStages: string[] = [];
    for (const s of statusRows) {
      const entityId = String(s.ENTITY_ID ?? '');
      if (!entityId.startsWith('SMART_INVOICE_STAGE')) continue;
      const semantics = s.SEMANTICS === 'S' ? 'success' : s.SEMANTICS === 'F' ? 'failure' : 'process';
      stages.set(String(s.STATUS_ID), { funnelId: entityId, semantics });
      if (semantics === 'success') paidInvoiceStages.push(String(s.STATUS_ID));
    }
    const fieldDefinitions: FieldDefinition[] = [];
    const ufs = new Map<FieldOwner, Map<string, UfInfo>>();
    owners.forEach(([owner], i) => {
      const m = new Map<string, UfInfo>();
      for (const raw of (ufLists[i].result as Raw[]) ?? []) {
        const def = mapUserField(raw, owner);
        fieldDefinitions.push(def);
        m.set(def.code, { type: def.type, multiple: def.multiple });
      }
      ufs.set(owner, m);
    });
    return { stages, funnels, fieldDefinitions, ufs, paidInvoiceStages };
  }

  private async people(signal?: AbortSignal): Promise<{ employees: EntityMap['employee'][]; departments: EntityMap['department'][] }> {
    const { userId } = await this.identity({ signal });
    const key = this.cacheKey(userId);
    let p = employeeCache.get(key);
    if (!p) {
      p = Promise.all([
        pageAll(this.client, { method: 'user.get', idField: 'ID', noFastMode: true }, {}, undefined, { signal }),
        pageAll(this.client, { method: 'department.get', idField: 'ID', noFastMode: true }, {}, undefined, { signal }),
      ]).then(([u, d]) => ({ employees: u.map((r) => mapEmployee(r, this.origin)), departments: d.map(mapDepartment) }));
      employeeCache.set(key, p);
      p.catch(() => employeeCache.delete(key));
    }
    return p;
  }

  private ctx(d: Dictionaries, owner: FieldOwner): MapContext {
    return { origin: this.origin, ufs: d.ufs.get(owner) ?? new Map(), stages: d.stages };
  }

  // ---- sources -------------------------------------------------------------------------------

  /**
   * Where a list is read. In the `item` dialect, a contact list that does not ask `companyIds`
   * and a deal list that does not ask `contactIds` (nor products) are read through the legacy
   * `crm.contact.list` / `crm.deal.list`: the same records, and only the item API carries those
   * multiple bindings. Each REST method has its own operating-time budget (480 s per 10 minutes),
   * so a first load that spreads its rows over several methods is not held up by one of them
   * (on an 85,000-client portal `crm.item.list` alone would carry ~840,000 rows).
   */
  private source(entity: EntityName, fields?: readonly string[]): { src: ListSource; map: FieldMap; dialect: Dialect } | undefined {
    const legacyEnough =
      fields !== undefined &&
      ((entity === 'contact' && !fields.includes('companyIds')) || (entity === 'deal' && !fields.includes('contactIds') && !fields.includes('products')));
    const item = this.dialect === 'item' && !legacyEnough;
    if (legacyEnough && this.dialect === 'item') {
      return entity === 'deal'
        ? { src: { method: 'crm.deal.list', idField: 'ID' }, map: DEAL_MAP, dialect: 'legacy' }
        : { src: { method: 'crm.contact.list', idField: 'ID' }, map: CONTACT_MAP, dialect: 'legacy' };
    }
    const itemSrc = (entityTypeId: number): ListSource => ({ method: 'crm.item.list', base: { entityTypeId, useOriginalUfNames: 'Y' }, idField: 'id', rowsKey: 'items' });
    switch (entity) {
      case 'deal':
        return { src: item ? itemSrc(2) : { method: 'crm.deal.list', idField: 'ID' }, map: DEAL_MAP, dialect: this.dialect };
      case 'contact':
        return { src: item ? itemSrc(3) : { method: 'crm.contact.list', idField: 'ID' }, map: CONTACT_MAP, dialect: this.dialect };
      case 'company':
        return { src: item ? itemSrc(4) : { method: 'crm.company.list', idField: 'ID' }, map: COMPANY_MAP, dialect: this.dialect };
      case 'lead':
        return { src: { method: 'crm.lead.list', idField: 'ID' }, map: LEAD_MAP, dialect: 'legacy' };
      case 'invoice':
      case 'payment':
        return { src: itemSrc(31), map: INVOICE_MAP, dialect: 'item' };
      case 'activity':
        return { src: { method: 'crm.activity.list', idField: 'ID' }, map: ACTIVITY_MAP, dialect: 'legacy' };
      case 'stageMove':
        return { src: { method: 'crm.stagehistory.list', base: { entityTypeId: 2 }, idField: 'ID', rowsKey: 'items' }, map: STAGE_MOVE_MAP, dialect: 'legacy' };
      default:
        return undefined;
    }
  }

  /**
   * Splits a model filter into what Bitrix24 can evaluate and what we evaluate after mapping.
   * Conditions on unmapped fields, `has`, `empty` and custom-field enumerations by label stay local.
   */
  private translate(entity: EntityName, map: FieldMap, dialect: Dialect, filter: Filter | undefined, modifiedSince: number | undefined): { remote: Record<string, unknown>; local: FilterCondition[] } {
    const remote: Record<string, unknown> = {};
    const local: FilterCondition[] = [];
    for (const c of filter ?? []) {
      const target = c.field.startsWith('fields.') ? { item: c.field.slice(7), legacy: c.field.slice(7), kind: undefined } : map[c.field];
      if ((c.op === 'empty' || c.op === 'notEmpty') && target?.kind === 'id') {
        // An unset binding (a deal without a company) is 0 on the portal, ids are positive.
        const name = dialect === 'item' ? target.item : target.legacy;
        const key = c.op === 'empty' ? name : `>${name}`;
        if (key in remote) local.push(c);
        else remote[key] = 0;
        continue;
      }
      const prefix = OPS[c.op];
      // Composed or multi-valued in the model: evaluated locally.
      const multiValued = c.field === 'contactIds' || c.field === 'companyIds' || c.field === 'comms' || c.field === 'bindings' || c.field === 'stageSemantics' || (entity === 'contact' && c.field === 'name');
      if (!prefix || !target || multiValued || c.value === undefined) {
        local.push(c);
        continue;
      }
      const name = dialect === 'item' ? target.item : target.legacy;
      // Bitrix24 keeps times to the second: an instant inside a second is rounded the way that
      // keeps the comparison true for whole-second values (x < 12:00:00.001 is x < 12:00:01);
      // equality with such an instant can only be checked here.
      if (target.kind === 'time' && (Array.isArray(c.value) ? c.value : [c.value]).some((v) => typeof v === 'number' && v % 1000 !== 0) && !['lt', 'lte', 'gt', 'gte'].includes(c.op)) {
        local.push(c);
        continue;
      }
      const up = c.op === 'lt' || c.op === 'gte';
      const conv = (v: unknown): unknown =>
        target.kind === 'time' && typeof v === 'number'
          ? isoOf(up ? Math.ceil(v / 1000) * 1000 : Math.floor(v / 1000) * 1000)
          : target.kind === 'flag' && typeof v === 'boolean'
            ? v ? 'Y' : 'N'
            : v;
      const value = Array.isArray(c.value) ? c.value.map(conv) : conv(c.value);
      const key = `${prefix === '=' ? '' : prefix}${name}`;
      if (key in remote) local.push(c);
      else remote[key] = value;
      // Records by id: their span too.
      if (c.field === 'id' && c.op === 'in' && Array.isArray(value) && !(`>=${name}` in remote) && !(`<=${name}` in remote)) Object.assign(remote, idSpan(value, name));
    }
    if (modifiedSince !== undefined) {
      const m = map.modifiedAt;
      if (m) remote[`>=${dialect === 'item' ? m.item : m.legacy}`] = isoOf(modifiedSince);
    }
    if (entity === 'payment') remote['@stageId'] = ['__none__'];
    return { remote, local };
  }

  private selectFor(entity: EntityName, map: FieldMap, dialect: Dialect, query: ListQuery, local: readonly FilterCondition[]): string[] | undefined {
    const fields = query.fields as readonly string[] | undefined;
    if (!fields) {
      // The last-activity time is named as well: `*` of a legacy list need not carry it.
      if (entity === 'contact' || entity === 'company') return dialect === 'item' ? ['*', 'fm', 'UF_*', 'lastActivityTime'] : ['*', 'PHONE', 'EMAIL', 'WEB', 'IM', 'UF_*', 'LAST_ACTIVITY_TIME'];
      if (entity === 'deal') return dialect === 'item' ? ['*', 'UF_*', 'lastActivityTime'] : ['*', 'UF_*', 'LAST_ACTIVITY_TIME'];
      return undefined;
    }
    const wanted = new Set<string>(['id', ...fields, ...(REQUIRED[entity] ?? []), ...local.map((c) => c.field)]);
    if (query.order) wanted.add(query.order.field);
    const out = new Set<string>();
    for (const f of wanted) {
      if (f === 'fields' || f.startsWith('fields.')) {
        out.add('UF_*');
        continue;
      }
      if (f === 'comms') {
        if (dialect === 'item') out.add('fm');
        else ['PHONE', 'EMAIL', 'WEB', 'IM'].forEach((x) => out.add(x));
        continue;
      }
      if (entity === 'contact' && f === 'name') out.add(dialect === 'item' ? 'lastName' : 'LAST_NAME');
      if (f === 'contactIds' && dialect === 'item') out.add('contactIds');
      if (f === 'companyIds' && dialect === 'item') out.add('companyIds');
      const t = map[f];
      if (t) out.add(dialect === 'item' ? t.item : t.legacy);
      else if (/^[A-Z_]+$/.test(f)) out.add(f);
    }
    // Descriptions (e-mail bodies, the bulk of an activity's bytes) only when asked for.
    if (entity === 'activity') ['END_TIME', 'DIRECTION', 'EDITOR_ID', 'LAST_UPDATED', ...(fields.includes('description') ? ['DESCRIPTION'] : []), 'SUBJECT', 'RESPONSIBLE_ID', 'AUTHOR_ID', 'START_TIME', 'DEADLINE'].forEach((x) => out.add(x));
    if (entity === 'payment' || entity === 'invoice') PAYMENT_FIELDS.forEach((x) => out.add(x));
    return [...out];
  }

  /**
   * Which clients have requisites. For a few clients (a refresh's changed records, one card) the
   * owners are asked by id (`@ENTITY_ID`, `IN_CHUNK` ids a command, all in one batch)
   * instead of scanning every requisite of the portal.
   */
  private async requisiteOwners(typeId: number, signal?: AbortSignal, owners?: readonly string[]): Promise<Set<string>> {
    const src = { method: 'crm.requisite.list', idField: 'ID' } as const;
    if (owners && owners.length <= 5000) {
      const rows = await scanAllChunked(this.client, src, { ENTITY_TYPE_ID: typeId, '@ENTITY_ID': owners }, ['ID', 'ENTITY_ID'], { signal });
      return new Set(rows.map((r) => String(r.ENTITY_ID)));
    }
    const rows = await scanAll(this.client, src, { ENTITY_TYPE_ID: typeId }, ['ID', 'ENTITY_ID'], { signal });
    return new Set(rows.map((r) => String(r.ENTITY_ID)));
  }

  // ---- the contract ---------------------------------------------------------------------------

  list<E extends EntityName>(entity: E, query: ListQuery<E> = {}, options: CallOptions = {}): Promise<ListResult<EntityMap[E]>> {
    const q = query as ListQuery;
    const run = q.limit !== undefined && q.limit >= BULK_PAGE && !q.order ? () => this.bulkPage(entity, q, options) : () => this.listImpl(entity, q, options);
    return this.run(entity, run as () => Promise<ListResult<EntityMap[E]>>, options.signal);
  }

  /**
   * Bulk paging (the cache's first load asks 1,000 records a call, no order): one full scan at
   * 2,500 rows a request, kept until its last page is served, instead of one request per
   * 1,000 rows with a COUNT each (or, for activities, a whole scan per page). The cursor is the
   * offset in that scan; a cursor from another page life (a resumed load) scans again.
   */
  private async bulkPage(entity: EntityName, query: ListQuery, options: CallOptions): Promise<ListResult<unknown>> {
    const { limit, cursor, ...rest } = query;
    const key = JSON.stringify([entity, rest]);
    const offset = cursor ? Number.parseInt(cursor, 10) || 0 : 0;
    const pages = bulkScans.get(this.client) ?? new Map<string, Promise<readonly unknown[]>>();
    bulkScans.set(this.client, pages);
    let scan = offset === 0 ? undefined : pages.get(key);
    if (!scan) {
      scan = this.listImpl(entity, rest, options).then((r) => r.items);
      pages.set(key, scan);
      scan.catch(() => pages.delete(key));
    }
    const all = await scan;
    const items = all.slice(offset, offset + limit!);
    const next = offset + items.length;
    if (next >= all.length) pages.delete(key);
    return next < all.length ? { items, total: all.length, nextCursor: String(next) } : { items, total: all.length };
  }

  private async listImpl(entity: EntityName, query: ListQuery, options: CallOptions): Promise<ListResult<unknown>> {
    const { signal, onProgress } = options;
    const finish = (items: unknown[]): ListResult<unknown> => {
      const result = applyQuery(items as object[], { ...query, modifiedSince: undefined });
      onProgress?.({ entity, loaded: result.items.length, total: result.items.length });
      return result;
    };
    switch (entity) {
      case 'employee':
        return finish((await this.people(signal)).employees);
      case 'department':
        return finish((await this.people(signal)).departments);
      case 'funnel':
        return finish((await this.dictionaries(signal)).funnels);
      case 'fieldDefinition':
        return finish((await this.dictionaries(signal)).fieldDefinitions);
      case 'activity':
        return this.listActivities(query, options);
      default:
        break;
    }
    const s = this.source(entity, query.fields as readonly string[] | undefined);
    if (!s) throw new CrmError('not-supported', { source: entity, detail: 'not a Bitrix24 CRM entity' });
    const dicts = await this.dictionaries(signal);
    const { remote, local } = this.translate(entity, s.map, s.dialect, query.filter, query.modifiedSince);
    if (entity === 'payment') remote['@stageId'] = await this.paidStages(signal);
    const select = this.selectFor(entity, s.map, s.dialect, query, local);
    const progress = (loaded: number) => onProgress?.({ entity, loaded });

    // A page (the timeline's "load older"): classic paging with the requested order.
    if (query.limit !== undefined && local.length === 0) {
      const offset = query.cursor ? Number.parseInt(query.cursor, 10) || 0 : 0;
      const order = query.order ? { [this.remoteField(s.map, s.dialect, query.order.field) ?? s.src.idField]: query.order.direction.toUpperCase() } : { [s.src.idField]: 'ASC' };
      const pages = Math.max(1, Math.ceil(((offset % PAGE) + query.limit) / PAGE));
      const first = Math.floor(offset / PAGE) * PAGE;
      const results = await Promise.all(
        Array.from({ length: pages }, (_, i) => this.client.call(s.src.method, { ...s.src.base, filter: remote, order, ...(select ? { select } : {}), start: first + i * PAGE }, signal)),
      );
      const rows = results.flatMap((r) => rowsOf(r.result, s.src.rowsKey)).slice(offset - first, offset - first + query.limit);
      const total = results[0].total ?? rows.length;
      const items = await this.mapRows(entity, rows, dicts, signal, select === undefined || (query.fields as string[] | undefined)?.includes('hasRequisites' as never) !== false);
      const next = offset + items.length;
      progress(items.length);
      return next < total ? { items, total, nextCursor: String(next) } : { items, total };
    }

    const paidStages = new Set(await this.paidStages(signal));
    const whole = Object.keys(remote).length === (entity === 'payment' ? 1 : 0) && local.length === 0;
    const reuse = entity === 'payment' && whole ? paidInvoiceScans.get(this.client) : undefined;
    // An invoice scan that failed or was cancelled by its own caller: this list scans itself.
    const reused = reuse && (reuse.doneAt === undefined || Date.now() - reuse.doneAt <= PAID_REUSE_MS) ? await reuse.rows.catch(() => undefined) : undefined;
    signal?.throwIfAborted();
    let rows: Raw[];
    if (reused) {
      rows = reused;
    } else {
      const scan = scanAllChunked(this.client, s.src, remote, select, { signal, onRows: progress });
      if (entity === 'invoice' && whole) {
        const entry: { rows: Promise<Raw[]>; doneAt?: number } = { rows: scan.then((all) => all.filter((r) => paidStages.has(String(r.stageId ?? r.STAGE_ID)))) };
        paidInvoiceScans.set(this.client, entry);
        entry.rows.then(
          () => (entry.doneAt = Date.now()),
          () => paidInvoiceScans.get(this.client) === entry && paidInvoiceScans.delete(this.client),
        );
      }
      rows = await scan;
    }
    let items = await this.mapRows(entity, rows, dicts, signal, true);
    if (local.length) items = items.filter((r) => matchesFilter(r as object, local));
    if (query.order) (items as object[]).sort(compareBy(query.order));
    onProgress?.({ entity, loaded: items.length, total: items.length });
    if (query.limit !== undefined) return applyQuery(items as object[], { limit: query.limit, cursor: query.cursor });
    return { items, total: items.length };
  }

  private remoteField(map: FieldMap, dialect: Dialect, field: string): string | undefined {
    const t = map[field];
    return t ? (dialect === 'item' ? t.item : t.legacy) : undefined;
  }

  private async mapRows(entity: EntityName, rows: Raw[], dicts: Dictionaries, signal: AbortSignal | undefined, requisites: boolean): Promise<unknown[]> {
    switch (entity) {
      case 'deal':
        return rows.map((r) => mapDeal(r, this.ctx(dicts, 'deal')));
      case 'contact': {
        const req = requisites && rows.length ? await this.requisiteOwners(3, signal, rows.map((r) => String(r.ID ?? r.id))) : new Set<string>();
        return rows.map((r) => mapContact(r, this.ctx(dicts, 'contact'), req));
      }
      case 'company': {
        const req = requisites && rows.length ? await this.requisiteOwners(4, signal, rows.map((r) => String(r.ID ?? r.id))) : new Set<string>();
        return rows.map((r) => mapCompany(r, this.ctx(dicts, 'company'), req));
      }
      case 'lead':
        return rows.map(mapLead);
      case 'invoice':
        return rows.map((r) => mapInvoice(r, this.ctx(dicts, 'invoice')));
      case 'payment':
        return rows.map(mapPayment);
      case 'stageMove':
        return rows.map((r) => mapStageMove(r, dicts.stages));
      default:
        return [];
    }
  }

  /**
   * Activities come from three methods: `crm.activity.list` (calls, e-mails, open lines, to-dos,
   * meetings, tasks), `crm.timeline.comment.list` and `crm.documentgenerator.document.list`.
   * Comments can only be listed per owner, so a portal-wide scan has none.
   *
   * With a `bindings has [...]` filter (a client's timeline; the client base's dialogs of up to
   * ~10,000 clients) each owner's activities are chained by ID ({@link chainById}): one command per
   * owner with fewer than 50, packed 50 owners to a request, and a follow-up only after a full
   * page. The owner filter (OWNER_TYPE_ID + OWNER_ID) matches any binding of an activity, so an
   * activity of two asked owners comes twice and is merged; each copy carries the owner it was
   * found for. The activity kind stays a local filter: our kinds come from PROVIDER_ID *or*
   * TYPE_ID (a call is VOXIMPLANT_CALL, CRM_CALL or TYPE_ID 2), and a list filter cannot say "or"
   * across two fields, so no single remote condition is exactly equivalent. Comments and
   * documents (always completed) are asked only when the kinds and the completion asked allow them.
   */
  private async listActivities(query: ListQuery, options: CallOptions): Promise<ListResult<unknown>> {
    const { signal, onProgress } = options;
    const s = this.source('activity')!;
    const bindingCond = (query.filter ?? []).find((c) => c.field === 'bindings' && (c.op === 'has' || c.op === 'eq' || c.op === 'in'));
    const rest = (query.filter ?? []).filter((c) => c !== bindingCond);
    const { remote, local } = this.translate('activity', s.map, 'legacy', rest, query.modifiedSince);
    const select = this.selectFor('activity', s.map, 'legacy', query, local);
    const ctx: MapContext = { origin: this.origin, ufs: new Map(), stages: new Map() };
    let items: EntityMap['activity'][] = [];
    const kinds = new Set((query.filter ?? []).filter((c) => c.field === 'kind' && (c.op === 'eq' || c.op === 'in')).flatMap((c) => (Array.isArray(c.value) ? c.value : [c.value]).map(String)));
    // Comments and documents are done by nature: a filter on open activities excludes them.
    const open = openOnly(query.filter);
    const want = (k: string) => (kinds.size === 0 || kinds.has(k)) && !(open && (k === 'comment' || k === 'document'));
    if (bindingCond) {
      const keys = [...new Set((Array.isArray(bindingCond.value) ? bindingCond.value : [bindingCond.value]).map(String))];
      const owners = keys.map(parseRecordKey).filter((r): r is NonNullable<typeof r> => r !== undefined && OWNER_TYPE_ID[r.kind] !== undefined);
      const jobs = owners.map(async (o) => {
        const typeId = OWNER_TYPE_ID[o.kind]!;
        const [acts, comments, docs] = await Promise.all([
          want('call') || want('email') || want('todo') || want('meeting') || want('task') || want('messenger') || want('open-line')
            ? chainById(this.client, s.src, { ...remote, OWNER_TYPE_ID: typeId, OWNER_ID: o.id }, select, { signal })
            : Promise.resolve([]),
          want('comment') && typeId <= 4
            ? pageAll(this.client, { method: 'crm.timeline.comment.list', idField: 'ID', noFastMode: true }, { ENTITY_TYPE: o.kind, ENTITY_ID: o.id }, ['ID', 'ENTITY_ID', 'ENTITY_TYPE', 'CREATED', 'COMMENT', 'AUTHOR_ID'], { signal })
            : Promise.resolve([]),
          want('document')
            ? pageAll(this.client, { ...DOCUMENT_SRC, noFastMode: true }, { entityTypeId: typeId, entityId: o.id }, DOCUMENT_FIELDS, { signal })
            : Promise.resolve([]),
        ]);
        return [
          ...acts.map((r) => {
            const a = mapActivity(r, ctx);
            return a.bindings.some((b) => b.kind === o.kind && b.id === o.id) ? a : { ...a, bindings: [...a.bindings, { kind: o.kind, id: o.id }] };
          }),
          ...comments.map(mapComment),
          ...docs.map((d) => mapDocument(d, this.origin)),
        ];
      });
      const seen = new Map<string, EntityMap['activity']>();
      for (const list of await Promise.all(jobs)) {
        for (const a of list) {
          const prev = seen.get(a.id);
          if (!prev) seen.set(a.id, a);
          else {
            const merged = [...prev.bindings];
            for (const b of a.bindings) if (!merged.some((x) => x.kind === b.kind && x.id === b.id)) merged.push(b);
            seen.set(a.id, { ...prev, bindings: merged });
          }
        }
      }
      items = [...seen.values()];
    } else {
      const [acts, docs] = await Promise.all([
        scanAll(this.client, s.src, remote, select, { signal, onRows: (loaded) => onProgress?.({ entity: 'activity', loaded }) }),
        want('document') ? scanAll(this.client, DOCUMENT_SRC, {}, DOCUMENT_FIELDS, { signal }) : Promise.resolve([]),
      ]);
      items = [...acts.map((r) => mapActivity(r, ctx)), ...docs.map((d) => mapDocument(d, this.origin))];
    }
    // Comments and documents are not filtered by the portal: the whole filter is checked here.
    if (rest.length || kinds.size) items = items.filter((r) => matchesFilter(r, rest) && want(r.kind));
    if (query.modifiedSince !== undefined) items = items.filter((a) => (a.completedAt ?? a.createdAt) >= query.modifiedSince! || a.kind !== 'comment');
    if (query.order) items.sort(compareBy(query.order));
    onProgress?.({ entity: 'activity', loaded: items.length, total: items.length });
    if (query.limit !== undefined) return applyQuery(items, { limit: query.limit, cursor: query.cursor });
    return { items, total: items.length };
  }

  get<E extends EntityName>(entity: E, id: Id, options: CallOptions = {}): Promise<EntityMap[E]> {
    return this.run(`${entity}/${id}`, async () => {
      const { signal } = options;
      const s = this.source(entity);
      if (entity === 'activity' && /^[cd]\d+$/.test(id)) {
        throw new CrmError('not-supported', { source: `activity/${id}`, detail: 'comments and documents are listed per client' });
      }
      // Every Bitrix24 CRM id is a positive integer: anything else does not exist.
      if (s && !/^[1-9]\d*$/.test(id)) throw new CrmError('not-found', { source: `${entity}/${id}` });
      if (!s || entity === 'payment' || entity === 'stageMove' || entity === 'lead' || entity === 'activity') {
        // Dictionaries and entities without a cheap get: filter the list by id.
        const idField = s?.map.id ? (s.dialect === 'item' ? s.map.id.item : s.map.id.legacy) : undefined;
        const r = idField && s
          ? await this.list(entity, { filter: [{ field: 'id', op: 'eq', value: id }] }, { signal })
          : await this.list(entity, {}, { signal });
        const found = (r.items as readonly { id: Id }[]).find((x) => x.id === id);
        if (!found) throw new CrmError('not-found', { source: `${entity}/${id}` });
        return found as EntityMap[E];
      }
      const dicts = await this.dictionaries(signal);
      const res = s.dialect === 'item'
        ? await this.client.call<{ item: Raw }>('crm.item.get', { ...s.src.base, id }, signal)
        : await this.client.call<Raw>(s.src.method.replace('.list', '.get'), { id }, signal);
      const raw = s.dialect === 'item' ? (res.result as { item: Raw }).item : (res.result as Raw);
      const [mapped] = await this.mapRows(entity, [raw], dicts, signal, true);
      return mapped as EntityMap[E];
    }, options.signal);
  }

  count(entity: EntityName, filter?: Filter, options: CallOptions = {}): Promise<number> {
    return this.run(entity, async () => {
      const s = this.source(entity);
      // Which of these activities still exist (a cached copy's deletion check): one COUNT.
      const own = entity === 'activity' ? ownActivityIds(filter) : undefined;
      if (s && own) {
        const r = await this.client.call(s.src.method, { filter: ownActivityFilter(own), select: ['ID'], start: 0 }, options.signal);
        return r.total ?? rowsOf(r.result, s.src.rowsKey).length;
      }
      if (!s || entity === 'activity' || entity === 'payment') return (await this.list(entity, { filter }, options)).items.length;
      const { remote, local } = this.translate(entity, s.map, s.dialect, filter, undefined);
      if (local.length) return (await this.list(entity, { filter }, options)).items.length;
      await this.dictionaries(options.signal);
      // One page with the COUNT: `total` is exact, no rows beyond the first page travel.
      const r = await this.client.call(s.src.method, { ...s.src.base, filter: remote, select: [s.src.idField], start: 0 }, options.signal);
      return r.total ?? rowsOf(r.result, s.src.rowsKey).length;
    }, options.signal);
  }

  listIds(entity: EntityName, filter?: Filter, options: ListIdsOptions = {}): Promise<readonly Id[]> {
    return this.run(entity, async () => {
      const { signal } = options;
      const s = this.source(entity);
      if (entity === 'activity' && s && !filter?.length) {
        // Every activity id by the index; documents are few and scanned by id (comments are
        // listed per client only, so a portal-wide list has none).
        const [acts, docIds] = await Promise.all([this.indexedIds(s.src, {}, signal), scanAll(this.client, DOCUMENT_SRC, {}, ['id'], { signal })]);
        return [...acts, ...docIds.map((d) => `d${String(d.id)}`)];
      }
      const own = entity === 'activity' ? ownActivityIds(filter) : undefined;
      if (s && own) return (await scanAll(this.client, s.src, ownActivityFilter(own), ['ID'], { signal })).map((r) => String(r.ID));
      if (entity === 'activity' && s && filter?.length) {
        // A filter the portal evaluates whole (open activities, activities set since a day: the
        // client base's refresh) is served by the id index of the filtered list, like an
        // unfiltered one: counts per range, not a rescan. Documents (few) are scanned and
        // filtered here, unless the filter keeps only open activities (documents are done).
        const { remote, local } = this.translate(entity, s.map, s.dialect, filter, undefined);
        if (local.length === 0) {
          const docs = openOnly(filter)
            ? Promise.resolve([])
            : scanAll(this.client, DOCUMENT_SRC, {}, DOCUMENT_FIELDS, { signal }).then((rows) => rows.map((d) => mapDocument(d, this.origin)).filter((d) => matchesFilter(d, filter)).map((d) => d.id));
          const [acts, docIds] = await Promise.all([this.indexedIds(s.src, remote, signal, options.knownIds), docs]);
          return [...acts, ...docIds];
        }
      }
      if (!s || entity === 'activity') return (await this.list(entity, { filter }, options)).items.map((r) => (r as { id: Id }).id);
      const { remote, local } = this.translate(entity, s.map, s.dialect, filter, undefined);
      if (local.length) return (await this.list(entity, { filter }, options)).items.map((r) => (r as { id: Id }).id);
      // A payment is a paid invoice, with the invoice's id: the paid invoices' id index.
      if (entity === 'payment') remote['@stageId'] = await this.paidStages(signal);
      return this.indexedIds(s.src, remote, signal, options.knownIds);
    }, options.signal);
  }

  /**
   * The cheap check for deletions: the first time an id-only scan (2,500 ids a request), then
   * per-range counts (50 ranges a request) and a rescan of only the ranges whose count changed.
   */
  /** The smart-invoice stages that mean "paid" (the portal's success stages; the default funnel's otherwise). */
  private async paidStages(signal?: AbortSignal): Promise<string[]> {
    const dicts = await this.dictionaries(signal);
    return dicts.paidInvoiceStages.length ? [...dicts.paidInvoiceStages] : ['DT31_1:P'];
  }

  private async indexedIds(src: ListSource, remote: Record<string, unknown>, signal?: AbortSignal, knownIds?: readonly string[]): Promise<string[]> {
    const key = JSON.stringify([src.method, src.base ?? null, remote]);
    const memo = idIndexes.get(this.client) ?? new Map<string, IdIndex>();
    idIndexes.set(this.client, memo);
    // After a page reload the index is gone, but the caller's cached copy knows the ids it had:
    // counting its ranges (50 a request) replaces listing every id again (2,500 a request).
    const fromCaller = () => {
      const ids = [...new Set((knownIds ?? []).filter((x) => /^\d+$/.test(x)).map(Number))].sort((a, b) => a - b);
      return ids.length ? buildIdIndex(ids) : undefined;
    };
    // The caller's ids come first: they include what it has just learned was modified (see
    // `ListIdsOptions.knownIds`), which an index from an earlier check does not.
    const known = fromCaller() ?? memo.get(key);
    let index: IdIndex;
    if (known) {
      index = (await refreshIdIndex(this.client, src, remote, known, { signal })).index;
    } else {
      const rows = await scanAll(this.client, src, remote, [src.idField], { signal });
      index = buildIdIndex(rows.map((r) => Number(r[src.idField])));
    }
    memo.set(key, index);
    return index.ranges.flatMap((r) => r.ids.map(String));
  }

  dispose(): void {
    // The shared client outlives one adapter; nothing of ours to release.
  }
}

/**
 * Builds the adapter from a webhook URL (the demo's `?adapter=bitrix24&webhook=…`), a frame or an
 * auth source. The webhook URL is a secret with its creator's rights: see the README.
 */
export function createBitrix24Adapter(options: Bitrix24AdapterOptions & { readonly webhookUrl?: string }): Bitrix24Adapter {
  return new Bitrix24Adapter({ ...options, ...(options.webhookUrl ? { webhook: options.webhookUrl } : {}) });
}
