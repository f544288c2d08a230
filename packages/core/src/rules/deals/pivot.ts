import type { Id } from '../../model/common.js';

/**
 * The registry-conversion pivot on dictionary-encoded columns.
 *
 * A {@link RegistryTable} holds one row per deal in the period: small-integer codes for every
 * grouping column (with a dictionary of values and labels) and typed arrays for the measures.
 * {@link pivotRegistry} groups by up to three (or more) columns with subtotals per level and a
 * total. Group keys are mixed-radix numbers of the codes, looked up in a dense `Int32Array`
 * when the key space is small (the usual case: sellers × products × branches) or in a `Map`
 * otherwise; measures accumulate in `Float64Array`s. No strings are built or hashed per row.
 *
 * Counting rules: every figure counts **distinct deals** (a row is a deal, never a stage move).
 * A column may hold several values per deal (a multiple enumeration, several products): the
 * deal then counts once in each of its groups, and once in every subtotal and in the total.
 */

/** Deal states, by the current stage: still in the first stage, in work, won, lost. */
export const STATE_NEW = 0;
export const STATE_WORK = 1;
export const STATE_WON = 2;
export const STATE_LOST = 3;

/** Kind codes in {@link RegistryTable.kind}: 0 unknown, then new, cross-sale, prolongation. */
export const KIND_CODES = ['', 'new', 'cross-sale', 'prolongation'] as const;

export interface EncodedColumn {
  /** Dimension key (`responsibleId`, `fields.UF_CRM_BRANCH`, `product`, `kind`…). */
  readonly key: string;
  readonly label: string;
  /** Value keys by code; code 0 is always `''`, the empty value. */
  readonly dict: readonly string[];
  /** Display labels by code. */
  readonly labels: readonly string[];
  /** One code per row, for single-valued columns. */
  readonly codes?: Int32Array;
  /** Several codes per row (CSR): row i has `values[offsets[i] .. offsets[i+1])`. */
  readonly offsets?: Int32Array;
  readonly values?: Int32Array;
}

export interface RegistryTable {
  readonly n: number;
  readonly dealIds: readonly Id[];
  /** {@link STATE_NEW} … {@link STATE_LOST}. */
  readonly state: Uint8Array;
  /** 1 when the deal was created within the period. */
  readonly created: Uint8Array;
  /** Index into {@link KIND_CODES}. */
  readonly kind: Uint8Array;
  /** 1 when an explicit kind field disagrees with the product history. */
  readonly disagree: Uint8Array;
  /** The deal's amount when won, else 0. */
  readonly wonSum: Float64Array;
  /** Client index of each row, into `clientLtv` / `clientNewLtv`. */
  readonly client: Int32Array;
  readonly clientLtv: Float64Array;
  readonly clientNewLtv: Float64Array;
  readonly dims: readonly EncodedColumn[];
  /** Products of each row (CSR) with the sum per product row, for "products sold". */
  readonly products?: EncodedColumn & { readonly sums: Float64Array };
}

export interface ProductSold {
  readonly key: string;
  readonly label: string;
  /** Won deals with this product. */
  readonly count: number;
  readonly sum: number;
}

export interface PivotMetrics {
  /** Deals loaded (in the period). */
  readonly loaded: number;
  readonly stillNew: number;
  readonly inWork: number;
  readonly won: number;
  readonly lost: number;
  /** Deals that left the first stage: in work, won or lost. First-call coverage = leftFirst / loaded. */
  readonly leftFirst: number;
  /** Deals created within the period, and how many of them were won. */
  readonly created: number;
  readonly createdWon: number;
  readonly wonSum: number;
  /** Won deals by kind. */
  readonly newSales: number;
  readonly crossSales: number;
  readonly prolongations: number;
  /** Deals whose explicit kind disagrees with the product history. */
  readonly disagreements: number;
  /** Distinct clients, and the sum of their LTVs (all time). LTV per client = ltvSum / clients. */
  readonly clients: number;
  readonly ltvSum: number;
  readonly newLtvSum: number;
  readonly products: readonly ProductSold[];
}

export interface PivotRow {
  /** 1 for the first grouping level. */
  readonly level: number;
  /** Codes of this row's values, one per level down to it. */
  readonly codes: readonly number[];
  readonly keys: readonly string[];
  readonly labels: readonly string[];
  readonly metrics: PivotMetrics;
  readonly children: readonly PivotRow[];
}

export interface PivotResult {
  readonly levels: readonly string[];
  readonly total: PivotMetrics;
  readonly rows: readonly PivotRow[];
}

const M_LOADED = 0;
const M_NEW = 1;
const M_WORK = 2;
const M_WON = 3;
const M_LOST = 4;
const M_CREATED = 5;
const M_CREATED_WON = 6;
const M_WON_SUM = 7;
const M_SALE_NEW = 8;
const M_SALE_CROSS = 9;
const M_SALE_PROL = 10;
const M_DISAGREE = 11;
const M_CLIENTS = 12;
const M_LTV = 13;
const M_NEW_LTV = 14;
const METRICS = 15;

/** Accumulators for one grouping level: `METRICS` Float64 values per slot, growable. */
class Accumulator {
  data: Float64Array;
  keys: Float64Array;
  size = 0;
  private dense?: Int32Array;
  private sparse?: Map<number, number>;

  constructor(keySpace: number, expected: number) {
    const cap = Math.max(16, Math.min(expected, keySpace));
    this.data = new Float64Array(cap * METRICS);
    this.keys = new Float64Array(cap);
    if (keySpace <= 1 << 22) this.dense = new Int32Array(keySpace).fill(-1);
    else this.sparse = new Map();
  }

  slot(key: number): number {
    if (this.dense) {
      const s = this.dense[key] as number;
      if (s >= 0) return s;
      return (this.dense[key] = this.add(key));
    }
    const map = this.sparse as Map<number, number>;
    const s = map.get(key);
    if (s !== undefined) return s;
    const created = this.add(key);
    map.set(key, created);
    return created;
  }

  private add(key: number): number {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
      const data = new Float64Array(this.data.length * 2);
      data.set(this.data);
      this.data = data;
    }
    this.keys[this.size] = key;
    return this.size++;
  }
}

function rowValues(col: EncodedColumn, i: number, out: number[]): void {
  out.length = 0;
  if (col.codes) out.push(col.codes[i] as number);
  else {
    const offsets = col.offsets as Int32Array;
    const values = col.values as Int32Array;
    const a = offsets[i] as number;
    const b = offsets[i + 1] as number;
    if (a === b) out.push(0);
    else for (let j = a; j < b; j++) out.push(values[j] as number);
  }
}

interface LevelResult {
  acc: Accumulator;
  strides: number[];
  cards: number[];
  products: Map<number, [number, number]>;
}

/**
 * Accumulates one level (the first `depth` dims of `cols`); depth 0 is the total. Two passes:
 * first every (row, group) pair is assigned its slot (one pair per row for single-valued
 * columns), then the measures are added in one tight loop over the pairs, and distinct clients
 * are counted by walking rows in client order.
 */
function accumulateLevel(table: RegistryTable, cols: readonly EncodedColumn[], depth: number, clientOrder: Int32Array): LevelResult {
  const n = table.n;
  const cards = cols.slice(0, depth).map((c) => c.dict.length);
  const strides: number[] = new Array(depth);
  let space = 1;
  for (let j = depth - 1; j >= 0; j--) {
    strides[j] = space;
    space *= cards[j] as number;
  }
  const acc = new Accumulator(space, depth === 0 ? 1 : Math.min(n, 4096));
  const single = cols.slice(0, depth).every((c) => c.codes !== undefined);
  const pairStart = new Int32Array(n + 1);
  let pairRow: Int32Array;
  let pairSlot: Int32Array;
  let pairs = 0;

  // Pass 1: slots.
  if (depth === 0 || single) {
    pairRow = new Int32Array(n);
    pairSlot = new Int32Array(n);
    if (depth === 0) acc.slot(0);
    const codes = cols.slice(0, depth).map((c) => c.codes as Int32Array);
    const c0 = codes[0];
    const s0 = strides[0] ?? 0;
    for (let i = 0; i < n; i++) {
      let key = 0;
      if (depth > 0) {
        key = (c0 as Int32Array)[i]! * s0;
        for (let j = 1; j < depth; j++) key += (codes[j] as Int32Array)[i]! * (strides[j] as number);
        pairSlot[i] = acc.slot(key);
      }
      pairRow[i] = i;
      pairStart[i] = i;
    }
    pairs = n;
  } else {
    let cap = Math.max(16, n * 2);
    pairRow = new Int32Array(cap);
    pairSlot = new Int32Array(cap);
    const lists: number[][] = cols.slice(0, depth).map(() => []);
    const idx = new Array<number>(depth).fill(0);
    for (let i = 0; i < n; i++) {
      pairStart[i] = pairs;
      for (let j = 0; j < depth; j++) rowValues(cols[j] as EncodedColumn, i, lists[j] as number[]);
      idx.fill(0);
      // Cartesian product of the row's values, each combination once.
      for (;;) {
        let key = 0;
        for (let j = 0; j < depth; j++) key += (lists[j] as number[])[idx[j] as number]! * (strides[j] as number);
        if (pairs === cap) {
          cap *= 2;
          const r = new Int32Array(cap);
          r.set(pairRow);
          pairRow = r;
          const sl = new Int32Array(cap);
          sl.set(pairSlot);
          pairSlot = sl;
        }
        pairRow[pairs] = i;
        pairSlot[pairs++] = acc.slot(key);
        let j = depth - 1;
        while (j >= 0 && (idx[j] as number) + 1 >= (lists[j] as number[]).length) idx[j--] = 0;
        if (j < 0) break;
        idx[j] = (idx[j] as number) + 1;
      }
    }
  }
  pairStart[n] = pairs;

  // Pass 2: measures.
  const { state, created, kind, disagree, wonSum } = table;
  const d = acc.data;
  for (let p = 0; p < pairs; p++) {
    const i = pairRow[p] as number;
    const o = (pairSlot[p] as number) * METRICS;
    const st = state[i] as number;
    d[o + M_LOADED]! += 1;
    d[o + M_NEW + st]! += 1;
    if (created[i]) {
      d[o + M_CREATED]! += 1;
      if (st === STATE_WON) d[o + M_CREATED_WON]! += 1;
    }
    if (st === STATE_WON) {
      d[o + M_WON_SUM]! += wonSum[i] as number;
      const k = kind[i] as number;
      if (k > 0) d[o + M_SALE_NEW + k - 1]! += 1;
    }
    if (disagree[i]) d[o + M_DISAGREE]! += 1;
  }

  // Products sold (won deals only).
  const prodCol = table.products;
  const products = new Map<number, [number, number]>();
  if (prodCol) {
    const pCard = prodCol.dict.length;
    const offsets = prodCol.offsets as Int32Array;
    const values = prodCol.values as Int32Array;
    for (let p = 0; p < pairs; p++) {
      const i = pairRow[p] as number;
      if (state[i] !== STATE_WON) continue;
      const slot = pairSlot[p] as number;
      for (let j = offsets[i] as number; j < (offsets[i + 1] as number); j++) {
        const key = slot * pCard + (values[j] as number);
        const cell = products.get(key);
        if (cell) {
          cell[0] += 1;
          cell[1] += prodCol.sums[j] as number;
        } else products.set(key, [1, prodCol.sums[j] as number]);
      }
    }
  }

  // Distinct clients per slot: walk rows grouped by client and mark each slot once per client.
  const mark = new Int32Array(acc.size).fill(-1);
  for (let r = 0; r < n; r++) {
    const i = clientOrder[r] as number;
    const c = table.client[i] as number;
    for (let p = pairStart[i] as number; p < (pairStart[i + 1] as number); p++) {
      const slot = pairSlot[p] as number;
      if (mark[slot] === c) continue;
      mark[slot] = c;
      const o = slot * METRICS;
      d[o + M_CLIENTS]! += 1;
      d[o + M_LTV]! += table.clientLtv[c] as number;
      d[o + M_NEW_LTV]! += table.clientNewLtv[c] as number;
    }
  }
  return { acc, strides, cards, products };
}

/** Row indices ordered by client (counting sort), for distinct-client counting. */
function orderByClient(table: RegistryTable): Int32Array {
  const n = table.n;
  const clients = table.clientLtv.length;
  const counts = new Int32Array(clients + 1);
  for (let i = 0; i < n; i++) counts[(table.client[i] as number) + 1]!++;
  for (let c = 0; c < clients; c++) counts[c + 1]! += counts[c] as number;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[counts[table.client[i] as number]!++] = i;
  return order;
}

const NO_PRODUCTS: ProductSold[] = [];

function metricsOf(level: LevelResult, slot: number, prodCol: RegistryTable['products']): PivotMetrics {
  const d = level.acc.data;
  const o = slot * METRICS;
  const v = (m: number) => d[o + m] as number;
  const products: ProductSold[] = prodCol ? [] : NO_PRODUCTS;
  if (prodCol) {
    const pCard = prodCol.dict.length;
    for (let p = 1; p < pCard; p++) {
      const cell = level.products.get(slot * pCard + p);
      if (cell) products.push({ key: prodCol.dict[p] as string, label: prodCol.labels[p] as string, count: cell[0], sum: cell[1] });
    }
    products.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  }
  const stillNew = v(M_NEW);
  const loaded = v(M_LOADED);
  return {
    loaded,
    stillNew,
    inWork: v(M_WORK),
    won: v(M_WON),
    lost: v(M_LOST),
    leftFirst: loaded - stillNew,
    created: v(M_CREATED),
    createdWon: v(M_CREATED_WON),
    wonSum: v(M_WON_SUM),
    newSales: v(M_SALE_NEW),
    crossSales: v(M_SALE_CROSS),
    prolongations: v(M_SALE_PROL),
    disagreements: v(M_DISAGREE),
    clients: v(M_CLIENTS),
    ltvSum: v(M_LTV),
    newLtvSum: v(M_NEW_LTV),
    products,
  };
}

/** Measure names in the order of {@link PivotColumns.data}'s stride. */
export const PIVOT_MEASURES = [
  'loaded',
  'stillNew',
  'inWork',
  'won',
  'lost',
  'created',
  'createdWon',
  'wonSum',
  'newSales',
  'crossSales',
  'prolongations',
  'disagreements',
  'clients',
  'ltvSum',
  'newLtvSum',
] as const;

/**
 * One grouping level as columns, without a single object per group: what a table engine
 * returns from a group-by. `codes[j][g]` is group g's code at level j; `data[g * measures + m]`
 * its measure m (see {@link PIVOT_MEASURES}). The tree of {@link pivotRegistry} is built from it.
 */
export interface PivotColumns {
  readonly size: number;
  readonly codes: readonly Int32Array[];
  readonly data: Float64Array;
  readonly measures: number;
}

/** The deepest level of a group-by over the given dimensions, as columns (no subtotals, no objects per group). */
export function pivotColumns(table: RegistryTable, levels: readonly number[]): PivotColumns {
  const cols = levels.map((l) => {
    const c = table.dims[l];
    if (!c) throw new RangeError(`pivot: no dimension ${l}`);
    return c;
  });
  const level = accumulateLevel(table, cols, cols.length, orderByClient(table));
  const size = level.acc.size;
  const codes = cols.map(() => new Int32Array(size));
  for (let s = 0; s < size; s++) {
    const key = level.acc.keys[s] as number;
    for (let j = 0; j < cols.length; j++) (codes[j] as Int32Array)[s] = Math.floor(key / (level.strides[j] as number)) % (level.cards[j] as number);
  }
  return { size, codes, data: level.acc.data.subarray(0, size * METRICS), measures: METRICS };
}

export interface PivotOptions {
  /** Compute every level with subtotals (default) or only the deepest level and the total. */
  readonly subtotals?: boolean;
}

/**
 * Groups the table by the given dimension indices (outermost first) with subtotals and a total.
 * Rows at each level are sorted by deals loaded (descending), then label; the empty value last.
 */
export function pivotRegistry(table: RegistryTable, levels: readonly number[], options: PivotOptions = {}): PivotResult {
  const cols = levels.map((l) => {
    const c = table.dims[l];
    if (!c) throw new RangeError(`pivot: no dimension ${l}`);
    return c;
  });
  const order = orderByClient(table);
  const totalLevel = accumulateLevel(table, cols, 0, order);
  const total = metricsOf(totalLevel, 0, table.products);
  const depthList = options.subtotals === false ? (cols.length ? [cols.length] : []) : cols.map((_, i) => i + 1);
  const byLevel = new Map<number, Map<number, { row: PivotRow; children: PivotRow[] }>>();
  for (const depth of depthList) {
    const level = accumulateLevel(table, cols, depth, order);
    const map = new Map<number, { row: PivotRow; children: PivotRow[] }>();
    for (let s = 0; s < level.acc.size; s++) {
      const key = level.acc.keys[s] as number;
      const codes: number[] = [];
      for (let j = 0; j < depth; j++) codes.push(Math.floor(key / (level.strides[j] as number)) % (level.cards[j] as number));
      const children: PivotRow[] = [];
      const row: PivotRow = {
        level: depth,
        codes,
        keys: codes.map((c, j) => (cols[j] as EncodedColumn).dict[c] as string),
        labels: codes.map((c, j) => (cols[j] as EncodedColumn).labels[c] as string),
        metrics: metricsOf(level, s, table.products),
        children,
      };
      map.set(key, { row, children });
    }
    byLevel.set(depth, map);
  }
  const sortRows = (rows: PivotRow[]) =>
    rows.sort(
      (a, b) =>
        Number(a.codes[a.codes.length - 1] === 0) - Number(b.codes[b.codes.length - 1] === 0) ||
        b.metrics.loaded - a.metrics.loaded ||
        (a.labels[a.labels.length - 1] ?? '').localeCompare(b.labels[b.labels.length - 1] ?? ''),
    );
  // Link each level to its parent level by the prefix of codes.
  const top: PivotRow[] = [];
  const depths = [...byLevel.keys()].sort((a, b) => a - b);
  for (const depth of depths) {
    const map = byLevel.get(depth) as Map<number, { row: PivotRow; children: PivotRow[] }>;
    const parentDepth = depths[depths.indexOf(depth) - 1];
    for (const { row } of map.values()) {
      if (parentDepth === undefined) {
        top.push(row);
        continue;
      }
      const parentMap = byLevel.get(parentDepth) as Map<number, { row: PivotRow; children: PivotRow[] }>;
      let pkey = 0;
      let stride = 1;
      for (let j = parentDepth - 1; j >= 0; j--) {
        pkey += (row.codes[j] as number) * stride;
        stride *= (cols[j] as EncodedColumn).dict.length;
      }
      parentMap.get(pkey)?.children.push(row);
    }
  }
  const sortTree = (rows: PivotRow[]) => {
    sortRows(rows);
    for (const r of rows) sortTree(r.children as PivotRow[]);
  };
  sortTree(top);
  return { levels: cols.map((c) => c.key), total, rows: top };
}

/** Measures a cell can drill into. `product:<key>` selects won deals with that product. */
export const CELL_METRICS = [
  'loaded',
  'stillNew',
  'leftFirst',
  'inWork',
  'won',
  'lost',
  'created',
  'createdWon',
  'newSales',
  'crossSales',
  'prolongations',
  'disagreements',
] as const;
export type CellMetric = (typeof CELL_METRICS)[number] | `product:${string}`;

function rowHas(col: EncodedColumn, i: number, code: number): boolean {
  if (col.codes) return col.codes[i] === code;
  const offsets = col.offsets as Int32Array;
  const values = col.values as Int32Array;
  const a = offsets[i] as number;
  const b = offsets[i + 1] as number;
  if (a === b) return code === 0;
  for (let j = a; j < b; j++) if (values[j] === code) return true;
  return false;
}

/**
 * The deals behind one cell: the rows whose values at each level match `codes` (a prefix of the
 * pivot's levels; empty for the total) and that the measure counts.
 */
export function registryCellDeals(table: RegistryTable, levels: readonly number[], codes: readonly number[], metric: CellMetric): Id[] {
  const cols = levels.slice(0, codes.length).map((l) => table.dims[l] as EncodedColumn);
  const productCode = metric.startsWith('product:') && table.products ? table.products.dict.indexOf(metric.slice(8)) : -1;
  const out: Id[] = [];
  for (let i = 0; i < table.n; i++) {
    let ok = true;
    for (let j = 0; j < cols.length && ok; j++) ok = rowHas(cols[j] as EncodedColumn, i, codes[j] as number);
    if (!ok) continue;
    const st = table.state[i] as number;
    const k = KIND_CODES[table.kind[i] as number];
    let take: boolean;
    switch (metric) {
      case 'loaded':
        take = true;
        break;
      case 'stillNew':
        take = st === STATE_NEW;
        break;
      case 'leftFirst':
        take = st !== STATE_NEW;
        break;
      case 'inWork':
        take = st === STATE_WORK;
        break;
      case 'won':
        take = st === STATE_WON;
        break;
      case 'lost':
        take = st === STATE_LOST;
        break;
      case 'created':
        take = table.created[i] === 1;
        break;
      case 'createdWon':
        take = table.created[i] === 1 && st === STATE_WON;
        break;
      case 'newSales':
        take = st === STATE_WON && k === 'new';
        break;
      case 'crossSales':
        take = st === STATE_WON && k === 'cross-sale';
        break;
      case 'prolongations':
        take = st === STATE_WON && k === 'prolongation';
        break;
      case 'disagreements':
        take = table.disagree[i] === 1;
        break;
      default:
        take = st === STATE_WON && productCode > 0 && table.products !== undefined && rowHas(table.products, i, productCode);
    }
    if (take) out.push(table.dealIds[i] as Id);
  }
  return out;
}

/**
 * Builds an encoded column from per-row value lists (dedupes values within a row). Pass `single`
 * (one value per row) for a single-valued field: it skips the per-row arrays, which matters at
 * 250,000 rows.
 */
export function encodeColumn(
  key: string,
  label: string,
  n: number,
  valuesOf: (i: number) => readonly string[],
  labelOf: (value: string) => string,
  emptyLabel = '—',
  single?: (i: number) => string | undefined,
): EncodedColumn {
  const index = new Map<string, number>([['', 0]]);
  const dict: string[] = [''];
  const labels: string[] = [emptyLabel];
  const code = (v: string) => {
    let c = index.get(v);
    if (c === undefined) {
      c = dict.length;
      index.set(v, c);
      dict.push(v);
      labels.push(labelOf(v));
    }
    return c;
  };
  if (single) {
    // Fast path: one value per row, no per-row arrays.
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = single(i);
      codes[i] = v === undefined || v === '' ? 0 : code(v);
    }
    return { key, label, dict, labels, codes };
  }
  const lists: (readonly string[])[] = new Array(n);
  let multi = false;
  for (let i = 0; i < n; i++) {
    const vs = valuesOf(i);
    lists[i] = vs;
    if (vs.length > 1) multi = true;
  }
  if (!multi) {
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = (lists[i] as readonly string[])[0];
      codes[i] = v === undefined || v === '' ? 0 : code(v);
    }
    return { key, label, dict, labels, codes };
  }
  const offsets = new Int32Array(n + 1);
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    offsets[i] = values.length;
    const seen = new Set<number>();
    for (const v of lists[i] as readonly string[]) {
      if (v === '') continue;
      const c = code(v);
      if (!seen.has(c)) {
        seen.add(c);
        values.push(c);
      }
    }
  }
  offsets[n] = values.length;
  return { key, label, dict, labels, offsets, values: Int32Array.from(values) };
}

/** First-call coverage: share of loaded deals that left the first stage (0 when none loaded). */
export function coverage(m: PivotMetrics): number {
  return m.loaded ? m.leftFirst / m.loaded : 0;
}

/** Conversion of deals created in the period: createdWon / created. */
export function conversionCreated(m: PivotMetrics): number {
  return m.created ? m.createdWon / m.created : 0;
}

/** Overall conversion: won / loaded. */
export function conversionOverall(m: PivotMetrics): number {
  return m.loaded ? m.won / m.loaded : 0;
}

/** Average LTV of the group's distinct clients. */
export function ltvPerClient(m: PivotMetrics, newProductsOnly = false): number {
  return m.clients ? (newProductsOnly ? m.newLtvSum : m.ltvSum) / m.clients : 0;
}

/** The insurer's norm and goal for first-call coverage. */
export const COVERAGE_NORM = 0.9;
export const COVERAGE_GOAL = 1;
