import type { Filter, SortOrder } from '../adapter/query.js';

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
      .join(',')}}`;
  }
  return v === undefined ? 'null' : JSON.stringify(v);
}

/**
 * The cache key of a query: which records (filter), which fields and in what order. Paging
 * (`limit`, `cursor`) and `modifiedSince` are how a list is fetched, not which list it is, so
 * they are left out. Conditions are kept in the caller's order (`a AND b` and `b AND a` are
 * two keys for the same list, a harmless miss); `fields` are sorted, since their order never
 * changes the records.
 */
export function queryKey(query: { readonly filter?: Filter; readonly fields?: readonly string[]; readonly order?: SortOrder } = {}): string {
  const { filter, fields, order } = query;
  return stable({
    filter: filter && filter.length > 0 ? filter : undefined,
    fields: fields ? [...fields].sort() : undefined,
    order,
  });
}
