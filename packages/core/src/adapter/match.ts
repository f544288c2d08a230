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

export function matchesCondition(record: Row, c: FilterCondition): boolean {
  const v = readField(record, c.field);
  const values = asList(c.value);
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
