/**
 * An emulator of a 1C:Enterprise infobase published on a web server: the standard OData
 * interface (v3, JSON) at `/<base>/odata/standard.odata/` and the crmkit HTTP service at
 * `/<base>/hs/<root>/`, on loopback, fed by a CrmSnapshot laid out by a mapping.
 *
 * It behaves like 1C where clients trip: Basic auth (UTF-8 user names), `odata.metadata`/`value`
 * envelopes, single elements without `value`, Int64 as strings, empty GUIDs and
 * `0001-01-01T00:00:00`, wall-clock datetimes, the supported `$filter` subset (others answer 400
 * with an `odata.error` body), `$top`/`$skip`, `/$count`, `SliceLast`, `____Presentation`,
 * `allowedOnly`, deletion marks, a URL limit answering an HTML 404 (the web server's), HTML
 * error pages with status 200 and seeded random faults on demand. No CORS unless asked (1C adds
 * none). Tenants (`POST /__emulator/tenants`) give each test file its own data and faults.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  applyQuery,
  matchesFilter,
  type Apartment,
  type Booking,
  type EntityName,
  type Filter,
  type ListQuery,
} from '../src/core.js';
import type { CrmSnapshot } from '@crmkit/adapter-mock';
// Seeded, so a fault run can be replayed.
import { mulberry32 as prng } from '@crmkit/adapter-mock/generator/random.js';
import { DEFAULT_MAPPING } from '../src/default-mapping.js';
import { instantToWallClock, parseBasicAuthorization } from '../src/convert.js';
import type { OneCMapping } from '../src/mapping.js';
import type { Row } from '../src/rows.js';
import { buildTables, guidifySnapshot, guidFor, type Table, type Tables } from './dataset.js';
import { ODataError, evaluate, parseFilter, propertiesOf, type Expr } from './odata-filter.js';
import { fixtureSnapshot } from './fixture.js';

export interface EmulatorUser {
  readonly name: string;
  readonly password: string;
}

export interface TenantOptions {
  /** Share of requests (0–1) that fail at random: 500 odata.error, 503 HTML, or an HTML page with 200. */
  readonly faultRate?: number;
  readonly faultSeed?: number;
  /** Entity sets that answer an HTML error page with status 200 (a misconfigured publication). */
  readonly htmlErrorSets?: readonly string[];
  /** Entity sets of the mapping left out of the publication. */
  readonly unpublished?: readonly string[];
  /** Entity sets the user has no right to read (403, code 20). */
  readonly deniedSets?: readonly string[];
  /** Refs hidden by row-level security: a query reaching one fails unless `allowedOnly=true`. */
  readonly restrictedRefs?: readonly string[];
  /** Send `WWW-Authenticate: Basic` with 401 (real 1C does; browsers may then prompt). */
  readonly challenge?: boolean;
  readonly users?: readonly EmulatorUser[];
  /** The HTTP service is published (`/hs/<root>/…`). */
  readonly httpService?: boolean;
  /** Seeded faults of the HTTP service, writes and reads (see {@link HsFaults}). */
  readonly hsFaults?: HsFaults;
}

/**
 * What goes wrong between a browser and a 1C HTTP service. `before`: the request never reaches
 * 1C (nothing is done). `after`: 1C did the work, the answer is lost on the way back — the case
 * that doubles a write retried blindly.
 */
export type HsFaultKind = '503' | '500' | 'drop' | 'timeout' | 'truncate';

export interface HsFaults {
  /** Share of HTTP-service requests (0–1) that meet a fault. */
  readonly rate: number;
  readonly seed?: number;
  /** Kinds to pick from; default all. `truncate` is an `after` fault only. */
  readonly kinds?: readonly HsFaultKind[];
  /** Share of faults that strike after the work is done (0–1). Default 0.5. */
  readonly afterShare?: number;
}

export interface EmulatorOptions extends TenantOptions {
  readonly snapshot?: CrmSnapshot;
  readonly mapping?: OneCMapping;
  /** Publication name: the first path segment (`crm1c` → `/crm1c/odata/standard.odata/`). */
  readonly base?: string;
  readonly timeZone?: string;
  readonly port?: number;
  /** Add permissive CORS headers (a development option; real 1C adds none). */
  readonly cors?: boolean;
  /** Longest request line the web server accepts, in bytes. */
  readonly maxUrlBytes?: number;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `http://127.0.0.1:<port>/<base>/odata/standard.odata/` */
  readonly odataUrl: string;
  readonly server: Server;
  /** Every request line served, for benchmarks and tests. */
  readonly log: string[];
  addTenant(base: string, options: TenantOptions & { snapshot?: CrmSnapshot }): void;
  /** Replaces a tenant's HTTP-service faults (undefined: none), restarting their seed. */
  setHsFaults(base: string, faults: HsFaults | undefined): void;
  /** A tenant's current data (writes included). */
  snapshotOf(base: string): CrmSnapshot | undefined;
  close(): Promise<void>;
}

const DEFAULT_USERS: readonly EmulatorUser[] = [
  { name: 'Администратор', password: '' },
  { name: 'Иванова Мария', password: 'пароль' },
];


class Tenant {
  snapshot: CrmSnapshot;
  private tables: Tables | undefined;
  private presentations: Map<string, string> | undefined;
  readonly random: () => number;
  /** Faults of the HTTP service; replaceable while running (`setHsFaults`). */
  hsFaults: HsFaults | undefined;
  hsRandom: () => number;

  constructor(
    readonly base: string,
    snapshot: CrmSnapshot,
    readonly mapping: OneCMapping,
    readonly timeZone: string,
    readonly options: TenantOptions,
  ) {
    this.snapshot = guidifySnapshot(snapshot);
    this.random = prng(options.faultSeed ?? 1);
    this.hsFaults = options.hsFaults;
    this.hsRandom = prng(options.hsFaults?.seed ?? 1);
  }

  /** The fault for the next HTTP-service request, if any, and whether it strikes after the work. */
  pickHsFault(): { kind: HsFaultKind; after: boolean } | undefined {
    const f = this.hsFaults;
    if (!f?.rate || this.hsRandom() >= f.rate) return undefined;
    const kinds = f.kinds?.length ? f.kinds : (['503', '500', 'drop', 'timeout', 'truncate'] as const);
    const kind = kinds[Math.floor(this.hsRandom() * kinds.length)]!;
    return { kind, after: kind === 'truncate' || this.hsRandom() < (f.afterShare ?? 0.5) };
  }

  get published(): Tables {
    if (!this.tables) {
      this.tables = buildTables(this.snapshot, this.mapping, this.timeZone);
      for (const name of this.options.unpublished ?? []) this.tables.delete(name);
      this.presentations = undefined;
    }
    return this.tables;
  }

  presentation(ref: string): string {
    if (!this.presentations) {
      const map = new Map<string, string>();
      for (const t of this.published.values()) {
        for (const r of t.rows) {
          if (typeof r.Ref_Key !== 'string') continue;
          if (t.kind === 'Catalog') map.set(r.Ref_Key, String(r.Description ?? ''));
          else if (t.kind === 'Document') map.set(r.Ref_Key, `${t.name.slice(9)} ${String(r.Number)} от ${String(r.Date).replace('T', ' ')}`);
        }
      }
      this.presentations = map;
    }
    return this.presentations.get(ref) ?? '';
  }

  changed(): void {
    this.tables = undefined;
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Answers an HTTP-service request the way a fault of this kind does; `payload` is the lost answer. */
function hsFault(req: IncomingMessage, res: ServerResponse, kind: HsFaultKind, payload?: unknown): void {
  if (kind === 'drop') {
    req.socket.destroy();
  } else if (kind === '503') html(res, 503, '503 Service Unavailable', 'Сервер 1С:Предприятия перегружен.');
  else if (kind === '500') json(res, 500, { error: { code: '-1', message: 'Внутренняя ошибка HTTP-сервиса' } });
  else if (kind === 'timeout') html(res, 504, '504 Gateway Time-out', 'Сервер не ответил вовремя.');
  else {
    const text = JSON.stringify(payload ?? {});
    const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    res.writeHead(200, { 'Content-Type': 'application/json;charset=utf-8', 'Content-Length': Buffer.byteLength(cut) });
    res.end(cut);
  }
}

function odataError(res: ServerResponse, status: number, code: string, message: string): void {
  json(res, status, { 'odata.error': { code, message: { lang: 'ru', value: message } } });
}

function html(res: ServerResponse, status: number, title: string, text: string): void {
  const body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
  res.writeHead(status, { 'Content-Type': 'text/html;charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Query parameters as 1C reads them: `%XX` decoded, `+` left as it is. */
function parseQuery(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    out.set(k, v);
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Splits `SliceLast(Period=datetime'…', Condition='…')` parameters; Condition may hold quotes. */
function parseSliceArgs(args: string): { period?: string; condition?: string } {
  const out: { period?: string; condition?: string } = {};
  const c = args.indexOf('Condition=');
  let rest = args;
  if (c >= 0) {
    let cond = args.slice(c + 'Condition='.length).trim();
    if (cond.startsWith("'") && cond.endsWith("'")) cond = cond.slice(1, -1);
    out.condition = cond;
    rest = args.slice(0, c);
  }
  const p = /Period=datetime'([^']+)'/.exec(rest);
  if (p) out.period = p[1];
  return out;
}

function edmx(tenant: Tenant): string {
  const types: string[] = [];
  const sets: string[] = [];
  for (const t of tenant.published.values()) {
    const key = t.kind === 'InformationRegister' ? [...t.types.keys()].filter((k) => k === 'Period' || t.types.get(k) === 'Edm.Guid') : ['Ref_Key'];
    const props = [...t.types].map(([n, ty]) => `<Property Name="${n}" Type="${ty}" Nullable="true"/>`);
    for (const [part] of t.tabulars) props.push(`<Property Name="${part}" Type="Collection(StandardODATA.${t.name}_${part}_RowType)" Nullable="true"/>`);
    types.push(`<EntityType Name="${t.name}"><Key>${key.map((k) => `<PropertyRef Name="${k}"/>`).join('')}</Key>${props.join('')}</EntityType>`);
    for (const [part, cols] of t.tabulars) {
      types.push(`<ComplexType Name="${t.name}_${part}_RowType">${[...cols].map(([n, ty]) => `<Property Name="${n}" Type="${ty}" Nullable="true"/>`).join('')}</ComplexType>`);
    }
    sets.push(`<EntitySet Name="${t.name}" EntityType="StandardODATA.${t.name}"/>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><edmx:Edmx xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx" Version="1.0"><edmx:DataServices xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" m:DataServiceVersion="3.0"><Schema xmlns="http://schemas.microsoft.com/ado/2009/11/edm" Namespace="StandardODATA">${types.join('')}<EntityContainer Name="EnterpriseV8" m:IsDefaultEntityContainer="true">${sets.join('')}</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>`;
}

function checkProperties(expr: Expr, table: Table): void {
  for (const p of propertiesOf(expr)) {
    if (!table.types.has(p)) throw new ODataError(400, '10', `Запрошенное свойство не найдено: ${p}`);
  }
}

function orderRows(rows: Row[], orderby: string | undefined, table: Table): Row[] {
  if (!orderby) return rows;
  const keys = orderby.split(',').map((s) => {
    const [name, dir] = s.trim().split(/\s+/);
    if (!table.types.has(name)) throw new ODataError(400, '10', `Запрошенное свойство не найдено: ${name}`);
    return { name, sign: dir === 'desc' ? -1 : 1, int: table.types.get(name) === 'Edm.Int64' };
  });
  return rows.slice().sort((a, b) => {
    for (const k of keys) {
      const va = k.int ? Number(a[k.name]) : (a[k.name] as string | number);
      const vb = k.int ? Number(b[k.name]) : (b[k.name] as string | number);
      if (va < vb) return -k.sign;
      if (va > vb) return k.sign;
    }
    return 0;
  });
}

function project(row: Row, select: string[] | undefined, tenant: Tenant, table: Table): Row {
  const all = !select || select.includes('*');
  const presentations = select?.includes('*____Presentation');
  const out: Row = {};
  if (all) Object.assign(out, row);
  for (const s of select ?? []) {
    if (s === '*' || s === '*____Presentation') continue;
    if (s.endsWith('____Presentation')) {
      const base = s.slice(0, -'____Presentation'.length);
      const ref = row[`${base}_Key`] ?? row[base];
      out[s] = typeof ref === 'string' ? tenant.presentation(ref) : '';
      continue;
    }
    if (!(s in row) && !table.types.has(s) && !table.tabulars.has(s)) throw new ODataError(400, '10', `Запрошенное свойство не найдено: ${s}`);
    out[s] = row[s];
  }
  if (presentations) {
    for (const [k, v] of Object.entries(row)) if (k.endsWith('_Key') && typeof v === 'string') out[`${k.slice(0, -4)}____Presentation`] = tenant.presentation(v);
  }
  return out;
}

/** Latest row per dimension set at or before `period` (1C's SliceLast virtual table). */
function sliceLast(table: Table, period: string | undefined, condition: Expr | undefined): Row[] {
  const dims = [...table.types].filter(([n, t]) => t === 'Edm.Guid' && n !== 'Period').map(([n]) => n);
  // Dimensions are the register's key; booking attributes (client, manager) are resources.
  const keyDims = dims.filter((d) => /Объект|Ресурс/.test(d) || dims.length === 1);
  const latest = new Map<string, Row>();
  for (const r of table.rows) {
    if (period && String(r.Period) > period) continue;
    if (condition && !evaluate(condition, r)) continue;
    const key = (keyDims.length ? keyDims : dims).map((d) => String(r[d])).join('|');
    const prev = latest.get(key);
    if (!prev || String(prev.Period) <= String(r.Period)) latest.set(key, r);
  }
  return [...latest.values()];
}

export async function startOneCEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const mapping = options.mapping ?? DEFAULT_MAPPING;
  const timeZone = options.timeZone ?? 'Europe/Moscow';
  const maxUrl = options.maxUrlBytes ?? 2048;
  const tenants = new Map<string, Tenant>();
  const log: string[] = [];
  const hsRoot = mapping.httpService?.root ?? 'crmkit/v1';

  const addTenant = (base: string, o: TenantOptions & { snapshot?: CrmSnapshot }) => {
    tenants.set(base, new Tenant(base, o.snapshot ?? options.snapshot ?? fixtureSnapshot(), mapping, timeZone, { ...options, ...o }));
  };
  addTenant(options.base ?? 'crm1c', {});

  const cors = (res: ServerResponse) => {
    if (!options.cors) return;
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, OPTIONS');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof ODataError) odataError(res, e.status, e.code, e.message);
      else if (!res.headersSent) odataError(res, 500, '-1', `Произошла внутренняя ошибка OData сервиса. ${String(e)}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    log.push(`${req.method} ${rawUrl}`);
    cors(res);
    if (req.method === 'OPTIONS') {
      res.writeHead(options.cors ? 204 : 405);
      res.end();
      return;
    }
    // The web server in front of 1C refuses long request lines with its own HTML page.
    if (Buffer.byteLength(rawUrl) > maxUrl) {
      html(res, 404, '404 - Not Found', 'The requested URL is too long.');
      return;
    }
    const q = rawUrl.indexOf('?');
    const path = decodeURIComponent(q < 0 ? rawUrl : rawUrl.slice(0, q));
    const query = parseQuery(q < 0 ? '' : rawUrl.slice(q + 1));

    if ((path === '/__emulator/tenants' || path === '/crm1c-admin/tenants') && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}') as TenantOptions & { snapshot?: CrmSnapshot };
      const base = `crm1c-${randomUUID().slice(0, 8)}`;
      addTenant(base, body);
      json(res, 200, { base, odata: `/${base}/odata/standard.odata/`, hs: `/${base}/hs/${hsRoot}/` });
      return;
    }
    const segments = path.split('/').filter(Boolean);
    const tenant = tenants.get(segments[0] ?? '');
    if (!tenant) {
      html(res, 404, '404 - Not Found', 'Публикация не найдена.');
      return;
    }
    const users = tenant.options.users ?? DEFAULT_USERS;
    const cred = parseBasicAuthorization(req.headers.authorization);
    if (!cred || !users.some((u) => u.name === cred.user && u.password === cred.password)) {
      const headers: Record<string, string> = tenant.options.challenge === false ? {} : { 'WWW-Authenticate': 'Basic realm="1C:Enterprise"' };
      res.writeHead(401, { ...headers, 'Content-Type': 'text/plain;charset=utf-8' });
      res.end('Требуется авторизация');
      return;
    }
    const rate = tenant.options.faultRate ?? 0;
    if (rate > 0 && tenant.random() < rate) {
      const kind = Math.floor(tenant.random() * 3);
      if (kind === 0) odataError(res, 500, '-1', 'Произошла внутренняя ошибка OData сервиса. Дополнительные сведения можно найти в технологическом журнале.');
      else if (kind === 1) html(res, 503, '503 Service Unavailable', 'Сервер 1С:Предприятия перегружен.');
      else html(res, 200, 'Ошибка', 'Ошибка при выполнении операции с информационной базой: сеанс отсутствует или удален.');
      return;
    }
    if (segments[1] === 'odata' && segments[2] === 'standard.odata') {
      await handleOData(tenant, req, res, segments.slice(3).join('/'), query);
      return;
    }
    if (segments[1] === 'hs' && tenant.options.httpService !== false) {
      const rest = segments.slice(2).join('/');
      if (rest.startsWith(`${hsRoot}/`)) {
        await handleHs(tenant, req, res, rest.slice(hsRoot.length + 1));
        return;
      }
    }
    html(res, 404, '404 - Not Found', 'Ресурс не найден.');
  }

  async function handleOData(tenant: Tenant, req: IncomingMessage, res: ServerResponse, resource: string, query: Map<string, string>): Promise<void> {
    const root = `http://${req.headers.host}/${tenant.base}/odata/standard.odata/`;
    if (req.method !== 'GET') throw new ODataError(405, '19', 'Использованный HTTP-метод запрещен в данном контексте');
    if (resource === '') {
      json(res, 200, { 'odata.metadata': `${root}$metadata`, value: [...tenant.published.keys()].map((n) => ({ name: n, url: n })) });
      return;
    }
    if (resource === '$metadata') {
      const body = edmx(tenant);
      res.writeHead(200, { 'Content-Type': 'application/xml;charset=utf-8' });
      res.end(body);
      return;
    }
    const m = /^([^/(]+)(?:\(guid'([0-9a-fA-F-]{36})'\))?(?:\/(SliceLast|SliceFirst)\((.*)\))?(\/\$count)?$/su.exec(resource);
    if (!m) throw new ODataError(400, '6', `Неверный URL: ${resource}`);
    const [, setName, key, slice, sliceArgs, count] = m;
    if (tenant.options.htmlErrorSets?.includes(setName)) {
      html(res, 200, 'Ошибка', 'Ошибка доступа к информационной базе.');
      return;
    }
    const table = tenant.published.get(setName);
    if (!table) throw new ODataError(404, '6', `Неверный URL: сегмент '${setName}' не найден`);
    if (tenant.options.deniedSets?.includes(setName)) throw new ODataError(403, '20', `Недостаточно прав для чтения данных (${setName})`);

    const restricted = new Set(tenant.options.restrictedRefs ?? []);
    const allowedOnly = query.get('allowedOnly') === 'true';
    const select = query.get('$select')?.split(',').map((s) => s.trim()).filter(Boolean);

    if (key) {
      const row = table.rows.find((r) => r.Ref_Key === key.toLowerCase());
      if (!row || restricted.has(row.Ref_Key as string)) throw new ODataError(404, '9', 'Экземпляр сущности не найден');
      json(res, 200, { 'odata.metadata': `${root}$metadata#${setName}/@Element`, ...project(row, select, tenant, table) });
      return;
    }
    let rows: Row[];
    if (slice) {
      if (table.kind !== 'InformationRegister') throw new ODataError(400, '11', `Метод не найден: ${slice}`);
      const args = parseSliceArgs(sliceArgs);
      const cond = args.condition ? parseFilter(args.condition) : undefined;
      if (cond) checkProperties(cond, table);
      rows = sliceLast(table, args.period, cond);
    } else rows = table.rows;
    const filterText = query.get('$filter');
    if (filterText !== undefined) {
      const expr = parseFilter(filterText);
      checkProperties(expr, table);
      rows = rows.filter((r) => Boolean(evaluate(expr, r)));
    }
    if (restricted.size > 0) {
      const hidden = rows.some((r) => restricted.has(r.Ref_Key as string));
      if (hidden && !allowedOnly) throw new ODataError(403, '20', 'Недостаточно прав для чтения данных. Используйте параметр allowedOnly.');
      rows = rows.filter((r) => !restricted.has(r.Ref_Key as string));
    }
    if (count) {
      const text = String(rows.length);
      res.writeHead(200, { 'Content-Type': 'text/plain;charset=utf-8' });
      res.end(text);
      return;
    }
    rows = orderRows(rows, query.get('$orderby'), table);
    const skip = Number(query.get('$skip') ?? 0) || 0;
    const top = query.has('$top') ? Number(query.get('$top')) : undefined;
    rows = rows.slice(skip, top === undefined ? undefined : skip + top);
    const body: Row = { 'odata.metadata': `${root}$metadata#${setName}` };
    // 1C's $inlinecount counts the page, not the whole result: clients use /$count instead.
    if (query.get('$inlinecount') === 'allpages') body['odata.count'] = String(rows.length);
    body.value = rows.map((r) => project(r, select, tenant, table));
    json(res, 200, body);
  }

  async function handleHs(tenant: Tenant, req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    const body = req.method === 'POST' ? (JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>) : {};
    const fault = tenant.pickHsFault();
    if (fault && !fault.after) return hsFault(req, res, fault.kind === 'truncate' ? 'drop' : fault.kind);
    // An `after` fault: the work below is done, then its answer is lost.
    const reply = (status: number, payload: unknown): void => (fault ? hsFault(req, res, fault.kind, payload) : json(res, status, payload));
    const fail = (status: number, code: string, message: string) => reply(status, { error: { code, message } });
    const snapshot = tenant.snapshot;
    const list = <E extends EntityName>(entity: E) => (snapshot.entities[entity] ?? []) as unknown as Record<string, unknown>[];
    const statusName = (s: string) =>
      Object.entries(tenant.mapping.entities.apartment?.status?.enums?.status ?? {}).find(([, v]) => v === s)?.[0] ?? s;
    const withVersion = (a: Apartment): Apartment => ({ ...a, version: `${instantToWallClock(a.statusAt, tenant.timeZone)}|${statusName(a.status)}` });
    const records = (entity: EntityName) => (entity === 'apartment' ? (list('apartment') as unknown as Apartment[]).map(withVersion) : list(entity));
    const user = parseBasicAuthorization(req.headers.authorization)!.user;
    const now = () => Math.max(Date.now(), (snapshot.generatedAt ?? 0) + 1000);
    const replace = (entity: EntityName, item: { id: string } & object) => {
      const all = list(entity);
      const i = all.findIndex((r) => r.id === item.id);
      const next = all.slice();
      if (i >= 0) next[i] = item as unknown as Record<string, unknown>;
      else next.push(item as unknown as Record<string, unknown>);
      tenant.snapshot = { ...snapshot, entities: { ...snapshot.entities, [entity]: next } };
      tenant.changed();
    };
    switch (route) {
      case 'identity': {
        const employee = list('employee').find((e) => e.name === user);
        reply(200, { userId: employee?.id ?? user, userName: user, timeZone: tenant.timeZone });
        return;
      }
      case 'list': {
        const entity = body.entity as EntityName;
        const result = applyQuery(records(entity) as Record<string, unknown>[], (body.query ?? {}) as ListQuery);
        reply(200, result);
        return;
      }
      case 'get': {
        const item = records(body.entity as EntityName).find((r) => r.id === body.id);
        if (!item) return fail(404, 'not-found', `${String(body.entity)} ${String(body.id)} не найден`);
        reply(200, { item });
        return;
      }
      case 'count':
        reply(200, { count: records(body.entity as EntityName).filter((r) => matchesFilter(r, body.filter as Filter)).length });
        return;
      case 'ids':
        reply(200, { ids: records(body.entity as EntityName).filter((r) => matchesFilter(r, body.filter as Filter)).map((r) => r.id) });
        return;
      case 'apartments/hold':
      case 'apartments/release': {
        const a = (records('apartment') as unknown as Apartment[]).find((x) => x.id === body.apartmentId);
        if (!a) return fail(404, 'not-found', 'Объект недвижимости не найден');
        if (body.expectedVersion !== undefined && body.expectedVersion !== null && body.expectedVersion !== a.version) {
          return fail(409, 'conflict', 'Объект изменён другим пользователем');
        }
        const at = Math.floor(now() / 1000) * 1000;
        let next: Apartment;
        if (route === 'apartments/hold') {
          if (a.status !== 'free') return fail(409, 'conflict', 'Объект уже забронирован или продан');
          const booking = body.booking as Apartment['booking'];
          next = { ...a, status: booking?.paid ? 'paid-booking' : 'booked', statusAt: at, booking: { ...booking!, bookedAt: at } };
        } else {
          if (a.status !== 'booked' && a.status !== 'paid-booking') return fail(409, 'conflict', 'Объект не забронирован');
          const { booking: _drop, ...rest } = a;
          void _drop;
          next = { ...rest, status: 'free', statusAt: at };
        }
        const { version: _v, ...stored } = next;
        void _v;
        replace('apartment', stored);
        reply(200, { item: withVersion(stored as Apartment) });
        return;
      }
      case 'bookings': {
        type Incoming = Omit<Booking, 'id' | 'createdAt' | 'status' | 'meetingId'> & { id?: string; meetingId?: string };
        const items = (body.bookings ?? []) as Incoming[];
        const existing = list('booking') as unknown as Booking[];
        // Ids are the client's idempotency keys: a repeated write answers what is stored.
        const known = items.map((nb) => (nb.id ? existing.find((b) => b.id === nb.id) : undefined));
        if (known.some(Boolean)) {
          const same = known.every((b, i) => b && b.resourceId === items[i]!.resourceId && b.start === items[i]!.start && b.end === items[i]!.end && b.seats === items[i]!.seats);
          if (!same) return fail(409, 'conflict', 'Бронь с таким идентификатором уже есть');
          return reply(200, { items: known });
        }
        const resources = snapshot.entities.resource ?? [];
        const meetingId = randomUUID();
        const created: Booking[] = [];
        for (const nb of items) {
          const r = resources.find((x) => x.id === nb.resourceId);
          if (!r) return fail(404, 'not-found', 'Ресурс не найден');
          const load = [...existing, ...created]
            .filter((b) => b.resourceId === nb.resourceId && b.status === 'active' && b.start < nb.end && nb.start < b.end)
            .reduce((s, b) => s + b.seats, 0);
          if (load + nb.seats > r.capacity) return fail(409, 'conflict', `Ресурс «${r.name}» занят в это время`);
          created.push({ ...nb, id: nb.id ?? randomUUID(), meetingId: nb.meetingId ?? meetingId, createdAt: now(), status: 'active', version: randomUUID().slice(0, 8) });
        }
        tenant.snapshot = { ...snapshot, entities: { ...snapshot.entities, booking: [...existing, ...created] } };
        tenant.changed();
        reply(200, { items: created });
        return;
      }
      case 'bookings/cancel': {
        const b = (list('booking') as unknown as Booking[]).find((x) => x.id === body.bookingId);
        if (!b) return fail(404, 'not-found', 'Бронь не найдена');
        replace('booking', { ...b, status: 'cancelled', version: randomUUID().slice(0, 8) } as Booking);
        reply(200, {});
        return;
      }
      case 'aggregates/apartment-statuses': {
        const counts: Record<string, number> = {};
        for (const a of list('apartment') as unknown as Apartment[]) {
          if (body.projectId && a.projectId !== body.projectId) continue;
          counts[a.status] = (counts[a.status] ?? 0) + 1;
        }
        reply(200, { counts });
        return;
      }
    }
    fail(404, 'not-found', `Метод ${route} не найден`);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    odataUrl: `${origin}/${options.base ?? 'crm1c'}/odata/standard.odata/`,
    server,
    log,
    addTenant,
    setHsFaults: (base, faults) => {
      const t = tenants.get(base);
      if (!t) return;
      t.hsFaults = faults;
      t.hsRandom = prng(faults?.seed ?? 1);
    },
    snapshotOf: (base) => tenants.get(base)?.snapshot,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export { guidFor };
