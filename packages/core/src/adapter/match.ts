import { recordKey } from '../model/common.js';
import type { RecordRef } from '../model/common.js';
import type { Filter, FilterCondition, FilterScalar, ListQuery, ListResult, SortOrder } from './query.js';

/**
 * Evaluates the adapter query language over records in memory. The mock adapter serves
 * everything through it; real adapters use it for the conditions their CRM cannot express.
 */

type Row = object;

/** Reads `field` of a record; `fields.X` reaches a custom field; `bindings` yields record keys. */
export function readField(record: Row, field: string): unknown {
  if (field.startsWith('fields.')) {
    const values = (record as { fields?: Record<string, unknown> }).fields;
    return values?.[field.slice(7)];
  }
  const value = (record as Record<string, unknown>)[field];
  if (field === 'bindings' && Array.isArray(value)) {
    return (value as RecordRef[]).map(recordKey);
  }
  return value;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function asList(v: FilterCondition['value']): readonly FilterScalar[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? (v as readonly FilterScalar[]) : [v as FilterScalar];
}

/** Loose equality that treats `"5"` and `5` alike, since CRMs disagree on id types. */
function same(a: unknown, b: unknown): boolean {
  return a === b || (a !== null && b !== null && a !== undefined && b !== undefined && String(a) === String(b));
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '' && !Number.isNaN(Number(b))) return a - Number(b);
  return String(a).localeCompare(String(b));
}

/**
 * A membership test with the semantics of {@link same}: a `Set` of the values' strings when
 * there are more than a few (a drill-down's `id in [… thousands …]`, activities by linked
 * records), so each record costs one lookup instead of a scan of the list.
 */
function membership(values: readonly unknown[]): (x: unknown) => boolean {
  if (values.length <= 4) return (x) => values.some((y) => same(x, y));
  const strings = new Set<string>();
  let withNull = false;
  let withUndefined = false;
  for (const y of values) {
    if (y === null) withNull = true;
    else if (y === undefined) withUndefined = true;
    else strings.add(String(y));
  }
  return (x) => (x === null ? withNull : x === undefined ? withUndefined : strings.has(String(x)));
}

/** 1 when some value of an array field passes, 0 when none does, -1 when the field is not an array. `bindings` is walked without building its key list. */
function someValue(record: Row, field: string, test: (x: unknown) => boolean): 1 | 0 | -1 {
  if (field === 'bindings') {
    const refs = (record as { bindings?: unknown }).bindings;
    if (Array.isArray(refs)) {
      for (const ref of refs as RecordRef[]) if (test(recordKey(ref))) return 1;
      return 0;
    }
  }
  const v = readField(record, field);
  if (!Array.isArray(v)) return -1;
  for (const x of v) if (test(x)) return 1;
  return 0;
}

type Matcher = (record: Row) => boolean;

/** Compiled conditions, so a filter's value list is indexed once, not once per record. */
const compiled = new WeakMap<FilterCondition, { readonly field: string; readonly op: string; readonly value: unknown; readonly m: Matcher }>();

function compile(c: FilterCondition): Matcher {
  const values = asList(c.value);
  switch (c.op) {
    case 'eq':
    case 'ne':
    case 'in':
    case 'nin':
    case 'has': {
      const target = values[0];
      const test = c.op === 'eq' || c.op === 'ne' ? (x: unknown) => same(x, target) : membership(values);
      const field = c.field;
      switch (c.op) {
        case 'eq':
        case 'in':
          return (r) => {
            const any = someValue(r, field, test);
            return any === -1 ? test(readField(r, field)) : any === 1;
          };
        case 'ne':
        case 'nin':
          return (r) => {
            const any = someValue(r, field, test);
            return any === -1 ? !test(readField(r, field)) : any === 0;
          };
        case 'has':
          return (r) => someValue(r, field, test) === 1;
      }
      break;
    }
    default:
      break;
  }
  return (r) => evaluate(r, c, values);
}

/** The operators without a value list: read the field and compare. */
function evaluate(record: Row, c: FilterCondition, values: readonly FilterScalar[]): boolean {
  const v = readField(record, c.field);
  switch (c.op) {
    case 'empty':
      return isEmpty(v);
    case 'notEmpty':
      return !isEmpty(v);
    case 'eq':
      return Array.isArray(v) ? v.some((x) => same(x, values[0])) : same(v, values[0]);
    case 'ne':
      return Array.isArray(v) ? !v.some((x) => same(x, values[0])) : !same(v, values[0]);
    case 'in':
      return Array.isArray(v) ? v.some((x) => values.some((y) => same(x, y))) : values.some((y) => same(v, y));
    case 'nin':
      return Array.isArray(v) ? !v.some((x) => values.some((y) => same(x, y))) : !values.some((y) => same(v, y));
    case 'has':
      return Array.isArray(v) && v.some((x) => values.some((y) => same(x, y)));
    case 'contains': {
      const needle = String(values[0] ?? '').toLocaleLowerCase();
      if (Array.isArray(v)) return v.some((x) => String(x).toLocaleLowerCase().includes(needle));
      return !isEmpty(v) && String(v).toLocaleLowerCase().includes(needle);
    }
    case 'lt':
      return !isEmpty(v) && compare(v, values[0]) < 0;
    case 'lte':
      return !isEmpty(v) && compare(v, values[0]) <= 0;
    case 'gt':
      return !isEmpty(v) && compare(v, values[0]) > 0;
    case 'gte':
      return !isEmpty(v) && compare(v, values[0]) >= 0;
  }
}

/**
 * Whether a record meets one condition. The condition is compiled on first use (its value
 * list becomes a `Set`), so filtering many records by one query costs one lookup per value
 * read. A condition whose field, operator or value object was replaced is compiled again.
 */
export function matchesCondition(record: Row, c: FilterCondition): boolean {
  let entry = compiled.get(c);
  if (!entry || entry.field !== c.field || entry.op !== c.op || entry.value !== c.value) {
    entry = { field: c.field, op: c.op, value: c.value, m: compile(c) };
    compiled.set(c, entry);
  }
  return entry.m(record);
}

export function matchesFilter(record: Row, filter: Filter | undefined): boolean {
  if (!filter) return true;
  for (const c of filter) if (!matchesCondition(record, c)) return false;
  return true;
}

export function compareBy(order: SortOrder): (a: Row, b: Row) => number {
  const sign = order.direction === 'desc' ? -1 : 1;
  return (a, b) => {
    const va = readField(a, order.field);
    const vb = readField(b, order.field);
    if (isEmpty(va) && isEmpty(vb)) return 0;
    if (isEmpty(va)) return 1;
    if (isEmpty(vb)) return -1;
    return sign * compare(va, vb);
  };
}

/**
 * Applies a whole query to an in-memory list: filter, `modifiedSince`, order, then the page.
 * The cursor is the offset of the next page, which is stable while the list does not change.
 */
export function applyQuery<T extends Row>(records: readonly T[], query: ListQuery = {}): ListResult<T> {
  let rows = records.filter((r) => matchesFilter(r, query.filter));
  if (query.modifiedSince !== undefined) {
    const since = query.modifiedSince;
    rows = rows.filter((r) => {
      const m = (r as { modifiedAt?: number }).modifiedAt;
      return m === undefined || m >= since;
    });
  }
  if (query.order) rows.sort(compareBy(query.order));
  const total = rows.length;
  if (query.limit === undefined) return { items: rows, total };
  const offset = query.cursor ? Number.parseInt(query.cursor, 10) || 0 : 0;
  const items = rows.slice(offset, offset + query.limit);
  const next = offset + items.length;
  return next < total ? { items, total, nextCursor: String(next) } : { items, total };
}
