/**
 * A protocol-faithful Bitrix24 REST emulator on loopback, fed by a crmkit snapshot.
 *
 * Serves webhook URLs `/rest/<userId>/<secret>/<method>[.json]` and OAuth-style `/rest/<method>`
 * with `auth=<token>`, POST JSON, POST form and GET query forms; the `time` envelope; 50-row
 * pages with `total`/`next`; `start=-1`; both dialects; `batch` with `$result[...]` references,
 * `result_error`, `halt` and the 50-command cap; the leaky bucket (503 QUERY_LIMIT_EXCEEDED);
 * the per-method operating-time model (429 OPERATION_TIME_LIMIT); `expired_token` (401) after a
 * configurable time with a refresh endpoint; per-user permissions; CORS; seeded random faults.
 *
 * Test hooks live under `/emulator/*` (stats, control, tokens); a real portal has none of them.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CrmSnapshot } from '@crmkit/adapter-mock';
// Seeded, so a fault run can be replayed.
import { mulberry32 } from '@crmkit/adapter-mock/generator/random.js';
import { parseQuery } from '../src/query-string.js';
import {
  compileFilter,
  formatDateTime,
  makeResolver,
  renderRow,
  RestError,
  selectFields,
  sortRows,
  type Dialect,
  type Predicate,
  type Resolver,
} from './engine.js';
import { buildPortal, type PortalTables, type Row } from './portal.js';
import {
  ACTIVITY_FIELDS,
  COMMENT_FIELDS,
  COMPANY_FIELDS,
  CONTACT_FIELDS,
  DEAL_FIELDS,
  DOCUMENT_FIELDS,
  ENTITY_TYPE_ID,
  LEAD_FIELDS,
  SMART_INVOICE_FIELDS,
  STAGE_HISTORY_FIELDS,
  ufToCamel,
  type FieldSpec,
} from './schema.js';

export const PAGE_SIZE = 50;
export const BATCH_LIMIT = 50;

export interface EmulatorUser {
  readonly userId: number;
  /** Webhook secret: `/rest/<userId>/<secret>/`. */
  readonly secret: string;
  /** `all`: sees every record; `own`: only records they are responsible for. */
  readonly access?: 'all' | 'own';
}

export type FaultKind = '500' | 'drop' | 'truncate' | 'slow';

export interface FaultOptions {
  /** Share of requests that fail, 0…1. */
  readonly rate?: number;
  readonly seed?: number;
  readonly kinds?: readonly FaultKind[];
  readonly slowMs?: number;
  /** Deterministic faults, one per incoming REST request, consumed in order. */
  readonly script?: readonly (FaultKind | 'ok')[];
}

export interface OperatingOptions {
  /** Seconds of accumulated method time that block the method (480 on the cloud). */
  readonly limitSec?: number;
  /** Sliding window (10 minutes on the cloud). */
  readonly windowMs?: number;
  /** Simulated cost of one call, seconds. */
  readonly baseCost?: number;
  /** Simulated cost per returned row, seconds. */
  readonly rowCost?: number;
  /** Simulated cost per row counted when `start >= 0` (the COUNT query), seconds. */
  readonly countCost?: number;
}

/** The operating-time model's defaults (the cloud's 480 s per method per 10 minutes). */
export const OPERATING_DEFAULTS: Required<OperatingOptions> = { limitSec: 480, windowMs: 600_000, baseCost: 0.02, rowCost: 0.001, countCost: 0.00002 };

export interface EmulatorOptions {
  readonly port?: number;
  readonly https?: boolean;
  readonly users?: readonly EmulatorUser[];
  /** Leaky bucket: requests allowed before blocking (50; 250 on Enterprise) and drain per second (2; 5). */
  readonly bucket?: { readonly burst: number; readonly rate: number } | false;
  readonly operating?: OperatingOptions | false;
  /** Lifetime of OAuth access tokens (3600 s on the cloud). */
  readonly tokenTtlMs?: number;
  readonly faults?: FaultOptions;
  /** Real processing delay per request, ms (0). */
  readonly latencyMs?: number;
  /**
   * Answer each request after the operating time its commands cost (× this factor; 0 = at once):
   * the portal's operating time is its execution time, so a batch of 50 list pages takes seconds
   * to answer. Charged with the operating model's constants whether or not its limit is on.
   */
  readonly serverTime?: number;
}

export interface EmulatorStats {
  requests: number;
  rejected503: number;
  rejected429: number;
  expired401: number;
  faults: number;
  byMethod: Record<string, number>;
  commands: Record<string, number>;
  /** Rows returned per method (successful commands), for the operating-time model. */
  rows: Record<string, number>;
  /** Rows counted per method (`start >= 0` COUNT queries), for the operating-time model. */
  counted: Record<string, number>;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** Webhook base URLs per user, ending with `/`. */
  readonly webhooks: Readonly<Record<string, string>>;
  /** The first user's webhook. */
  readonly webhook: string;
  readonly stats: EmulatorStats;
  readonly tables: PortalTables;
  control(options: Partial<EmulatorOptions> & { resetStats?: boolean; resetLimits?: boolean }): void;
  issueToken(userId: number): TokenPair;
  close(): Promise<void>;
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  expires: number;
  domain: string;
  member_id: string;
  user_id: number;
}


/** Self-signed certificate for 127.0.0.1, made with openssl at start (tests and benchmarks only). */
function selfSignedCert(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'b24emu-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Ctx {
  readonly user: EmulatorUser;
  /** Operating time the request's commands cost, seconds (for `serverTime`). */
  cost: number;
}

interface MethodResult {
  result: unknown;
  total?: number;
  next?: number;
  /** Rows touched, for the operating-time model. */
  rows?: number;
  counted?: number;
}

interface EntityDef {
  readonly rows: () => Row[];
  readonly schema: readonly FieldSpec[];
  readonly ufEntity?: string;
  readonly owner: string | null;
}

const LEGACY_ENTITY: Record<string, keyof PortalTables> = { deal: 'deal', contact: 'contact', company: 'company', lead: 'lead' };
const UF_ENTITY: Record<string, string> = { deal: 'CRM_DEAL', contact: 'CRM_CONTACT', company: 'CRM_COMPANY', lead: 'CRM_LEAD' };

/** Every method the emulator knows. Writes exist only where the placement app needs them. */
export const EMULATED_METHODS = [
  'batch',
  'crm.deal.list', 'crm.deal.get', 'crm.deal.fields',
  'crm.contact.list', 'crm.contact.get', 'crm.contact.fields',
  'crm.company.list', 'crm.company.get', 'crm.company.fields',
  'crm.lead.list', 'crm.lead.get', 'crm.lead.fields',
  'crm.activity.list', 'crm.activity.get', 'crm.activity.fields',
  'crm.item.list', 'crm.item.get', 'crm.item.fields',
  'crm.deal.userfield.list', 'crm.contact.userfield.list', 'crm.company.userfield.list', 'crm.lead.userfield.list',
  'crm.status.list', 'crm.dealcategory.list', 'crm.dealcategory.stage.list', 'crm.category.list',
  'crm.stagehistory.list', 'crm.timeline.comment.list', 'crm.documentgenerator.document.list', 'crm.requisite.list',
  'user.get', 'user.current', 'department.get',
  'placement.bind', 'placement.get', 'placement.unbind', 'app.info',
] as const;

export async function startEmulator(snapshot: CrmSnapshot, options: EmulatorOptions = {}): Promise<Emulator> {
  const tables = buildPortal(snapshot);
  let opts: EmulatorOptions = { ...options };
  const firstUser = Number(tables.user[0]?.ID ?? 1) || 1;
  const users: EmulatorUser[] = [...(options.users ?? [{ userId: Number(snapshot.userId) || firstUser, secret: 'crmkit-emulator', access: 'all' }])];
  const stats: EmulatorStats = { requests: 0, rejected503: 0, rejected429: 0, expired401: 0, faults: 0, byMethod: {}, commands: {}, rows: {}, counted: {} };
  const placements: { placement: string; handler: string; title: string }[] = [];

  // Leaky bucket state.
  let level = 0;
  let levelAt = Date.now();
  // Operating time per method: [at, cost] entries in the window.
  const operating = new Map<string, [number, number][]>();
  // OAuth tokens.
  const tokens = new Map<string, { userId: number; expires: number }>();
  const refreshTokens = new Map<string, number>();
  let rand = mulberry32(options.faults?.seed ?? 1);
  let script = [...(options.faults?.script ?? [])];

  const ufNamesOf = (ufEntity: string | undefined) => (ufEntity ? tables.userFields.filter((u) => u.ENTITY_ID === ufEntity).map((u) => u.FIELD_NAME) : []);
  const ufTypesOf = (ufEntity: string | undefined) => new Map(ufEntity ? tables.userFields.filter((u) => u.ENTITY_ID === ufEntity).map((u) => [u.FIELD_NAME, u.USER_TYPE_ID] as const) : []);

  const entities: Record<string, EntityDef> = {
    deal: { rows: () => tables.deal, schema: DEAL_FIELDS, ufEntity: 'CRM_DEAL', owner: 'ASSIGNED_BY_ID' },
    contact: { rows: () => tables.contact, schema: CONTACT_FIELDS, ufEntity: 'CRM_CONTACT', owner: 'ASSIGNED_BY_ID' },
    company: { rows: () => tables.company, schema: COMPANY_FIELDS, ufEntity: 'CRM_COMPANY', owner: 'ASSIGNED_BY_ID' },
    lead: { rows: () => tables.lead, schema: LEAD_FIELDS, ufEntity: 'CRM_LEAD', owner: 'ASSIGNED_BY_ID' },
    smartInvoice: { rows: () => tables.smartInvoice, schema: SMART_INVOICE_FIELDS, owner: 'ASSIGNED_BY_ID' },
    activity: { rows: () => tables.activity, schema: ACTIVITY_FIELDS, owner: 'RESPONSIBLE_ID' },
  };
  const ITEM_ENTITY: Record<number, string> = { 1: 'lead', 2: 'deal', 3: 'contact', 4: 'company', 31: 'smartInvoice' };

  /** Which records of an entity a user may see (Bitrix24 filters lists by the user's CRM role). */
  const visible = (ctx: Ctx, entity: string): Predicate => {
    if (ctx.user.access !== 'own') return () => true;
    const def = entities[entity];
    const owner = def?.owner;
    if (!owner) return () => true;
    return (row) => Number(row[owner]) === ctx.user.userId;
  };
  const visibleOwner = (ctx: Ctx, typeId: number, id: number): boolean => {
    if (ctx.user.access !== 'own') return true;
    const entity = ITEM_ENTITY[typeId];
    if (!entity) return false;
    const row = findById(entities[entity].rows(), id);
    return row !== undefined && visible(ctx, entity)(row);
  };

  function findById(rows: Row[], id: number): Row | undefined {
    // rows are sorted by ID: binary search.
    let lo = 0;
    let hi = rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = Number(rows[mid].ID ?? rows[mid].id);
      if (v === id) return rows[mid];
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  function lowerBound(rows: Row[], id: number, key: string): number {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Number(rows[mid][key]) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Bounds on the primary key found in a filter, so ID-range scans need not visit the whole table. */
  function idBounds(filter: unknown, idNames: readonly string[]): { lo: number; hi: number } {
    let lo = -Infinity;
    let hi = Infinity;
    if (filter && typeof filter === 'object' && !Array.isArray(filter)) {
      const f = filter as Record<string, unknown>;
      if (String(f.logic ?? f.LOGIC ?? 'AND').toUpperCase() === 'OR') return { lo, hi };
      for (const [k, v] of Object.entries(f)) {
        const m = /^(>=|<=|>|<|=)?(.+)$/.exec(k);
        if (!m || !idNames.includes(m[2])) continue;
        const n = Number(v);
        if (Array.isArray(v) || Number.isNaN(n)) continue;
        const op = m[1] ?? '=';
        if (op === '>') lo = Math.max(lo, Math.floor(n) + 1);
        else if (op === '>=') lo = Math.max(lo, Math.ceil(n));
        else if (op === '<') hi = Math.min(hi, Math.ceil(n) - 1);
        else if (op === '<=') hi = Math.min(hi, Math.floor(n));
        else if (op === '=') {
          lo = Math.max(lo, n);
          hi = Math.min(hi, n);
        }
      }
    }
    return { lo, hi };
  }

  function parseStart(v: unknown): number {
    if (v === undefined || v === null || v === '') return 0;
    const n = Number(v);
    return Number.isNaN(n) ? 0 : Math.trunc(n);
  }

  /**
   * The common list algorithm. With `start=-1` and an ID order it walks the sorted table from
   * the ID bound and stops after 50 matches (the documented fast mode: no COUNT query).
   */
  function listRows(
    rows: Row[],
    params: Record<string, unknown>,
    resolver: Resolver,
    pred: Predicate,
    idKey = 'ID',
  ): { page: Row[]; total?: number; next?: number; counted: number } {
    const start = parseStart(params.start ?? params.START);
    const order = params.order ?? params.ORDER;
    const orderEntries = order && typeof order === 'object' ? Object.entries(order as Record<string, unknown>) : [];
    const idOnlyOrder = orderEntries.every(([k]) => resolver.resolve(k) === idKey);
    const desc = orderEntries.length > 0 && String(orderEntries[0][1]).toUpperCase() === 'DESC';
    const idNames = [idKey, idKey.toLowerCase(), `${idKey.charAt(0)}${idKey.slice(1).toLowerCase()}`];
    if (start < 0 && idOnlyOrder) {
      const { lo, hi } = idBounds(params.filter ?? params.FILTER, idNames);
      const page: Row[] = [];
      if (!desc) {
        for (let i = lo === -Infinity ? 0 : lowerBound(rows, lo, idKey); i < rows.length && page.length < PAGE_SIZE; i++) {
          if (Number(rows[i][idKey]) > hi) break;
          if (pred(rows[i])) page.push(rows[i]);
        }
      } else {
        const end = hi === Infinity ? rows.length : lowerBound(rows, hi + 1, idKey);
        for (let i = end - 1; i >= 0 && page.length < PAGE_SIZE; i--) {
          if (Number(rows[i][idKey]) < lo) break;
          if (pred(rows[i])) page.push(rows[i]);
        }
      }
      return { page, total: 0, counted: 0 };
    }
    // The COUNT visits the rows its ID bounds leave (a primary-key range), not the whole table;
    // the emulator filters only that range too.
    const { lo, hi } = idBounds(params.filter ?? params.FILTER, idNames);
    const first = lo === -Infinity ? 0 : lowerBound(rows, lo, idKey);
    const end = hi === Infinity ? rows.length : lowerBound(rows, hi + 1, idKey);
    const all = sortRows((first === 0 && end === rows.length ? rows : rows.slice(first, end)).filter(pred), order, resolver, idKey);
    const from = Math.max(0, start);
    const page = all.slice(from, from + PAGE_SIZE);
    const counted = Math.max(0, end - first);
    const result: { page: Row[]; total?: number; next?: number; counted: number } = { page, total: all.length, counted };
    if (start >= 0 && from + PAGE_SIZE < all.length) result.next = from + PAGE_SIZE;
    return result;
  }

  function fieldsDescription(schema: readonly FieldSpec[], ufEntity: string | undefined, dialect: 'legacy' | 'item'): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const s of schema) {
      if (s.hidden || s.only === (dialect === 'item' ? 'legacy' : 'item')) continue;
      const key = dialect === 'item' ? (s.item ?? s.name) : s.name;
      out[key] = {
        type: s.type,
        isRequired: false,
        isReadOnly: s.name === 'ID',
        isImmutable: false,
        isMultiple: s.multiple === true,
        isDynamic: false,
        title: s.title,
        ...(dialect === 'item' ? { upperName: s.name } : {}),
      };
    }
    for (const uf of tables.userFields.filter((u) => u.ENTITY_ID === ufEntity)) {
      const key = dialect === 'item' ? ufToCamel(uf.FIELD_NAME) : uf.FIELD_NAME;
      out[key] = {
        type: uf.USER_TYPE_ID,
        isRequired: false,
        isReadOnly: false,
        isImmutable: false,
        isMultiple: uf.MULTIPLE === 'Y',
        isDynamic: true,
        title: uf.FIELD_NAME,
        listLabel: uf.LABEL,
        formLabel: uf.LABEL,
        filterLabel: uf.LABEL,
        ...(uf.LIST ? { items: uf.LIST.map((o) => ({ ID: String(o.ID), VALUE: o.VALUE })) } : {}),
        ...(dialect === 'item' ? { upperName: uf.FIELD_NAME } : {}),
      };
    }
    return out;
  }

  function entityList(ctx: Ctx, entity: string, params: Record<string, unknown>, dialect: Dialect): MethodResult {
    const def = entities[entity];
    const ufNames = ufNamesOf(def.ufEntity);
    const resolver = makeResolver(def.schema, dialect, ufNames);
    const owner = entity === 'activity' ? activityOwnerFilter(params.filter) : undefined;
    const special = owner?.pred;
    const base = compileFilter(stripOwner(params.filter, entity), resolver);
    const vis = visible(ctx, entity);
    const pred: Predicate = (r) => vis(r) && base(r) && (special ? special(r) : true);
    // A per-owner filter reads the owner's bindings (an index on the portal), not the whole table.
    const rows = owner?.ids && owner.type !== undefined ? boundActivities(owner.type, owner.ids) : def.rows();
    const { page, total, next, counted } = listRows(rows, params, resolver, pred);
    const fields = selectFields(params.select ?? params.SELECT, def.schema, ufNames, resolver, dialect);
    const ufTypes = ufTypesOf(def.ufEntity);
    const original = String(params.useOriginalUfNames ?? 'N').toUpperCase() === 'Y';
    const items = page.map((r) => renderRow(r, fields, def.schema, dialect, ufTypes, original));
    return { result: dialect === 'item' ? { items } : items, total, next, rows: page.length, counted };
  }

  /**
   * Activity OWNER_TYPE_ID/OWNER_ID filters match any binding of the activity (a call bound to a
   * contact and a deal is found by either), not only the primary OWNER_ID, as on the portal.
   */
  function activityOwnerFilter(filter: unknown): { pred: Predicate; type?: number; ids?: readonly number[] } | undefined {
    if (!filter || typeof filter !== 'object') return undefined;
    const f = filter as Record<string, unknown>;
    const rawType = f.OWNER_TYPE_ID ?? f['=OWNER_TYPE_ID'];
    const id = f.OWNER_ID ?? f['=OWNER_ID'] ?? f['@OWNER_ID'];
    if (rawType === undefined && id === undefined) return undefined;
    const type = rawType === undefined ? undefined : Number(rawType);
    const ids = id === undefined ? undefined : (Array.isArray(id) ? id : [id]).map(Number);
    const pred: Predicate = (row) =>
      ((row.BINDINGS as { OWNER_TYPE_ID: number; OWNER_ID: number }[]) ?? []).some(
        (b) => (type === undefined || b.OWNER_TYPE_ID === type) && (ids === undefined || ids.includes(b.OWNER_ID)),
      );
    return { pred, ...(type !== undefined ? { type } : {}), ...(ids ? { ids } : {}) };
  }

  /**
   * Activity ids per bound owner (`type:id`), built on first use and
   * again when the table's array or length changes. Rows are looked up by id in the current
   * table and the owner filter is checked on them, so a row replaced in place is read as it is
   * now (a binding added to a replaced row is not indexed: tests and benchmarks change
   * times and flags, not bindings).
   */
  let ownerIndex: { table: Row[]; length: number; lastId: unknown; ids: Map<string, number[]> } | undefined;
  function boundActivities(type: number, ids: readonly number[]): Row[] {
    const table = tables.activity;
    // Rows added or removed: a row removed and another added keep the length, not the last id.
    const lastId = table[table.length - 1]?.ID;
    if (!ownerIndex || ownerIndex.table !== table || ownerIndex.length !== table.length || ownerIndex.lastId !== lastId) {
      const index = new Map<string, number[]>();
      const add = (key: string, id: number) => {
        const list = index.get(key);
        if (!list) index.set(key, [id]);
        else if (list[list.length - 1] !== id) list.push(id);
      };
      for (const row of table) {
        const id = Number(row.ID);
        for (const b of (row.BINDINGS as { OWNER_TYPE_ID: number; OWNER_ID: number }[]) ?? []) {
          add(`${b.OWNER_TYPE_ID}:${b.OWNER_ID}`, id);
        }
      }
      ownerIndex = { table, length: table.length, lastId, ids: index };
    }
    const found = new Set<number>();
    for (const id of ids) for (const x of ownerIndex.ids.get(`${type}:${id}`) ?? []) found.add(x);
    const out: Row[] = [];
    for (const id of [...found].sort((a, b) => a - b)) {
      const row = findById(table, id);
      if (row) out.push(row);
    }
    return out;
  }
  function stripOwner(filter: unknown, entity: string): unknown {
    if (entity !== 'activity' || !filter || typeof filter !== 'object') return filter;
    const copy = { ...(filter as Record<string, unknown>) };
    for (const k of ['OWNER_TYPE_ID', '=OWNER_TYPE_ID', 'OWNER_ID', '=OWNER_ID', '@OWNER_ID']) delete copy[k];
    return copy;
  }

  function entityGet(ctx: Ctx, entity: string, id: unknown, dialect: Dialect, original = false): MethodResult {
    const def = entities[entity];
    const n = Number(id);
    if (!n || Number.isNaN(n)) throw new RestError(400, '', 'ID is not defined or invalid.');
    const row = findById(def.rows(), n);
    if (!row) {
      if (dialect === 'item') throw new RestError(400, 'NOT_FOUND', 'Элемент не найден');
      throw new RestError(400, '', 'Not found');
    }
    if (!visible(ctx, entity)(row)) throw new RestError(403, 'ACCESS_DENIED', 'Access denied.');
    const ufNames = ufNamesOf(def.ufEntity);
    const resolver = makeResolver(def.schema, dialect, ufNames);
    const explicit = def.schema.filter((s) => s.explicit && s.only !== (dialect === 'item' ? 'legacy' : 'item')).map((s) => s.name);
    const fields = [...selectFields(['*'], def.schema, ufNames, resolver, dialect), ...explicit, ...ufNames];
    const out = renderRow(row, [...new Set(fields)], def.schema, dialect, ufTypesOf(def.ufEntity), original);
    return { result: dialect === 'item' ? { item: out } : out, rows: 1 };
  }

  function itemEntity(params: Record<string, unknown>): string {
    const typeId = Number(params.entityTypeId ?? params.ENTITY_TYPE_ID);
    const entity = ITEM_ENTITY[typeId];
    if (!entity) throw new RestError(400, 'NOT_FOUND', 'Смарт-процесс не найден');
    return entity;
  }

  function simpleList(rows: Row[], schema: readonly FieldSpec[], params: Record<string, unknown>, pred: Predicate, dialect: Dialect, idKey = 'ID'): MethodResult {
    const resolver = makeResolver(schema, dialect === 'item' ? 'legacy' : dialect, []);
    const filterPred = compileFilter(params.filter ?? params.FILTER, resolver);
    const { page, total, next, counted } = listRows(rows, params, resolver, (r) => pred(r) && filterPred(r), idKey);
    const fields = selectFields(params.select ?? params.SELECT, schema, [], resolver, 'legacy');
    const items = page.map((r) => renderRow(r, fields, schema, dialect, new Map()));
    return { result: items, total, next, rows: page.length, counted };
  }

  const userSchema: FieldSpec[] = ['ID', 'NAME', 'LAST_NAME', 'SECOND_NAME', 'EMAIL', 'WORK_POSITION', 'WORK_PHONE', 'PERSONAL_PHOTO'].map((name) => ({
    name,
    type: name === 'ID' ? 'integer' : 'string',
    title: name,
  }));

  function renderUser(r: Row): Record<string, unknown> {
    return {
      ID: String(r.ID),
      ACTIVE: r.ACTIVE === true,
      NAME: r.NAME,
      LAST_NAME: r.LAST_NAME,
      SECOND_NAME: r.SECOND_NAME,
      EMAIL: r.EMAIL,
      WORK_POSITION: r.WORK_POSITION,
      WORK_PHONE: r.WORK_PHONE,
      PERSONAL_PHOTO: r.PERSONAL_PHOTO,
      UF_DEPARTMENT: r.UF_DEPARTMENT,
    };
  }

  function methods(ctx: Ctx, method: string, params: Record<string, unknown>): MethodResult {
    const legacy = /^crm\.(deal|contact|company|lead|activity)\.(list|get|fields)$/.exec(method);
    if (legacy) {
      const [, entity, op] = legacy;
      if (op === 'list') return entityList(ctx, entity, params, 'legacy');
      if (op === 'get') return entityGet(ctx, entity, params.id ?? params.ID, 'legacy');
      const def = entities[entity];
      return { result: fieldsDescription(def.schema, def.ufEntity, 'legacy') };
    }
    const uf = /^crm\.(deal|contact|company|lead)\.userfield\.list$/.exec(method);
    if (uf) {
      const filter = (params.filter ?? params.FILTER ?? {}) as Record<string, unknown>;
      const lang = typeof filter.LANG === 'string' ? filter.LANG : undefined;
      const rows = tables.userFields
        .filter((u) => u.ENTITY_ID === UF_ENTITY[uf[1]])
        .filter((u) => filter.FIELD_NAME === undefined || u.FIELD_NAME === filter.FIELD_NAME)
        .filter((u) => filter.USER_TYPE_ID === undefined || u.USER_TYPE_ID === filter.USER_TYPE_ID);
      const result = rows.map((u) => ({
        ID: String(u.ID),
        ENTITY_ID: u.ENTITY_ID,
        FIELD_NAME: u.FIELD_NAME,
        USER_TYPE_ID: u.USER_TYPE_ID,
        XML_ID: null,
        SORT: String(u.SORT),
        MULTIPLE: u.MULTIPLE,
        MANDATORY: 'N',
        SHOW_FILTER: 'E',
        SHOW_IN_LIST: 'Y',
        EDIT_IN_LIST: 'Y',
        IS_SEARCHABLE: 'N',
        SETTINGS: {},
        // Labels come only when LANG is given in the filter, as on the portal.
        ...(lang ? { EDIT_FORM_LABEL: u.LABEL, LIST_COLUMN_LABEL: u.LABEL, LIST_FILTER_LABEL: u.LABEL } : {}),
        ...(u.LIST ? { LIST: u.LIST.map((o) => ({ ID: String(o.ID), SORT: String(o.SORT), VALUE: o.VALUE, DEF: o.DEF, XML_ID: o.XML_ID })) } : {}),
      }));
      return { result, total: result.length, rows: result.length };
    }
    switch (method) {
      case 'crm.item.list': {
        const entity = itemEntity(params);
        return entityList(ctx, entity, params, 'item');
      }
      case 'crm.item.get':
        return entityGet(ctx, itemEntity(params), params.id ?? params.ID, 'item', String(params.useOriginalUfNames ?? 'N').toUpperCase() === 'Y');
      case 'crm.item.fields': {
        const def = entities[itemEntity(params)];
        return { result: { fields: fieldsDescription(def.schema, def.ufEntity, 'item') } };
      }
      case 'crm.status.list': {
        const filter = (params.filter ?? params.FILTER ?? {}) as Record<string, unknown>;
        const rows = tables.statuses
          .filter((s) => filter.ENTITY_ID === undefined || s.ENTITY_ID === filter.ENTITY_ID)
          .filter((s) => filter.CATEGORY_ID === undefined || String(s.CATEGORY_ID) === String(filter.CATEGORY_ID))
          .sort((a, b) => a.SORT - b.SORT);
        const result = rows.map((s) => ({
          ID: String(s.ID),
          ENTITY_ID: s.ENTITY_ID,
          STATUS_ID: s.STATUS_ID,
          NAME: s.NAME,
          NAME_INIT: '',
          SORT: String(s.SORT),
          SYSTEM: 'N',
          CATEGORY_ID: s.CATEGORY_ID === null ? null : String(s.CATEGORY_ID),
          COLOR: s.COLOR,
          SEMANTICS: s.SEMANTICS,
          ...(s.EXTRA ? { EXTRA: s.EXTRA } : {}),
        }));
        return { result, total: result.length, rows: result.length };
      }
      case 'crm.dealcategory.list': {
        const result = tables.categories
          .filter((c) => c.entityTypeId === ENTITY_TYPE_ID.deal && c.id !== 0)
          .map((c) => ({ ID: String(c.id), CREATED_DATE: '2020-01-01T00:00:00+03:00', NAME: c.name, IS_LOCKED: 'N', SORT: String(c.sort) }));
        return { result, total: result.length, rows: result.length };
      }
      case 'crm.dealcategory.stage.list': {
        const id = Number(params.id ?? params.ID ?? 0);
        const entityId = id === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${id}`;
        const result = tables.statuses.filter((s) => s.ENTITY_ID === entityId).map((s) => ({ NAME: s.NAME, SORT: String(s.SORT), STATUS_ID: s.STATUS_ID }));
        return { result, rows: result.length };
      }
      case 'crm.category.list': {
        const typeId = Number(params.entityTypeId);
        if (!typeId) throw new RestError(400, 'NOT_FOUND', 'Смарт-процесс не найден');
        const categories = tables.categories.filter((c) => c.entityTypeId === typeId);
        return { result: { categories }, total: categories.length, rows: categories.length };
      }
      case 'crm.stagehistory.list': {
        const typeId = Number(params.entityTypeId);
        if (typeId !== ENTITY_TYPE_ID.deal) {
          if (![1, 5, 31].includes(typeId)) throw new RestError(400, 'ENTITY_TYPE_NOT_SUPPORTED', `Entity type ${params.entityTypeId} is not supported`);
          return { result: { items: [] }, total: 0 };
        }
        const r = simpleList(tables.stageHistory, STAGE_HISTORY_FIELDS, params, (row) => visibleOwner(ctx, 2, Number(row.OWNER_ID)), 'raw');
        return { ...r, result: { items: r.result } };
      }
      case 'crm.timeline.comment.list': {
        const filter = (params.filter ?? {}) as Record<string, unknown>;
        if (filter.ENTITY_ID === undefined || filter.ENTITY_TYPE === undefined) {
          throw new RestError(400, '', 'ENTITY_ID and ENTITY_TYPE are required in the filter');
        }
        const typeId = { lead: 1, deal: 2, contact: 3, company: 4 }[String(filter.ENTITY_TYPE).toLowerCase()] ?? 0;
        if (!visibleOwner(ctx, typeId, Number(filter.ENTITY_ID))) return { result: [], total: 0 };
        return simpleList(tables.comment, COMMENT_FIELDS, params, () => true, 'legacy');
      }
      case 'crm.documentgenerator.document.list': {
        const r = simpleList(tables.document, DOCUMENT_FIELDS, params, (row) => visibleOwner(ctx, Number(row.entityTypeId), Number(row.entityId)), 'raw', 'id');
        const documents = (r.result as Record<string, unknown>[]).map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v === null ? null : String(v)])));
        return { ...r, result: { documents } };
      }
      case 'crm.requisite.list': {
        const schema: FieldSpec[] = [
          { name: 'ID', type: 'integer', title: 'ID' },
          { name: 'ENTITY_TYPE_ID', type: 'integer', title: 'Entity type' },
          { name: 'ENTITY_ID', type: 'integer', title: 'Entity' },
          { name: 'NAME', type: 'string', title: 'Name' },
        ];
        return simpleList(tables.requisite, schema, params, (row) => visibleOwner(ctx, Number(row.ENTITY_TYPE_ID), Number(row.ENTITY_ID)), 'legacy');
      }
      case 'user.current': {
        const row = findById(tables.user, ctx.user.userId);
        return { result: row ? renderUser(row) : { ID: String(ctx.user.userId), NAME: '', LAST_NAME: '', UF_DEPARTMENT: [] } };
      }
      case 'user.get': {
        const filter: Record<string, unknown> = { ...((params.filter ?? params.FILTER ?? {}) as Record<string, unknown>) };
        if (params.ID !== undefined) filter.ID = params.ID;
        const activeFilter = filter.ACTIVE;
        delete filter.ACTIVE;
        const resolver = makeResolver(userSchema, 'legacy', []);
        const pred = compileFilter(filter, resolver);
        const rows = tables.user.filter((r) => pred(r) && (activeFilter === undefined || String(r.ACTIVE === true) === String(activeFilter === true || activeFilter === 'true' || activeFilter === 'Y')));
        const start = Math.max(0, parseStart(params.start ?? params.START));
        const page = rows.slice(start, start + PAGE_SIZE);
        return { result: page.map(renderUser), total: rows.length, ...(start + PAGE_SIZE < rows.length ? { next: start + PAGE_SIZE } : {}), rows: page.length };
      }
      case 'department.get': {
        const rows = tables.department.filter((d) => (params.ID === undefined || String(d.ID) === String(params.ID)) && (params.PARENT === undefined || String(d.PARENT) === String(params.PARENT)));
        const start = Math.max(0, parseStart(params.START ?? params.start));
        const page = rows.slice(start, start + PAGE_SIZE);
        const result = page.map((d) => ({
          ID: String(d.ID),
          NAME: d.NAME,
          SORT: Number(d.SORT),
          ...(d.PARENT ? { PARENT: String(d.PARENT) } : {}),
          ...(d.UF_HEAD ? { UF_HEAD: String(d.UF_HEAD) } : {}),
        }));
        return { result, total: rows.length, ...(start + PAGE_SIZE < rows.length ? { next: start + PAGE_SIZE } : {}), rows: page.length };
      }
      case 'placement.bind': {
        const p = { placement: String(params.PLACEMENT ?? ''), handler: String(params.HANDLER ?? ''), title: String(params.TITLE ?? '') };
        if (!p.placement || !p.handler) throw new RestError(400, 'ERROR_ARGUMENT', 'PLACEMENT and HANDLER are required');
        placements.push(p);
        return { result: true };
      }
      case 'placement.unbind': {
        const before = placements.length;
        for (let i = placements.length - 1; i >= 0; i--) if (placements[i].placement === params.PLACEMENT) placements.splice(i, 1);
        return { result: { count: before - placements.length } };
      }
      case 'placement.get':
        return { result: placements.map((p) => ({ placement: p.placement, handler: p.handler, title: p.title, options: [] })) };
      case 'app.info':
        return { result: { ID: 1, CODE: 'local.crmkit', VERSION: 1, STATUS: 'L', INSTALLED: true, PAYMENT_EXPIRED: 'N', DAYS: null, LICENSE: 'ru_project' } };
      default:
        throw new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');
    }
  }

  // ---- limits -------------------------------------------------------------------------

  function bucketAdmit(): boolean {
    const b = opts.bucket === undefined ? { burst: 50, rate: 2 } : opts.bucket;
    if (!b) return true;
    const now = Date.now();
    level = Math.max(0, level - ((now - levelAt) / 1000) * b.rate);
    levelAt = now;
    if (level + 1 > b.burst) return false;
    level += 1;
    return true;
  }

  function opCfg(): Required<OperatingOptions> | null {
    if (opts.operating === false) return null;
    const o = opts.operating ?? {};
    return { ...OPERATING_DEFAULTS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) };
  }

  function operatingOf(method: string, now: number): { sum: number; resetAt: number } {
    const cfg = opCfg();
    const list = operating.get(method) ?? [];
    if (!cfg) return { sum: 0, resetAt: Math.floor((now + 600_000) / 1000) };
    while (list.length && list[0][0] <= now - cfg.windowMs) list.shift();
    const sum = list.reduce((s, [, c]) => s + c, 0);
    const resetAt = Math.ceil(((list[0]?.[0] ?? now) + cfg.windowMs) / 1000);
    return { sum, resetAt };
  }

  function operatingCheck(method: string): void {
    const cfg = opCfg();
    if (!cfg) return;
    const { sum, resetAt } = operatingOf(method, Date.now());
    if (sum > cfg.limitSec) {
      const e = new RestError(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.');
      (e as RestError & { resetAt?: number }).resetAt = resetAt;
      throw e;
    }
  }

  function operatingAdd(method: string, r: MethodResult): number {
    const cfg = opCfg();
    if (!cfg) return 0;
    const cost = cfg.baseCost + (r.rows ?? 0) * cfg.rowCost + (r.counted ?? 0) * cfg.countCost;
    const list = operating.get(method) ?? [];
    list.push([Date.now(), cost]);
    operating.set(method, list);
    return cost;
  }

  function timeBlock(startedAt: number, method: string): Record<string, unknown> {
    const finish = Date.now();
    const { sum, resetAt } = operatingOf(method, finish);
    return {
      start: startedAt / 1000,
      finish: finish / 1000,
      duration: (finish - startedAt) / 1000,
      processing: (finish - startedAt) / 1000,
      date_start: formatDateTime(startedAt),
      date_finish: formatDateTime(finish),
      operating_reset_at: resetAt,
      operating: Number(sum.toFixed(6)),
    };
  }

  // ---- one call, batch -------------------------------------------------------------------

  function callOne(ctx: Ctx, method: string, params: Record<string, unknown>): { body: Record<string, unknown>; status: number } {
    const startedAt = Date.now();
    stats.commands[method] = (stats.commands[method] ?? 0) + 1;
    try {
      operatingCheck(method);
      const r = methods(ctx, method, params);
      operatingAdd(method, r);
      if (opts.serverTime) {
        const c = { ...OPERATING_DEFAULTS, ...(opts.operating || {}) };
        ctx.cost += c.baseCost + (r.rows ?? 0) * c.rowCost + (r.counted ?? 0) * c.countCost;
      }
      stats.rows[method] = (stats.rows[method] ?? 0) + (r.rows ?? 0);
      stats.counted[method] = (stats.counted[method] ?? 0) + (r.counted ?? 0);
      const body: Record<string, unknown> = { result: r.result };
      if (r.next !== undefined) body.next = r.next;
      if (r.total !== undefined) body.total = r.total;
      body.time = timeBlock(startedAt, method);
      return { body, status: 200 };
    } catch (e) {
      if (e instanceof RestError) {
        if (e.error === 'OPERATION_TIME_LIMIT') stats.rejected429++;
        const body: Record<string, unknown> = { error: e.error, error_description: e.description };
        if (e.error === 'OPERATION_TIME_LIMIT') body.time = timeBlock(startedAt, method);
        return { body, status: e.status };
      }
      throw e;
    }
  }

  function resolveRef(ref: string, results: Record<string, unknown>): unknown {
    const parts = [...ref.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
    let node: unknown = results;
    for (const p of parts) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[p];
    }
    return node;
  }

  function substitute(value: unknown, results: Record<string, unknown>): unknown {
    if (typeof value === 'string') {
      const whole = /^\$result((?:\[[^\]]*\])+)$/.exec(value);
      if (whole) {
        const v = resolveRef(whole[1], results);
        return v === undefined ? value : v;
      }
      return value.replace(/\$result((?:\[[^\]]*\])+)/g, (m, path: string) => {
        const v = resolveRef(path, results);
        return v === undefined || (typeof v === 'object' && v !== null) ? m : String(v);
      });
    }
    if (Array.isArray(value)) return value.map((v) => substitute(v, results));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, substitute(v, results)]));
    }
    return value;
  }

  function batch(ctx: Ctx, params: Record<string, unknown>): Record<string, unknown> {
    const halt = params.halt === true || params.halt === 1 || params.halt === '1' || params.halt === 'Y' || params.halt === 'true';
    const cmd = (params.cmd ?? {}) as Record<string, unknown> | unknown[];
    const entries: [string, string][] = Array.isArray(cmd) ? cmd.map((c, i) => [String(i), String(c)]) : Object.entries(cmd).map(([k, v]) => [k, String(v)]);
    const result: Record<string, unknown> = {};
    const resultError: Record<string, unknown> = {};
    const resultTotal: Record<string, unknown> = {};
    const resultNext: Record<string, unknown> = {};
    const resultTime: Record<string, unknown> = {};
    let i = 0;
    for (const [key, line] of entries) {
      if (i++ >= BATCH_LIMIT) {
        resultError[key] = { error: 'ERROR_BATCH_LENGTH_EXCEEDED', error_description: 'Max batch length exceeded' };
        continue;
      }
      const q = line.indexOf('?');
      const method = (q < 0 ? line : line.slice(0, q)).trim().replace(/\.json$/, '');
      const sub = substitute(parseQuery(q < 0 ? '' : line.slice(q + 1)), result) as Record<string, unknown>;
      if (method === 'batch') {
        resultError[key] = { error: 'ERROR_BATCH_METHOD_NOT_ALLOWED', error_description: 'Method is not allowed for batch usage' };
        if (halt) break;
        continue;
      }
      const one = callOne(ctx, method, normalizeParams(sub));
      if ('error' in one.body) {
        resultError[key] = { error: one.body.error, error_description: one.body.error_description };
        if (halt) break;
        continue;
      }
      result[key] = one.body.result;
      if (one.body.total !== undefined) resultTotal[key] = one.body.total;
      if (one.body.next !== undefined) resultNext[key] = one.body.next;
      resultTime[key] = one.body.time;
    }
    // PHP encodes an empty associative array as [].
    const obj = (o: Record<string, unknown>) => (Object.keys(o).length ? o : []);
    return { result: obj(result), result_error: obj(resultError), result_total: obj(resultTotal), result_next: obj(resultNext), result_time: obj(resultTime) };
  }

  /** Query-string values arrive as strings; `start` and ids stay strings, as PHP would see them. */
  function normalizeParams(p: Record<string, unknown>): Record<string, unknown> {
    return p;
  }

  // ---- HTTP ------------------------------------------------------------------------------

  const tls = options.https ? selfSignedCert() : undefined;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, { error: 'INTERNAL_SERVER_ERROR', error_description: String(e) });
    });
  };
  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createHttpServer(handler);
  server.keepAliveTimeout = 5000;

  function cors(res: ServerResponse): void {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Accept');
    res.setHeader('Access-Control-Max-Age', '600');
  }

  function send(res: ServerResponse, status: number, body: unknown, truncate = false): void {
    let text = JSON.stringify(body);
    if (truncate) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(text);
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function pickFault(): FaultKind | null {
    if (script.length) {
      const f = script.shift()!;
      return f === 'ok' ? null : f;
    }
    const f = opts.faults;
    if (!f?.rate) return null;
    if (rand() >= f.rate) return null;
    const kinds = f.kinds?.length ? f.kinds : (['500', 'drop', 'truncate', 'slow'] as const);
    return kinds[Math.floor(rand() * kinds.length)];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    cors(res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    let params: Record<string, unknown> = parseQuery(url.search.slice(1));
    if (raw) {
      const type = String(req.headers['content-type'] ?? '');
      if (type.includes('json')) {
        try {
          params = { ...params, ...(JSON.parse(raw) as Record<string, unknown>) };
        } catch {
          send(res, 400, { error: 'INVALID_REQUEST', error_description: 'Invalid JSON' });
          return;
        }
      } else {
        params = { ...params, ...parseQuery(raw) };
      }
    }

    // Test hooks.
    if (url.pathname.startsWith('/emulator/')) {
      const what = url.pathname.slice('/emulator/'.length);
      if (what === 'stats') return send(res, 200, stats);
      if (what === 'control') {
        control(params as Partial<EmulatorOptions> & { resetStats?: boolean });
        return send(res, 200, { ok: true });
      }
      if (what === 'token') return send(res, 200, issueToken(Number(params.userId ?? users[0].userId)));
      if (what === 'placements') return send(res, 200, placements);
      return send(res, 404, { error: 'NOT_FOUND', error_description: 'Unknown emulator hook' });
    }
    if (url.pathname.replace(/\/$/, '') === '/oauth/token') {
      const rt = String(params.refresh_token ?? '');
      const uid = refreshTokens.get(rt);
      if (params.grant_type !== 'refresh_token' || uid === undefined) return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid refresh token' });
      refreshTokens.delete(rt);
      return send(res, 200, issueToken(uid));
    }

    const m = /^\/rest\/(?:(\d+)\/([^/]+)\/)?([^/]+?)(?:\.(json|xml))?\/?$/.exec(url.pathname);
    if (!m) return send(res, 404, { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' });
    const [, uidStr, secret, methodRaw] = m;
    const method = methodRaw.toLowerCase();
    stats.requests++;
    stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;

    // Authentication: webhook path or OAuth token.
    let user: EmulatorUser | undefined;
    if (uidStr !== undefined) {
      user = users.find((u) => String(u.userId) === uidStr && u.secret === secret);
      if (!user) return send(res, 401, { error: 'INVALID_CREDENTIALS', error_description: 'Invalid request credentials' });
    } else {
      const token = String(params.auth ?? '');
      if (!token) return send(res, 401, { error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' });
      const t = tokens.get(token);
      if (!t) return send(res, 401, { error: 'invalid_token', error_description: 'The access token provided is invalid.' });
      if (t.expires <= Date.now()) {
        stats.expired401++;
        return send(res, 401, { error: 'expired_token', error_description: 'The access token provided has expired.' });
      }
      user = users.find((u) => u.userId === t.userId) ?? { userId: t.userId, secret: '', access: 'all' };
    }
    delete params.auth;

    if (!bucketAdmit()) {
      stats.rejected503++;
      return send(res, 503, { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' });
    }

    const fault = pickFault();
    if (fault) stats.faults++;
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === '500') return send(res, 500, { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' });
    if (fault === 'slow') await new Promise((r) => setTimeout(r, opts.faults?.slowMs ?? 1500));
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));

    const ctx: Ctx = { user, cost: 0 };
    const served = async (): Promise<void> => {
      if (opts.serverTime) await new Promise((r) => setTimeout(r, ctx.cost * opts.serverTime! * 1000));
    };
    if (method === 'batch') {
      const startedAt = Date.now();
      const body = { result: batch(ctx, params), time: timeBlock(startedAt, 'batch') };
      await served();
      return send(res, 200, body, fault === 'truncate');
    }
    const one = callOne(ctx, method, params);
    await served();
    send(res, one.status, one.body, fault === 'truncate');
  }

  function issueToken(userId: number): TokenPair {
    const access = `at_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    const refresh = `rt_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    const ttl = opts.tokenTtlMs ?? 3_600_000;
    tokens.set(access, { userId, expires: Date.now() + ttl });
    refreshTokens.set(refresh, userId);
    return { access_token: access, refresh_token: refresh, expires_in: Math.round(ttl / 1000), expires: Math.floor((Date.now() + ttl) / 1000), domain: origin.replace(/^https?:\/\//, ''), member_id: 'crmkit-emulator', user_id: userId };
  }

  function control(o: Partial<EmulatorOptions> & { resetStats?: boolean; resetLimits?: boolean }): void {
    const { resetStats, resetLimits, ...rest } = o;
    opts = { ...opts, ...rest };
    if (rest.faults) {
      rand = mulberry32(rest.faults.seed ?? 1);
      script = [...(rest.faults.script ?? [])];
    }
    if (rest.users) users.splice(0, users.length, ...rest.users);
    if (resetLimits) {
      level = 0;
      levelAt = Date.now();
      operating.clear();
    }
    if (resetStats) {
      stats.requests = stats.rejected503 = stats.rejected429 = stats.expired401 = stats.faults = 0;
      stats.byMethod = {};
      stats.commands = {};
      stats.rows = {};
      stats.counted = {};
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const webhooks: Record<string, string> = {};
  for (const u of users) webhooks[String(u.userId)] = `${origin}/rest/${u.userId}/${u.secret}/`;

  return {
    origin,
    webhooks,
    get webhook() {
      return webhooks[String(users[0].userId)];
    },
    stats,
    tables,
    control,
    issueToken,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
