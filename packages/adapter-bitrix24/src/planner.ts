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
    client.call(src.method, params({ [`>${id}`]: 0 }), signal),
    client.call(src.method, params({}, 'DESC', [id]), signal),
  ]);
  const firstRows = rowsOf(first.result, src.rowsKey);
  const out: Raw[] = [...firstRows];
  onRows?.(out.length);
  if (firstRows.length < PAGE) return out;
  const lastRows = rowsOf(last.result, src.rowsKey);
  const maxId = lastRows.length ? idNum(lastRows[0], id) : Infinity;
  const lowest = idNum(firstRows[0], id);
  const from = idNum(firstRows[firstRows.length - 1], id);
  // Ids per expected page: the first page's span (50 when ids are dense).
  const width = Math.max(PAGE, from - lowest + 1);

  const parts: Raw[][] = [];
  const runRange = async (lo: number, hi: number, slot: number): Promise<void> => {
    // (lo, hi]: ids greater than lo and at most hi.
    let after = lo;
    for (;;) {
      const r = await client.call(src.method, params({ [`>${id}`]: after, [`<=${id}`]: hi }), signal);
      const rows = rowsOf(r.result, src.rowsKey);
      (parts[slot] ??= []).push(...rows);
      onRows?.(out.length + parts.reduce((s, p) => s + (p?.length ?? 0), 0));
      if (rows.length < PAGE) return;
      after = idNum(rows[rows.length - 1], id);
      if (after >= hi) return;
    }
  };
  const jobs: Promise<void>[] = [];
  let slot = 0;
  for (let lo = from; lo < maxId; lo += width) jobs.push(runRange(lo, Math.min(maxId, lo + width), slot++));
  await Promise.all(jobs);
  for (const p of parts) if (p) out.push(...p);
  return out;
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
