/**
 * Columnar encoding of record lists for the cache (and for Web Worker input).
 *
 * Why: reading 50,000 deals back from IndexedDB as 50,000 records costs ~500 ms of structured
 * cloning; as one array value ~100 ms; as a few typed arrays and long strings 5–40 ms, because
 * the browser copies a typed array or a string as one block of bytes. So a dataset is stored as
 * columns, Apache Arrow style, derived generically from the records' shape:
 *
 * - numbers (timestamps, amounts) → `Float64Array`;
 * - booleans → `Uint8Array`;
 * - low-cardinality strings (stage ids, currencies, kinds, responsible ids) → a dictionary of
 *   distinct strings + `Uint32Array` codes;
 * - high-cardinality strings (ids, titles) → one long string + `Uint32Array` end offsets;
 * - arrays (contactIds, bindings, comms) → `Uint32Array` offsets + one child column of elements;
 * - nested objects (`fields`, `booking`, binding refs) → one child column per key;
 * - keys present in few rows, or values of mixed types → one JSON string column (or, if a value
 *   cannot survive JSON exactly, e.g. a nested `undefined`, a structured-clone array).
 *
 * Each column may carry a `Uint8Array` of presence codes per row (0 missing key, 1 value,
 * 2 `undefined`, 3 `null`), so "key absent" and "key: undefined" both survive. The encoding is
 * lossless for plain data (tested on every entity of the model); object key order follows
 * first appearance across the rows, and array holes decode as `undefined`.
 */

/** Presence codes, one per row, when a column has rows without a plain value. */
export const PRESENCE = { missing: 0, value: 1, undefined: 2, null: 3 } as const;
const MISSING = PRESENCE.missing;
const VALUE = PRESENCE.value;
const UNDEF = PRESENCE.undefined;
const NULL = PRESENCE.null;

/** Many short strings as one string and end offsets: cloned as two blocks, sliced on read. */
export interface StringTable {
  readonly text: string;
  readonly ends: Uint32Array;
}

interface ColumnBase {
  /** Presence code per row; absent when every row holds a value. */
  readonly p?: Uint8Array;
}
export interface F64Column extends ColumnBase {
  readonly t: 'f64';
  readonly v: Float64Array;
}
export interface BoolColumn extends ColumnBase {
  readonly t: 'bool';
  readonly v: Uint8Array;
}
export interface StrColumn extends ColumnBase {
  readonly t: 'str';
  readonly s: StringTable;
}
export interface DictColumn extends ColumnBase {
  readonly t: 'dict';
  /** Distinct values, as one string table (an array of many strings clones slowly). */
  readonly d: StringTable;
  readonly c: Uint32Array;
}
export interface ListColumn extends ColumnBase {
  readonly t: 'list';
  /** Row i's elements are child rows `o[i] … o[i+1]-1`; length n + 1. */
  readonly o: Uint32Array;
  readonly child: Column;
}
export interface StructColumn extends ColumnBase {
  readonly t: 'struct';
  readonly keys: readonly string[];
  readonly cols: readonly Column[];
  /** Rarely present keys of each row as one object (JSON or clone column); absent when none. */
  readonly rest?: Column;
}
export interface JsonColumn extends ColumnBase {
  readonly t: 'json';
  readonly s: StringTable;
}
export interface CloneColumn extends ColumnBase {
  readonly t: 'clone';
  readonly v: readonly unknown[];
}
export type Column = F64Column | BoolColumn | StrColumn | DictColumn | ListColumn | StructColumn | JsonColumn | CloneColumn;

/** Version of the encoding itself; part of the cache's schema version. */
export const COLUMNAR_FORMAT = 1;

/** A list of records as columns: what one cache chunk stores. */
export interface ColumnarChunk {
  readonly format: typeof COLUMNAR_FORMAT;
  /** Number of records. */
  readonly n: number;
  readonly root: StructColumn;
}

export interface EncodeOptions {
  /** A key present in fewer than `n / sparseRatio` rows goes to the row's JSON rest. Default 16. */
  readonly sparseRatio?: number;
  /** Strings become a dictionary when distinct values ≤ `n × dictRatio`. Default 0.5. */
  readonly dictRatio?: number;
}

const hasOwn = Object.prototype.hasOwnProperty;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** True when JSON.parse(JSON.stringify(v)) gives back exactly v. */
function jsonSafe(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object':
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!(i in v) || !jsonSafe(v[i])) return false;
        return true;
      }
      if (!isPlainObject(v)) return false;
      if (Object.getPrototypeOf(v) === null) return false;
      for (const k of Object.keys(v)) if (!jsonSafe(v[k]) || k === '__proto__') return false;
      return true;
    default:
      return false;
  }
}

export function makeStringTable(strings: readonly string[]): StringTable {
  const ends = new Uint32Array(strings.length);
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    at += strings[i].length;
    ends[i] = at;
  }
  return { text: strings.join(''), ends };
}

export function readStringTable(table: StringTable): string[] {
  const { text, ends } = table;
  const out = new Array<string>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i];
    out[i] = text.slice(start, end);
    start = end;
  }
  return out;
}

type Kind = 'number' | 'string' | 'boolean' | 'array' | 'object' | 'other';

function kindOf(v: unknown): Kind {
  const t = typeof v;
  if (t === 'number' || t === 'string' || t === 'boolean') return t as Kind;
  if (Array.isArray(v)) return 'array';
  if (isPlainObject(v) && Object.getPrototypeOf(v) !== null) return 'object';
  return 'other';
}

/**
 * Encodes one column from `values` (length n) and the presence codes the caller computed
 * (`undefined` when every row holds a value).
 */
function encodeColumn(values: readonly unknown[], p: Uint8Array | undefined, opts: Required<EncodeOptions>): Column {
  const n = values.length;
  let kind: Kind | undefined;
  let mixed = false;
  for (let i = 0; i < n; i++) {
    if (p && p[i] !== VALUE) continue;
    const k = kindOf(values[i]);
    if (kind === undefined) kind = k;
    else if (k !== kind) {
      mixed = true;
      break;
    }
  }
  const base = p ? { p } : {};
  if (mixed || kind === 'other') return encodeOpaque(values, p);
  switch (kind) {
    case undefined:
    case 'number': {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) if (!p || p[i] === VALUE) v[i] = values[i] as number;
      return { t: 'f64', v, ...base };
    }
    case 'boolean': {
      const v = new Uint8Array(n);
      for (let i = 0; i < n; i++) if (!p || p[i] === VALUE) v[i] = values[i] ? 1 : 0;
      return { t: 'bool', v, ...base };
    }
    case 'string': {
      const dict = new Map<string, number>();
      const limit = Math.max(16, Math.floor(n * opts.dictRatio));
      const c = new Uint32Array(n);
      let useDict = true;
      for (let i = 0; i < n; i++) {
        if (p && p[i] !== VALUE) continue;
        const s = values[i] as string;
        let code = dict.get(s);
        if (code === undefined) {
          code = dict.size;
          if (code >= limit) {
            useDict = false;
            break;
          }
          dict.set(s, code);
        }
        c[i] = code;
      }
      if (useDict) return { t: 'dict', d: makeStringTable([...dict.keys()]), c, ...base };
      const strings = new Array<string>(n);
      for (let i = 0; i < n; i++) strings[i] = !p || p[i] === VALUE ? (values[i] as string) : '';
      return { t: 'str', s: makeStringTable(strings), ...base };
    }
    case 'array': {
      const o = new Uint32Array(n + 1);
      const flat: unknown[] = [];
      let childP: Uint8Array | undefined;
      let total = 0;
      for (let i = 0; i < n; i++) {
        o[i] = total;
        if (p && p[i] !== VALUE) continue;
        total += (values[i] as unknown[]).length;
      }
      o[n] = total;
      flat.length = total;
      let at = 0;
      for (let i = 0; i < n; i++) {
        if (p && p[i] !== VALUE) continue;
        const arr = values[i] as unknown[];
        for (let j = 0; j < arr.length; j++, at++) {
          const el = arr[j];
          flat[at] = el;
          if (el === undefined || el === null) {
            childP ??= new Uint8Array(total).fill(VALUE);
            childP[at] = el === null ? NULL : UNDEF;
          }
        }
      }
      return { t: 'list', o, child: encodeColumn(flat, childP, opts), ...base };
    }
    case 'object':
      return encodeStruct(values as readonly Record<string, unknown>[], p, opts);
  }
}

/** Mixed or exotic values: one JSON string per row, or the values themselves when JSON would lose something. */
function encodeOpaque(values: readonly unknown[], p: Uint8Array | undefined): Column {
  const n = values.length;
  const base = p ? { p } : {};
  let safe = true;
  for (let i = 0; i < n && safe; i++) if (!p || p[i] === VALUE) safe = jsonSafe(values[i]);
  if (!safe) {
    const v = new Array<unknown>(n);
    for (let i = 0; i < n; i++) v[i] = !p || p[i] === VALUE ? values[i] : undefined;
    return { t: 'clone', v, ...base };
  }
  const strings = new Array<string>(n);
  for (let i = 0; i < n; i++) strings[i] = !p || p[i] === VALUE ? JSON.stringify(values[i]) : '';
  return { t: 'json', s: makeStringTable(strings), ...base };
}

function encodeStruct(
  rows: readonly Record<string, unknown>[],
  p: Uint8Array | undefined,
  opts: Required<EncodeOptions>,
): StructColumn {
  const n = rows.length;
  // Keys in first-appearance order, with how many rows carry each.
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (p && p[i] !== VALUE) continue;
    const row = rows[i];
    for (const k in row) if (hasOwn.call(row, k)) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const keys: string[] = [];
  const restKeys = new Set<string>();
  const present = p ? p.reduce((s, c) => s + (c === VALUE ? 1 : 0), 0) : n;
  for (const [k, count] of counts) {
    if (count * opts.sparseRatio < present || k === '__proto__') restKeys.add(k);
    else keys.push(k);
  }
  const cols: Column[] = [];
  const values = new Array<unknown>(n);
  for (const key of keys) {
    let cp: Uint8Array | undefined;
    for (let i = 0; i < n; i++) {
      let code: number = VALUE;
      if (p && p[i] !== VALUE) code = MISSING;
      else {
        const row = rows[i];
        const v = row[key];
        if (v === undefined) code = hasOwn.call(row, key) ? UNDEF : MISSING;
        else if (v === null) code = NULL;
        values[i] = v;
      }
      if (code !== VALUE) {
        cp ??= new Uint8Array(n).fill(VALUE);
        cp[i] = code;
        values[i] = undefined;
      }
    }
    cols.push(encodeColumn(values, cp, opts));
  }
  let rest: Column | undefined;
  if (restKeys.size > 0) {
    const restValues = new Array<unknown>(n);
    const rp = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (p && p[i] !== VALUE) continue;
      const row = rows[i];
      let obj: Record<string, unknown> | undefined;
      for (const k of restKeys) {
        if (hasOwn.call(row, k)) {
          if (!obj) obj = {};
          if (k === '__proto__') Object.defineProperty(obj, k, { value: row[k], enumerable: true, writable: true, configurable: true });
          else obj[k] = row[k];
        }
      }
      if (obj) {
        rp[i] = VALUE;
        restValues[i] = obj;
      }
    }
    rest = encodeOpaque(restValues, rp);
  }
  return { t: 'struct', keys, cols, ...(rest ? { rest } : {}), ...(p ? { p } : {}) };
}

/** Encodes records (plain objects) as columns. */
export function encodeColumns(records: readonly object[], options: EncodeOptions = {}): ColumnarChunk {
  const opts: Required<EncodeOptions> = { sparseRatio: options.sparseRatio ?? 16, dictRatio: options.dictRatio ?? 0.5 };
  for (let i = 0; i < records.length; i++) {
    if (!isPlainObject(records[i])) throw new TypeError(`encodeColumns: record ${i} is not a plain object`);
  }
  return { format: COLUMNAR_FORMAT, n: records.length, root: encodeStruct(records as Record<string, unknown>[], undefined, opts) };
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Values of a column, one per row; non-value rows hold `undefined` or `null` per their code. */
function decodeColumn(col: Column, n: number): unknown[] {
  const out = new Array<unknown>(n);
  const p = col.p;
  switch (col.t) {
    case 'f64': {
      const v = col.v;
      for (let i = 0; i < n; i++) out[i] = v[i];
      break;
    }
    case 'bool': {
      const v = col.v;
      for (let i = 0; i < n; i++) out[i] = v[i] === 1;
      break;
    }
    case 'dict': {
      const d = readStringTable(col.d);
      const c = col.c;
      for (let i = 0; i < n; i++) out[i] = d[c[i]];
      break;
    }
    case 'str': {
      const { text, ends } = col.s;
      let start = 0;
      for (let i = 0; i < n; i++) {
        const end = ends[i];
        out[i] = text.slice(start, end);
        start = end;
      }
      break;
    }
    case 'json': {
      const { text, ends } = col.s;
      let start = 0;
      for (let i = 0; i < n; i++) {
        const end = ends[i];
        if (!p || p[i] === VALUE) out[i] = JSON.parse(text.slice(start, end));
        start = end;
      }
      break;
    }
    case 'clone':
      for (let i = 0; i < n; i++) out[i] = col.v[i];
      break;
    case 'list': {
      const o = col.o;
      const flat = decodeColumn(col.child, o[n]);
      for (let i = 0; i < n; i++) if (!p || p[i] === VALUE) out[i] = flat.slice(o[i], o[i + 1]);
      break;
    }
    case 'struct':
      decodeStructInto(col, n, out);
      break;
  }
  if (p) for (let i = 0; i < n; i++) if (p[i] !== VALUE) out[i] = p[i] === NULL ? null : undefined;
  return out;
}

/**
 * Writes a flat column with a value in every row straight into the row objects, without an
 * intermediate array (the common case of the top-level columns). False for other kinds.
 */
function assignFlat(rows: Record<string, unknown>[], key: string, col: Column, n: number): boolean {
  switch (col.t) {
    case 'f64': {
      const v = col.v;
      for (let i = 0; i < n; i++) rows[i][key] = v[i];
      return true;
    }
    case 'bool': {
      const v = col.v;
      for (let i = 0; i < n; i++) rows[i][key] = v[i] === 1;
      return true;
    }
    case 'dict': {
      const d = readStringTable(col.d);
      const c = col.c;
      for (let i = 0; i < n; i++) rows[i][key] = d[c[i]];
      return true;
    }
    case 'str': {
      const { text, ends } = col.s;
      let start = 0;
      for (let i = 0; i < n; i++) {
        const end = ends[i];
        rows[i][key] = text.slice(start, end);
        start = end;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * Builds the rows of a struct column row by row. Rows that carry every column's key start as a
 * spread copy of a template with all keys, so they share one hidden class with in-object
 * fields (measured about twice as fast as adding keys column by column); other rows are built
 * key by key. Simple columns are read straight from their typed arrays.
 */
function decodeStructInto(col: StructColumn, n: number, out: unknown[]): void {
  const p = col.p;
  const { keys, cols } = col;
  if (keys.includes('__proto__')) {
    decodeStructByColumn(col, n, out);
    return;
  }
  const m = keys.length;
  const kinds = new Uint8Array(m);
  const f64: (Float64Array | undefined)[] = new Array(m);
  const u8: (Uint8Array | undefined)[] = new Array(m);
  const codes: (Uint32Array | undefined)[] = new Array(m);
  const tables: (string[] | undefined)[] = new Array(m);
  const texts: string[] = new Array(m);
  const ends: (Uint32Array | undefined)[] = new Array(m);
  const values: (unknown[] | undefined)[] = new Array(m);
  const presence: (Uint8Array | undefined)[] = new Array(m);
  const withPresence: number[] = [];
  const template: Record<string, unknown> = {};
  for (let k = 0; k < m; k++) {
    const c = cols[k];
    template[keys[k]] = undefined;
    presence[k] = c.p;
    if (c.p) withPresence.push(k);
    switch (c.t) {
      case 'f64':
        kinds[k] = 0;
        f64[k] = c.v;
        break;
      case 'bool':
        kinds[k] = 1;
        u8[k] = c.v;
        break;
      case 'dict':
        kinds[k] = 2;
        tables[k] = readStringTable(c.d);
        codes[k] = c.c;
        break;
      case 'str':
        kinds[k] = 3;
        texts[k] = c.s.text;
        ends[k] = c.s.ends;
        break;
      default:
        kinds[k] = 4;
        values[k] = decodeColumn(c, n);
    }
  }
  const np = withPresence.length;
  // One template per shape (which optional keys a row has), for up to 24 optional columns.
  const shapes = np <= 24 ? new Map<number, Record<string, unknown>>() : undefined;
  for (let i = 0; i < n; i++) {
    if (p && p[i] !== VALUE) {
      out[i] = p[i] === NULL ? null : undefined;
      continue;
    }
    let o: Record<string, unknown>;
    if (shapes) {
      let mask = 0;
      for (let j = 0; j < np; j++) if ((presence[withPresence[j]] as Uint8Array)[i] !== MISSING) mask |= 1 << j;
      let shape = shapes.get(mask);
      if (shape === undefined) {
        shape = {};
        for (let k = 0, j = 0; k < m; k++) {
          if (presence[k]) {
            if (((mask >>> j++) & 1) === 0) continue;
          }
          shape[keys[k]] = undefined;
        }
        shapes.set(mask, shape);
      }
      o = { ...shape };
    } else {
      let full = true;
      for (let j = 0; j < np; j++) {
        if ((presence[withPresence[j]] as Uint8Array)[i] === MISSING) {
          full = false;
          break;
        }
      }
      o = full ? { ...template } : {};
    }
    for (let k = 0; k < m; k++) {
      const cp = presence[k];
      const code = cp ? cp[i] : VALUE;
      if (code === MISSING) continue;
      let v: unknown;
      if (code !== VALUE) v = code === NULL ? null : undefined;
      else {
        switch (kinds[k]) {
          case 0:
            v = (f64[k] as Float64Array)[i];
            break;
          case 1:
            v = (u8[k] as Uint8Array)[i] === 1;
            break;
          case 2:
            v = (tables[k] as string[])[(codes[k] as Uint32Array)[i]];
            break;
          case 3: {
            const e = ends[k] as Uint32Array;
            v = texts[k].slice(i === 0 ? 0 : e[i - 1], e[i]);
            break;
          }
          default:
            v = (values[k] as unknown[])[i];
        }
      }
      o[keys[k]] = v;
    }
    out[i] = o;
  }
  if (col.rest) {
    const rest = decodeColumn(col.rest, n) as (Record<string, unknown> | undefined)[];
    for (let i = 0; i < n; i++) {
      const r = rest[i];
      const row = out[i] as Record<string, unknown> | undefined;
      if (r && row) for (const k of Object.keys(r)) setOwn(row, k, r[k]);
    }
  }
}

function decodeStructByColumn(col: StructColumn, n: number, out: unknown[]): void {
  const p = col.p;
  for (let i = 0; i < n; i++) out[i] = !p || p[i] === VALUE ? {} : undefined;
  const rows = out as Record<string, unknown>[];
  const { keys, cols } = col;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const c = cols[k];
    const cp = c.p;
    if (key !== '__proto__' && !p && !cp && assignFlat(rows, key, c, n)) continue;
    const values = decodeColumn(c, n);
    if (key === '__proto__') {
      for (let i = 0; i < n; i++) if (rows[i] && (!cp || cp[i] !== MISSING)) setOwn(rows[i], key, values[i]);
    } else if (!cp && !p) {
      for (let i = 0; i < n; i++) rows[i][key] = values[i];
    } else {
      for (let i = 0; i < n; i++) if (rows[i] && (!cp || cp[i] !== MISSING)) rows[i][key] = values[i];
    }
  }
  if (col.rest) {
    const rest = decodeColumn(col.rest, n) as (Record<string, unknown> | undefined)[];
    for (let i = 0; i < n; i++) {
      const r = rest[i];
      if (r && rows[i]) for (const k of Object.keys(r)) setOwn(rows[i], k, r[k]);
    }
  }
}

/** Decodes a chunk back to records, equal to the encoded ones. */
export function decodeColumns<T = Record<string, unknown>>(chunk: ColumnarChunk): T[] {
  const out = new Array<unknown>(chunk.n);
  decodeStructInto(chunk.root, chunk.n, out);
  return out as T[];
}

/** Structural check of untrusted stored data, so a garbage value is caught before decoding. */
export function isColumnarChunk(v: unknown): v is ColumnarChunk {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Partial<ColumnarChunk>;
  return c.format === COLUMNAR_FORMAT && typeof c.n === 'number' && c.n >= 0 && isColumn(c.root, c.n) && c.root?.t === 'struct';
}

/** Every code of a row with a value points into the dictionary. */
function codesWithin(codes: Uint32Array, size: number, p: Uint8Array | undefined): boolean {
  for (let i = 0; i < codes.length; i++) if (codes[i] >= size && (!p || p[i] === VALUE)) return false;
  return true;
}

function isColumn(v: unknown, n: number): v is Column {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Column;
  if (c.p !== undefined && !(c.p instanceof Uint8Array && c.p.length === n)) return false;
  const table = (s: StringTable | undefined): boolean =>
    !!s && typeof s.text === 'string' && s.ends instanceof Uint32Array && s.ends.length === n && (n === 0 || s.ends[n - 1] <= s.text.length);
  switch (c.t) {
    case 'f64':
      return c.v instanceof Float64Array && c.v.length === n;
    case 'bool':
      return c.v instanceof Uint8Array && c.v.length === n;
    case 'str':
    case 'json':
      return table(c.s);
    case 'dict':
      return (
        typeof c.d === 'object' &&
        c.d !== null &&
        typeof c.d.text === 'string' &&
        c.d.ends instanceof Uint32Array &&
        c.c instanceof Uint32Array &&
        c.c.length === n &&
        codesWithin(c.c, c.d.ends.length, c.p)
      );
    case 'clone':
      return Array.isArray(c.v) && c.v.length === n;
    case 'list':
      return c.o instanceof Uint32Array && c.o.length === n + 1 && isColumn(c.child, c.o[n]);
    case 'struct':
      return (
        Array.isArray(c.keys) &&
        Array.isArray(c.cols) &&
        c.keys.length === c.cols.length &&
        c.cols.every((x) => isColumn(x, n)) &&
        (c.rest === undefined || isColumn(c.rest, n))
      );
    default:
      return false;
  }
}

/**
 * A top-level column by key, for code that computes from columns directly (a worker task, a
 * first paint that needs only counts) without building records.
 */
export function getColumn(chunk: ColumnarChunk, key: string): Column | undefined {
  const i = chunk.root.keys.indexOf(key);
  return i < 0 ? undefined : chunk.root.cols[i];
}

/** Typed arrays and other transferable buffers inside a chunk, for `postMessage` transfer lists. */
export function chunkTransferables(chunk: ColumnarChunk): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | undefined): void => {
    if (a && a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  };
  const walk = (c: Column): void => {
    add(c.p);
    switch (c.t) {
      case 'f64':
      case 'bool':
        add(c.v);
        break;
      case 'str':
      case 'json':
        add(c.s.ends);
        break;
      case 'dict':
        add(c.c);
        add(c.d.ends);
        break;
      case 'list':
        add(c.o);
        walk(c.child);
        break;
      case 'struct':
        c.cols.forEach(walk);
        if (c.rest) walk(c.rest);
        break;
      case 'clone':
        break;
    }
  };
  walk(chunk.root);
  return [...out];
}

/** One top-level field of a dataset across its chunks, ready for typed-array code. */
export type ColumnValues =
  /** Numbers; rows without a number (missing, undefined, null, or another type) are NaN. */
  | { readonly kind: 'number'; readonly values: Float64Array }
  /**
   * Strings as codes into one dictionary (merged across chunks); rows without a string have
   * code `0xffffffff`. High-cardinality string columns are dictionary-coded here too.
   */
  | { readonly kind: 'string'; readonly dictionary: readonly string[]; readonly codes: Uint32Array }
  /** Anything else, decoded per row (`undefined` where the key is missing). */
  | { readonly kind: 'values'; readonly values: readonly unknown[] };

/** Code of a row without a value in a string {@link ColumnValues}. */
export const NO_CODE = 0xffffffff;

/**
 * Reads one top-level field of a dataset without building records: the first paint of a big
 * list (counts, sums, classes) can start from these typed arrays, or send them to a worker.
 */
export function readColumn(chunks: readonly ColumnarChunk[], key: string): ColumnValues {
  const n = chunks.reduce((s, c) => s + c.n, 0);
  const cols = chunks.map((c) => getColumn(c, key));
  // Columns whose rows are all missing/undefined/null say nothing about the type.
  const present = cols.filter((c): c is Column => c !== undefined && (!c.p || c.p.includes(VALUE)));
  if (present.length > 0 && present.every((c) => c.t === 'f64' || c.t === 'bool')) {
    const values = new Float64Array(n).fill(Number.NaN);
    let at = 0;
    chunks.forEach((chunk, j) => {
      const c = cols[j];
      if (c && (c.t === 'f64' || c.t === 'bool')) {
        for (let i = 0; i < chunk.n; i++) if (!c.p || c.p[i] === VALUE) values[at + i] = c.v[i];
      }
      at += chunk.n;
    });
    if (present.every((c) => c.t === 'f64')) return { kind: 'number', values };
  }
  if (present.length > 0 && present.every((c) => c.t === 'dict' || c.t === 'str')) {
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = new Uint32Array(n).fill(NO_CODE);
    const codeOf = (s: string): number => {
      let code = index.get(s);
      if (code === undefined) {
        code = dictionary.length;
        dictionary.push(s);
        index.set(s, code);
      }
      return code;
    };
    let at = 0;
    chunks.forEach((chunk, j) => {
      const c = cols[j];
      if (c?.t === 'dict') {
        const remap = readStringTable(c.d).map(codeOf);
        for (let i = 0; i < chunk.n; i++) if (!c.p || c.p[i] === VALUE) codes[at + i] = remap[c.c[i]];
      } else if (c?.t === 'str') {
        const strings = readStringTable(c.s);
        for (let i = 0; i < chunk.n; i++) if (!c.p || c.p[i] === VALUE) codes[at + i] = codeOf(strings[i]);
      }
      at += chunk.n;
    });
    return { kind: 'string', dictionary, codes };
  }
  const values: unknown[] = [];
  chunks.forEach((chunk, j) => {
    const c = cols[j];
    const part = c ? decodeColumn(c, chunk.n) : new Array<unknown>(chunk.n);
    for (let i = 0; i < part.length; i++) values.push(part[i]);
  });
  return { kind: 'values', values };
}
