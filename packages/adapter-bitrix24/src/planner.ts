/**
 * Request planning. Lists come 50 rows a page and `batch` carries 50 commands, so one request
 * can bring 2,500 rows. A full scan uses the documented fast mode (order by ID, filter on ID,
 * `start=-1`, no COUNT) and splits the ID space into ranges that travel together:
 *
 * 1. One request carries two commands: the first page (lowest 50 ids) and the highest id.
 * 2. The first page's id span estimates density; the rest of the id space is cut into ranges
 *    expected to hold ≤ 50 rows each (50 ids wide when ids are dense) and all ranges are issued
 *    at once; the REST client packs them 50 to a batch.
 * 3. A range that came back full (50 rows) continues after its last id (chaining by ID).
 *
 * With dense ids, N records cost 1 + ceil((N − 50) / 2500) requests ≤ ceil(N/2500) + 2.
 */
import type { RestClient } from './rest-client.js';
import type { Raw } from './mapping.js';

export const PAGE = 50;

export interface ListSource {
  readonly method: string;
  /** Fixed parameters (`entityTypeId`, `useOriginalUfNames`). */
  readonly base?: Record<string, unknown>;
  /** The id field as this method names it in filter/order/select (`ID` or `id`). */
  readonly idField: string;
  /** Where the rows are in `result`: the array itself, or `result.items` / `.documents`. */
  readonly rowsKey?: 'items' | 'documents' | 'categories';
  /** Methods that do not accept `start=-1` use classic paging. */
  readonly noFastMode?: boolean;
}

export function rowsOf(result: unknown, key: ListSource['rowsKey']): Raw[] {
  if (key) {
    const inner = (result as Record<string, unknown> | null)?.[key];
    return Array.isArray(inner) ? (inner as Raw[]) : [];
  }
  return Array.isArray(result) ? (result as Raw[]) : [];
}

function idNum(row: Raw, idField: string): number {
  return Number(row[idField] ?? row.ID ?? row.id);
}

export interface ScanOptions {
  readonly signal?: AbortSignal;
  readonly onRows?: (loaded: number) => void;
}

/** Every row matching `filter`, by ID ranges in batches. Rows come back in ascending id order. */
export async function scanAll(client: RestClient, src: ListSource, filter: Record<string, unknown>, select: readonly string[] | undefined, options: ScanOptions = {}): Promise<Raw[]> {
  const { signal, onRows } = options;
  const id = src.idField;
  const params = (extra: Record<string, unknown>, order: 'ASC' | 'DESC' = 'ASC', sel = select): Record<string, unknown> => ({
    ...src.base,
    order: { [id]: order },
    filter: { ...filter, ...extra },
    ...(sel ? { select: sel } : {}),
    start: -1,
  });

  if (src.noFastMode) return pageAll(client, src, filter, select, options);

  const [first, last] = await Promise.all([
    // The caller's own lower bound (a refresh's "ids above the last highest") is kept.
    client.call(src.method, params({ [`>${id}`]: Number(filter[`>${id}`] ?? 0) }), signal),
    client.call(src.method, params({}, 'DESC', [id]), signal),
  ]);
  const firstRows = rowsOf(first.result, src.rowsKey);
  const out: Raw[] = [...firstRows];
  onRows?.(out.length);
  if (firstRows.length < PAGE) return out;
  const lastRows = rowsOf(last.result, src.rowsKey);
  // No highest id (the rows went in between): nothing beyond the first page to plan.
  if (!lastRows.length) return out;
  const maxId = idNum(lastRows[0], id);
  const lowest = idNum(firstRows[0], id);
  const from = idNum(firstRows[firstRows.length - 1], id);
  const width = rangeWidth(from - lowest + 1, lastRows.length >= PAGE && idNum(lastRows[lastRows.length - 1], id) > from ? maxId - idNum(lastRows[lastRows.length - 1], id) + 1 : 0);

  const ranges: [number, number][] = [];
  for (let lo = from; lo < maxId; lo += width) ranges.push([lo, Math.min(maxId, lo + width)]);
  const rest = await scanRanges(client, src, filter, select, ranges, { signal, onRows: onRows && ((n) => onRows(out.length + n)) });
  return out.concat(rest);
}

/**
 * Values of one `@field` filter per command. A filter naming thousands of values (the deals of
 * 20,000 contacts) would make every command of its scan carry them all; and PHP parses each
 * command's query string under `max_input_vars` (1,000 by default), so 500 leave room for the
 * rest of the command.
 */
export const IN_CHUNK = 500;

/**
 * {@link scanAll}, with a long `@field` value list split into chunks of {@link IN_CHUNK} scanned
 * side by side (their commands share batches). For a single-valued field the chunks' rows are
 * disjoint. Rows come back in ascending id order.
 */
export async function scanAllChunked(client: RestClient, src: ListSource, filter: Record<string, unknown>, select: readonly string[] | undefined, options: ScanOptions = {}): Promise<Raw[]> {
  const long = Object.entries(filter).find(([k, v]) => k.startsWith('@') && Array.isArray(v) && v.length > IN_CHUNK);
  if (!long) return scanAll(client, src, filter, select, options);
  const [key, values] = long as [string, unknown[]];
  const { signal, onRows } = options;
  const loaded: number[] = [];
  const chunks: unknown[][] = [];
  for (let i = 0; i < values.length; i += IN_CHUNK) chunks.push(values.slice(i, i + IN_CHUNK));
  const parts = await Promise.all(
    chunks.map((chunk, i) =>
      scanAll(client, src, { ...filter, [key]: chunk, ...(key === `@${src.idField}` ? idSpan(chunk, src.idField) : {}) }, select, {
        signal,
        onRows: (n) => {
          loaded[i] = n;
          onRows?.(loaded.reduce((a, b) => a + (b ?? 0), 0));
        },
      }),
    ),
  );
  return parts.flat().sort((a, b) => idNum(a, src.idField) - idNum(b, src.idField));
}

/**
 * The `>=ID` / `<=ID` span of a list of ids, so a command over them reads (and a COUNT visits) a
 * primary-key range rather than the whole table. None when an id is not a positive integer.
 */
export function idSpan(ids: readonly unknown[], idField: string): Record<string, number> {
  const nums = ids.map(Number);
  if (!nums.length || !nums.every((n) => Number.isInteger(n) && n > 0)) return {};
  return { [`>=${idField}`]: Math.min(...nums), [`<=${idField}`]: Math.max(...nums) };
}

/**
 * Ids per range, from the spans of the lowest and the highest 50 ids (`highSpan` 0 when
 * unknown). Dense ids (both spans 50): 50 ids, exactly one full page each. Sparse ids (another
 * activity type's ids in between, deleted records): ranges expected to hold 45 rows, so that
 * few come back full and need a follow-up command for a handful of rows; aiming at 50 made
 * about every second range overflow (1,266 commands for 935 pages of activities measured on
 * the generator's default portal).
 */
export function rangeWidth(lowSpan: number, highSpan = 0): number {
  const spans = highSpan > 0 ? lowSpan + highSpan : lowSpan;
  const rows = highSpan > 0 ? 2 * PAGE : PAGE;
  if (spans <= rows) return PAGE;
  return Math.max(PAGE, Math.floor((45 * spans) / rows));
}

/**
 * Rows of every id range `(lo, hi]` at once (the client packs 50 commands to a batch); a range
 * that comes back full continues after its last id. Rows come back in range order.
 */
export async function scanRanges(client: RestClient, src: ListSource, filter: Record<string, unknown>, select: readonly string[] | undefined, ranges: readonly (readonly [number, number])[], options: ScanOptions = {}): Promise<Raw[]> {
  const { signal, onRows } = options;
  const id = src.idField;
  const parts: Raw[][] = [];
  let loaded = 0;
  const runRange = async (lo: number, hi: number, slot: number): Promise<void> => {
    let after = lo;
    for (;;) {
      const r = await client.call(src.method, { ...src.base, order: { [id]: 'ASC' }, filter: { ...filter, [`>${id}`]: after, [`<=${id}`]: hi }, ...(select ? { select } : {}), start: -1 }, signal);
      const rows = rowsOf(r.result, src.rowsKey);
      (parts[slot] ??= []).push(...rows);
      loaded += rows.length;
      onRows?.(loaded);
      if (rows.length < PAGE) return;
      after = idNum(rows[rows.length - 1], id);
      if (after >= hi) return;
    }
  };
  await Promise.all(ranges.map(([lo, hi], slot) => runRange(lo, hi, slot)));
  return parts.flatMap((p) => p ?? []);
}

/**
 * Every row matching a narrow filter (one client's activities), chained by ID: the first page is
 * `>ID 0` (or the filter's own lower bound) in fast mode (order by ID, `start=-1`, no COUNT), and
 * only a full page of 50 asks the next one after its last id. One command for a filter matching
 * fewer than 50 rows, so the REST client packs many such filters (50 clients) into one batch;
 * {@link scanAll} would add a command for the highest id to each.
 */
export async function chainById(client: RestClient, src: ListSource, filter: Record<string, unknown>, select: readonly string[] | undefined, options: ScanOptions = {}): Promise<Raw[]> {
  const { signal, onRows } = options;
  const id = src.idField;
  const out: Raw[] = [];
  let after = Number(filter[`>${id}`] ?? 0);
  for (;;) {
    const r = await client.call(src.method, { ...src.base, order: { [id]: 'ASC' }, filter: { ...filter, [`>${id}`]: after }, ...(select ? { select } : {}), start: -1 }, signal);
    const rows = rowsOf(r.result, src.rowsKey);
    out.push(...rows);
    onRows?.(out.length);
    if (rows.length < PAGE) return out;
    const last = idNum(rows[rows.length - 1], id);
    if (!(last > after)) return out;
    after = last;
  }
}

/** Ids per deletion-check range: a changed range is rescanned by one batch of 50 pages of 50 ids. */
export const RANGE_IDS = 2500;

/** One id range `(lo, hi]` of an {@link IdIndex}: how many ids it held and which. */
export interface IdRange {
  readonly lo: number;
  readonly hi: number;
  readonly ids: readonly number[];
}

/** The ids a list matched at the last scan, cut into ranges of {@link RANGE_IDS}. */
export interface IdIndex {
  readonly ranges: readonly IdRange[];
  /** The highest id seen: Bitrix24 ids only grow, so new records are all above it. */
  readonly maxId: number;
}

/** Cuts ascending ids into ranges of `size` ids; the first range starts at 0. */
export function buildIdIndex(ids: readonly number[], size = RANGE_IDS, floor = 0): IdIndex {
  const ranges: IdRange[] = [];
  let lo = floor;
  for (let i = 0; i < ids.length; i += size) {
    const chunk = ids.slice(i, i + size);
    const hi = chunk[chunk.length - 1];
    ranges.push({ lo, hi, ids: chunk });
    lo = hi;
  }
  return { ranges, maxId: ids.length ? ids[ids.length - 1] : floor };
}

/**
 * Subranges counted per level when a range's count changed. Each count also returns a page of up
 * to 50 ids, which the portal charges like any rows, so one deletion in 2,500 ids costs about 50
 * rows per command: five a level (5 of 500, 5 of 100, 2 of 50: 12 commands, ~600 rows, three
 * rounds) reads fewer than ten (10 of 250, 5 of 50: 15 commands, ~750 rows, two rounds).
 */
const NARROW_FAN = 5;

/**
 * The live ids of a range whose count changed: counted in {@link NARROW_FAN} subranges of its
 * known ids, recursing into the subranges whose count differs; a subrange of at most one page
 * (50 ids) is listed. Every range at a level is asked at once, so the REST client packs them into
 * batches. A subrange whose count is unchanged keeps its known ids: the caller's known ids
 * include every record that could have entered it (see `ListIdsOptions.knownIds` in core).
 */
async function narrowDown(client: RestClient, src: ListSource, filter: Record<string, unknown>, range: IdRange, signal?: AbortSignal): Promise<number[]> {
  const id = src.idField;
  if (range.ids.length <= PAGE) {
    const rows = await scanRanges(client, src, filter, [id], [[range.lo, range.hi]], { signal });
    return rows.map((row) => idNum(row, id));
  }
  const size = Math.max(PAGE, Math.ceil(range.ids.length / NARROW_FAN));
  const parts: IdRange[] = [];
  let lo = range.lo;
  for (let i = 0; i < range.ids.length; i += size) {
    const ids = range.ids.slice(i, i + size);
    const hi = i + size >= range.ids.length ? range.hi : ids[ids.length - 1];
    parts.push({ lo, hi, ids });
    lo = hi;
  }
  const live = await Promise.all(
    parts.map((q) =>
      client.call(src.method, { ...src.base, filter: { ...filter, [`>${id}`]: q.lo, [`<=${id}`]: q.hi }, order: { [id]: 'ASC' }, select: [id], start: 0 }, signal).then((res) => {
        const rows = rowsOf(res.result, src.rowsKey);
        return { total: res.total ?? rows.length, rows };
      }),
    ),
  );
  const out = await Promise.all(
    parts.map((q, i) => {
      const { total, rows } = live[i];
      if (total === q.ids.length) return q.ids.slice();
      // The count's first page already holds every id of a subrange of at most one page.
      if (total <= PAGE && rows.length === total) return rows.map((row) => idNum(row, id));
      return narrowDown(client, src, filter, q, signal);
    }),
  );
  return out.flat();
}

export interface IdRefresh {
  readonly index: IdIndex;
  /** Ranges whose count differed and were scanned again (tests, benchmarks). */
  readonly rescanned: number;
}

/**
 * Finds deletions without scanning every id. Ids only grow, so in a range below the last
 * highest id the count can only have dropped (deleted, no longer visible or no longer matching).
 * One batch of 50 commands asks the COUNT (`start=0`, `total`) of 50 ranges; a range whose count
 * differs from the index is narrowed down by counts (see `narrowDown`), and only the pages of
 * 50 old ids whose count differs are scanned again.
 * Ids above the old highest id (new records) are scanned in fast mode, in the same requests.
 *
 * For 85,000 ids in 34 ranges with a few deletions: 1 request of counts, then a few of subrange
 * counts and one of pages (the tail rides along), instead of 34 for a full id scan.
 */
export async function refreshIdIndex(client: RestClient, src: ListSource, filter: Record<string, unknown>, index: IdIndex, options: ScanOptions = {}): Promise<IdRefresh> {
  const { signal } = options;
  const id = src.idField;
  const counts = index.ranges.map((r) =>
    client.call(src.method, { ...src.base, filter: { ...filter, [`>${id}`]: r.lo, [`<=${id}`]: r.hi }, select: [id], start: 0 }, signal).then((res) => res.total ?? rowsOf(res.result, src.rowsKey).length),
  );
  const tail = scanAll(client, src, { ...filter, [`>${id}`]: index.maxId }, [id], { signal });
  const live = await Promise.all(counts);
  const changed = index.ranges.filter((r, i) => live[i] !== r.ids.length);
  // A changed range is narrowed down by counts, five subranges at a time, until what differs is a
  // page of 50 known ids: one deletion costs ~12 commands and ~600 ids read, not 50 and 2,500.
  const narrowed = await Promise.all(changed.map((r) => narrowDown(client, src, filter, r, signal)));
  const rescanned = new Map<IdRange, number[]>(changed.map((r, i) => [r, narrowed[i]]));
  const tailIds = (await tail).map((row) => idNum(row, id));
  const ids: number[] = [];
  for (const r of index.ranges) ids.push(...(rescanned.get(r) ?? r.ids));
  for (const t of tailIds) ids.push(t);
  // Unchanged ranges keep their bounds; a rebuild only when the ranges got too uneven.
  const keep = changed.length === 0 ? index.ranges.slice() : undefined;
  const next = keep ? { ranges: [...keep, ...buildIdIndex(tailIds, RANGE_IDS, index.maxId).ranges], maxId: tailIds.length ? tailIds[tailIds.length - 1] : index.maxId } : buildIdIndex(ids);
  return { index: next, rescanned: changed.length };
}

/** Classic paging for methods without fast mode: the first page tells `total`, the rest go at once. */
export async function pageAll(client: RestClient, src: ListSource, filter: Record<string, unknown>, select: readonly string[] | undefined, options: ScanOptions = {}): Promise<Raw[]> {
  const { signal, onRows } = options;
  const params = (start: number): Record<string, unknown> => ({
    ...src.base,
    ...(Object.keys(filter).length ? { filter } : {}),
    ...(select ? { select } : {}),
    start,
  });
  const first = await client.call(src.method, params(0), signal);
  const out = rowsOf(first.result, src.rowsKey);
  onRows?.(out.length);
  const total = first.total ?? out.length;
  if (first.next === undefined || out.length >= total) return out;
  const rest = await Promise.all(
    Array.from({ length: Math.ceil((total - PAGE) / PAGE) }, (_, i) => client.call(src.method, params((i + 1) * PAGE), signal)),
  );
  for (const r of rest) out.push(...rowsOf(r.result, src.rowsKey));
  onRows?.(out.length);
  return out;
}
