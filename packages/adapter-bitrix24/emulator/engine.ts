/**
 * Filter, order, select and rendering, the way Bitrix24 list methods do them:
 * prefixes `>=`, `>`, `<=`, `<`, `=`, `!=`, `!`, `@`, `!@`, `%`, `=%`, `%=`, `!%`, `!=%`, `!%=`;
 * `logic: OR` sub-groups; `order` by any field; `select` with `*`, `UF_*` and multi-fields.
 */
import type { FieldSpec } from './schema.js';
import { ufToCamel } from './schema.js';
import type { Row, Value } from './portal.js';

export type Dialect = 'legacy' | 'item' | 'raw';

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

const PREFIXES = ['!=%', '!%=', '>=', '<=', '!@', '!=', '!%', '=%', '%=', '>', '<', '@', '%', '=', '!'] as const;
type Prefix = (typeof PREFIXES)[number] | '';

export interface Resolver {
  /** Internal (stored) name of a field as the request names it, or undefined when unknown. */
  resolve(name: string): string | undefined;
  type(internal: string): FieldSpec['type'] | 'uf';
}

/** A resolver for a schema in a dialect; `UF_*` / `ufCrm*` names resolve against the portal's user fields. */
export function makeResolver(schema: readonly FieldSpec[], dialect: Dialect, ufNames: readonly string[]): Resolver {
  const byName = new Map<string, string>();
  const types = new Map<string, FieldSpec['type'] | 'uf'>();
  for (const s of schema) {
    types.set(s.name, s.type);
    if (dialect === 'item') {
      if (s.item) byName.set(s.item.toLowerCase(), s.name);
      // crm.item also accepts the original upper-case names in filters.
      byName.set(s.name.toLowerCase(), s.name);
    } else {
      byName.set(s.name.toLowerCase(), s.name);
    }
  }
  for (const uf of ufNames) {
    types.set(uf, 'uf');
    byName.set(uf.toLowerCase(), uf);
    byName.set(ufToCamel(uf).toLowerCase(), uf);
  }
  return {
    resolve: (name) => byName.get(name.toLowerCase()),
    type: (internal) => types.get(internal) ?? 'string',
  };
}

function isDateType(t: string): boolean {
  return t === 'datetime' || t === 'date';
}

/** Parses a date value as Bitrix24 accepts it: ISO 8601, `DD.MM.YYYY[ HH:MM:SS]`, or epoch seconds. */
export function parseDate(v: unknown): number | undefined {
  if (typeof v === 'number') return v > 1e11 ? v : v * 1000;
  if (typeof v !== 'string' || v === '') return undefined;
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  if (ru) {
    const [, d, m, y, hh = '00', mm = '00', ss = '00'] = ru;
    return Date.parse(`${y}-${m}-${d}T${hh}:${mm}:${ss}+03:00`);
  }
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+03:00` : v);
  return Number.isNaN(t) ? undefined : t;
}

function comparable(stored: Value | undefined, type: string): number | string | null {
  if (stored === null || stored === undefined) return null;
  if (typeof stored === 'boolean') return stored ? 'Y' : 'N';
  if (isDateType(type)) {
    // A portal keeps times to the second (and renders them so): compare what it would store.
    if (typeof stored === 'number') return Math.floor(stored / 1000) * 1000;
    return parseDate(stored) ?? null;
  }
  if (typeof stored === 'number') return stored;
  return String(stored);
}

function coerce(v: unknown, like: number | string | null, type: string): number | string | null {
  if (v === null || v === undefined) return null;
  if (isDateType(type)) return parseDate(v) ?? null;
  if (typeof like === 'number') {
    if (typeof v === 'boolean') return v ? 1 : 0;
    const n = Number(v);
    return Number.isNaN(n) ? String(v) : n;
  }
  if (typeof v === 'boolean') return v ? 'Y' : 'N';
  return String(v);
}

function likeToRegExp(pattern: string): RegExp {
  const esc = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${esc}$`, 'i');
}

function testOne(prefix: Prefix, stored: number | string | null, raw: unknown, type: string): boolean {
  const values = Array.isArray(raw) ? raw : [raw];
  const empty = stored === null || stored === '' || stored === 0;
  switch (prefix) {
    case '@':
      return values.some((v) => coerce(v, stored, type) === stored && stored !== null);
    case '!@':
      return !values.some((v) => coerce(v, stored, type) === stored && stored !== null);
    case '%':
      return stored !== null && String(stored).toLowerCase().includes(String(values[0] ?? '').toLowerCase());
    case '!%':
      return !(stored !== null && String(stored).toLowerCase().includes(String(values[0] ?? '').toLowerCase()));
    case '=%':
    case '%=':
      return stored !== null && likeToRegExp(String(values[0] ?? '')).test(String(stored));
    case '!=%':
    case '!%=':
      return !(stored !== null && likeToRegExp(String(values[0] ?? '')).test(String(stored)));
    case '!':
    case '!=': {
      if (Array.isArray(raw)) return !values.some((v) => coerce(v, stored, type) === stored);
      if (raw === false) return !(stored === 'N' || empty);
      if (raw === '' || raw === null) return !empty;
      return coerce(raw, stored, type) !== stored;
    }
    case '>':
    case '>=':
    case '<':
    case '<=': {
      if (stored === null) return false;
      const v = coerce(values[0], stored, type);
      if (v === null) return false;
      if (prefix === '>') return stored > v;
      if (prefix === '>=') return stored >= v;
      if (prefix === '<') return stored < v;
      return stored <= v;
    }
    default: {
      if (Array.isArray(raw)) return values.some((v) => coerce(v, stored, type) === stored && stored !== null);
      // A flag filtered by false / 'N' matches unset values too, as on the portal.
      if (raw === false) return stored === 'N' || empty;
      if (raw === '' || raw === null) return empty;
      return coerce(raw, stored, type) === stored;
    }
  }
}

function multiValues(v: Value | undefined): readonly Value[] | null {
  return Array.isArray(v) ? (v as unknown as readonly Value[]) : null;
}

export type Predicate = (row: Row) => boolean;

/** Compiles a Bitrix24 filter object into a predicate; unknown fields fail like the portal does. */
export function compileFilter(filter: unknown, resolver: Resolver, special?: (key: string, value: unknown) => Predicate | undefined): Predicate {
  if (filter === undefined || filter === null || filter === '') return () => true;
  if (typeof filter !== 'object') throw new RestError(400, 'INVALID_ARG_VALUE', 'Invalid filter');
  const entries = Object.entries(filter as Record<string, unknown>);
  const logic = String((filter as Record<string, unknown>).logic ?? (filter as Record<string, unknown>).LOGIC ?? 'AND').toUpperCase();
  const preds: Predicate[] = [];
  for (const [key, value] of entries) {
    if (key.toLowerCase() === 'logic') continue;
    if (/^\d+$/.test(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      preds.push(compileFilter(value, resolver, special));
      continue;
    }
    const prefix = (PREFIXES.find((p) => key.startsWith(p)) ?? '') as Prefix;
    const name = key.slice(prefix.length);
    const sp = special?.(key, value);
    if (sp) {
      preds.push(sp);
      continue;
    }
    const internal = resolver.resolve(name);
    if (!internal) throw new RestError(400, 'INVALID_ARG_VALUE', `Invalid filter: field '${name}' is not allowed in filter`);
    const type = resolver.type(internal);
    preds.push((row) => {
      const v = row[internal];
      const list = multiValues(v);
      if (list && type !== 'crm_multifield') {
        if (prefix === '!' || prefix === '!=' || prefix === '!@') return list.every((x) => testOne(prefix, comparable(x, type), value, type));
        if (list.length === 0) return testOne(prefix, null, value, type);
        return list.some((x) => testOne(prefix, comparable(x, type), value, type));
      }
      if (type === 'crm_multifield') {
        const vals = (list ?? []).map((m) => (m as unknown as { VALUE: string }).VALUE);
        if (vals.length === 0) return testOne(prefix, null, value, 'string');
        return vals.some((x) => testOne(prefix, x, value, 'string'));
      }
      return testOne(prefix, comparable(v, type), value, type);
    });
  }
  if (logic === 'OR') return (row) => preds.length === 0 || preds.some((p) => p(row));
  return (row) => preds.every((p) => p(row));
}

/** Sorts rows by a Bitrix24 `order` object; ID ascending when none is given. */
export function sortRows(rows: Row[], order: unknown, resolver: Resolver, idField = 'ID'): Row[] {
  const keys: [string, number, string][] = [];
  if (order && typeof order === 'object') {
    for (const [k, dir] of Object.entries(order as Record<string, unknown>)) {
      const internal = resolver.resolve(k);
      if (!internal) throw new RestError(400, 'INVALID_ARG_VALUE', `Invalid order: field '${k}' is not allowed in order`);
      const d = String(dir).toUpperCase();
      if (d !== 'ASC' && d !== 'DESC') throw new RestError(400, 'INVALID_ARG_VALUE', `Invalid order: allowed sort directions are ASC, DESC. But got '${String(dir)}' for field '${k}'`);
      keys.push([internal, d === 'DESC' ? -1 : 1, resolver.type(internal)]);
    }
  }
  if (!keys.some(([k]) => k === idField)) keys.push([idField, 1, 'integer']);
  return rows.sort((a, b) => {
    for (const [k, sign, type] of keys) {
      const va = comparable(a[k], type);
      const vb = comparable(b[k], type);
      if (va === vb) continue;
      if (va === null) return sign;
      if (vb === null) return -sign;
      return (va < vb ? -1 : 1) * sign;
    }
    return 0;
  });
}

/** Formats an instant the way the portal does: `2024-04-25T14:59:11+03:00` (portal zone, whole seconds). */
export function formatDateTime(ms: number, offsetMin = 180): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + offsetMin * 60000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${d.toISOString().slice(0, 19)}${off}`;
}

function formatDate(v: Value | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return formatDateTime(v).slice(0, 10) + 'T00:00:00+03:00';
  return `${String(v).slice(0, 10)}T00:00:00+03:00`;
}

/** Renders one stored value in a dialect. Legacy: every scalar a string (`Y`/`N` for flags). */
export function renderValue(v: Value | undefined, type: string, dialect: Dialect, ufType?: string): unknown {
  if (v === undefined) return null;
  if (type === 'crm_multifield') {
    const list = (v as readonly { ID: number; TYPE_ID: string; VALUE_TYPE: string; VALUE: string }[]) ?? [];
    if (dialect === 'item') return list.map((m) => ({ id: m.ID, typeId: m.TYPE_ID, valueType: m.VALUE_TYPE, value: m.VALUE }));
    return list.map((m) => ({ ID: String(m.ID), VALUE_TYPE: m.VALUE_TYPE, VALUE: m.VALUE, TYPE_ID: m.TYPE_ID }));
  }
  if (Array.isArray(v)) return (v as readonly unknown[]).map((x) => renderValue(x as Value, type, dialect, ufType));
  if (v === null) return dialect === 'legacy' && type !== 'uf' ? null : null;
  if (type === 'datetime' || (type === 'uf' && ufType === 'datetime')) {
    return typeof v === 'number' ? formatDateTime(v) : String(v);
  }
  if (type === 'date' || (type === 'uf' && ufType === 'date')) return formatDate(v);
  if (typeof v === 'boolean') {
    if (type === 'uf') return dialect === 'legacy' ? (v ? '1' : '0') : v ? 'Y' : 'N';
    return v ? 'Y' : 'N';
  }
  if (dialect === 'legacy') return String(v);
  return v;
}

/**
 * Which stored fields a select asks for. Legacy default (empty select): every standard field,
 * no user fields and no multi-fields; `*` the same; `UF_*` every user field; multi-fields by name.
 * crm.item: empty select or `*` returns every field of the item, user fields included.
 */
export function selectFields(select: unknown, schema: readonly FieldSpec[], ufNames: readonly string[], resolver: Resolver, dialect: Dialect): string[] {
  const visible = schema.filter((s) => !s.hidden && s.only !== (dialect === 'item' ? 'legacy' : 'item'));
  const list = Array.isArray(select) ? select.map(String) : typeof select === 'string' && select ? [select] : [];
  if (dialect === 'item' && (list.length === 0 || list.includes('*'))) {
    const out = visible.filter((s) => !s.explicit).map((s) => s.name);
    out.push(...ufNames);
    for (const name of list) {
      const internal = resolver.resolve(name);
      if (internal && !out.includes(internal)) out.push(internal);
    }
    return out;
  }
  const out: string[] = [];
  const add = (n: string) => {
    if (!out.includes(n)) out.push(n);
  };
  if (list.length === 0 || list.includes('*')) for (const s of visible) if (!s.explicit) add(s.name);
  for (const name of list) {
    if (name === '*') continue;
    if (name === 'UF_*' || name === 'uf*') {
      for (const u of ufNames) add(u);
      continue;
    }
    const internal = resolver.resolve(name);
    if (internal && visible.some((s) => s.name === internal)) add(internal);
    else if (internal && ufNames.includes(internal)) add(internal);
  }
  if (!out.includes('ID') && visible.some((s) => s.name === 'ID')) out.unshift('ID');
  return out;
}

export function renderRow(
  row: Row,
  fields: readonly string[],
  schema: readonly FieldSpec[],
  dialect: Dialect,
  ufTypes: ReadonlyMap<string, string>,
  originalUfNames = false,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fields) {
    const spec = schema.find((s) => s.name === name);
    if (spec) {
      const key = dialect === 'item' ? (spec.item ?? name) : name;
      if (name === 'FM') {
        const all = [...((row.PHONE as []) ?? []), ...((row.EMAIL as []) ?? []), ...((row.WEB as []) ?? []), ...((row.IM as []) ?? [])];
        out[key] = renderValue(all, 'crm_multifield', dialect);
        continue;
      }
      out[key] = renderValue(row[name], spec.type, dialect);
    } else if (ufTypes.has(name)) {
      const key = dialect === 'item' && !originalUfNames ? ufToCamel(name) : name;
      const v = row[name];
      out[key] = v === undefined ? (dialect === 'legacy' ? null : null) : renderValue(v, 'uf', dialect, ufTypes.get(name));
      if (dialect === 'legacy' && typeof v === 'number') out[key] = String(v);
    }
  }
  return out;
}
