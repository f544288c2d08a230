/**
 * The `$filter` language as 1C's standard OData interface accepts it: eq ne gt ge lt le, and or
 * not, add sub mul div mod, parentheses, `substringof(needle, field)`, `startswith`, `endswith`,
 * `length`, `indexof`, `substring`, `year` … `second`, literals `'text'` (with `''`), numbers,
 * `true`/`false`/`null`, `guid'…'`, `datetime'…'`. Functions 1C does not implement (`tolower`,
 * `toupper`, `trim`, `concat`, `contains`…) fail with code 21; syntax it does not know (the v4
 * `in` operator) fails with code 14, like the real server.
 */

export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Token =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'guid'; v: string }
  | { t: 'dt'; v: string }
  | { t: 'id'; v: string }
  | { t: 'op'; v: string };

export type Expr =
  | { k: 'lit'; v: unknown }
  | { k: 'prop'; name: string }
  | { k: 'bin'; op: string; l: Expr; r: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'call'; fn: string; args: Expr[] };

const SUPPORTED_FUNCTIONS = new Set(['substringof', 'startswith', 'endswith', 'length', 'indexof', 'substring', 'year', 'month', 'day', 'hour', 'minute', 'second']);
const KNOWN_UNSUPPORTED = new Set(['tolower', 'toupper', 'trim', 'concat', 'contains', 'round', 'floor', 'ceiling', 'replace', 'any', 'all', 'now', 'date', 'time']);

const parseError = (detail: string) => new ODataError(400, '14', `Ошибка разбора опций запроса: ${detail}`);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw parseError('незакрытая строка');
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src[i++];
      }
      out.push({ t: 'str', v: s });
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num && (c === '-' || /\d/.test(c))) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const word = /^[\p{L}_][\p{L}\p{N}_]*(\/[\p{L}_][\p{L}\p{N}_]*)*/u.exec(src.slice(i));
    if (word) {
      const w = word[0];
      i += w.length;
      if ((w === 'guid' || w === 'datetime') && src[i] === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw parseError('незакрытый литерал');
        const v = src.slice(i + 1, end);
        i = end + 1;
        if (w === 'guid') {
          if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) throw parseError(`неверный guid '${v}'`);
          out.push({ t: 'guid', v: v.toLowerCase() });
        } else {
          if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) throw parseError(`неверная дата '${v}'`);
          out.push({ t: 'dt', v: v.length === 16 ? `${v}:00` : v });
        }
        continue;
      }
      out.push({ t: 'id', v: w });
      continue;
    }
    throw parseError(`неожиданный символ '${c}'`);
  }
  return out;
}

const COMPARISON = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const ADDITIVE = new Set(['add', 'sub']);
const MULT = new Set(['mul', 'div', 'mod']);

export function parseFilter(src: string): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isWord = (w: string) => peek()?.t === 'id' && peek()!.v === w;
  const expectOp = (v: string) => {
    const t = toks[p++];
    if (!t || t.t !== 'op' || t.v !== v) throw parseError(`ожидалось '${v}'`);
  };
  const orExpr = (): Expr => {
    let l = andExpr();
    while (isWord('or')) {
      p++;
      l = { k: 'bin', op: 'or', l, r: andExpr() };
    }
    return l;
  };
  const andExpr = (): Expr => {
    let l = notExpr();
    while (isWord('and')) {
      p++;
      l = { k: 'bin', op: 'and', l, r: notExpr() };
    }
    return l;
  };
  const notExpr = (): Expr => {
    if (isWord('not')) {
      p++;
      return { k: 'not', e: notExpr() };
    }
    return cmpExpr();
  };
  const cmpExpr = (): Expr => {
    const l = addExpr();
    const t = peek();
    if (t?.t === 'id' && COMPARISON.has(String(t.v))) {
      p++;
      return { k: 'bin', op: t.v, l, r: addExpr() };
    }
    if (t?.t === 'id' && (t.v === 'in' || t.v === 'has')) throw parseError(`оператор '${t.v}' не поддерживается`);
    return l;
  };
  const addExpr = (): Expr => {
    let l = mulExpr();
    while (peek()?.t === 'id' && ADDITIVE.has(String(peek()!.v))) {
      const op = toks[p++].v as string;
      l = { k: 'bin', op, l, r: mulExpr() };
    }
    return l;
  };
  const mulExpr = (): Expr => {
    let l = primary();
    while (peek()?.t === 'id' && MULT.has(String(peek()!.v))) {
      const op = toks[p++].v as string;
      l = { k: 'bin', op, l, r: primary() };
    }
    return l;
  };
  const primary = (): Expr => {
    const t = toks[p++];
    if (!t) throw parseError('неожиданный конец выражения');
    switch (t.t) {
      case 'str':
      case 'num':
      case 'guid':
      case 'dt':
        return { k: 'lit', v: t.v };
      case 'op':
        if (t.v === '(') {
          const e = orExpr();
          expectOp(')');
          return e;
        }
        throw parseError(`неожиданный '${t.v}'`);
      case 'id': {
        if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
        if (t.v === 'null') return { k: 'lit', v: null };
        if (peek()?.t === 'op' && peek()!.v === '(') {
          const fn = t.v;
          if (!SUPPORTED_FUNCTIONS.has(fn)) {
            if (KNOWN_UNSUPPORTED.has(fn)) throw new ODataError(400, '21', `Вызов нереализованной функции: ${fn}`);
            throw new ODataError(400, '21', `Вызов нереализованной функции: ${fn}`);
          }
          p++;
          const args: Expr[] = [];
          if (!(peek()?.t === 'op' && peek()!.v === ')')) {
            args.push(orExpr());
            while (peek()?.t === 'op' && peek()!.v === ',') {
              p++;
              args.push(orExpr());
            }
          }
          expectOp(')');
          return { k: 'call', fn, args };
        }
        return { k: 'prop', name: t.v };
      }
    }
  };
  const e = orExpr();
  if (p < toks.length) {
    const t = toks[p];
    if (t.t === 'id' && t.v === 'in') throw parseError("оператор 'in' не поддерживается");
    throw parseError(`лишний фрагмент '${String(t.v)}'`);
  }
  return e;
}

/** Properties an expression reads, so unknown ones answer code 10 as 1C does. */
export function propertiesOf(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.k) {
    case 'prop':
      out.add(e.name);
      break;
    case 'bin':
      propertiesOf(e.l, out);
      propertiesOf(e.r, out);
      break;
    case 'not':
      propertiesOf(e.e, out);
      break;
    case 'call':
      for (const a of e.args) propertiesOf(a, out);
      break;
  }
  return out;
}

function cmp(a: unknown, b: unknown): number {
  if (typeof a === 'number' || typeof b === 'number') return Number(a) - Number(b);
  const sa = String(a ?? '');
  const sb = String(b ?? '');
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function eq(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b);
  return String(a).toLowerCase() === String(b).toLowerCase();
}

export function evaluate(e: Expr, row: Record<string, unknown>): unknown {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'prop':
      return row[e.name];
    case 'not':
      return !evaluate(e.e, row);
    case 'bin': {
      if (e.op === 'and') return Boolean(evaluate(e.l, row)) && Boolean(evaluate(e.r, row));
      if (e.op === 'or') return Boolean(evaluate(e.l, row)) || Boolean(evaluate(e.r, row));
      const l = evaluate(e.l, row);
      const r = evaluate(e.r, row);
      switch (e.op) {
        case 'eq':
          return eq(l, r);
        case 'ne':
          return !eq(l, r);
        case 'gt':
          return cmp(l, r) > 0;
        case 'ge':
          return cmp(l, r) >= 0;
        case 'lt':
          return cmp(l, r) < 0;
        case 'le':
          return cmp(l, r) <= 0;
        case 'add':
          return Number(l) + Number(r);
        case 'sub':
          return Number(l) - Number(r);
        case 'mul':
          return Number(l) * Number(r);
        case 'div':
          return Number(l) / Number(r);
        case 'mod':
          return Number(l) % Number(r);
      }
      return false;
    }
    case 'call': {
      const a = e.args.map((x) => evaluate(x, row));
      const s = (i: number) => String(a[i] ?? '');
      switch (e.fn) {
        case 'substringof':
          // 1C: substringof(needle, field); case-insensitive like its LIKE.
          return s(1).toLowerCase().includes(s(0).toLowerCase());
        case 'startswith':
          return s(0).toLowerCase().startsWith(s(1).toLowerCase());
        case 'endswith':
          return s(0).toLowerCase().endsWith(s(1).toLowerCase());
        case 'length':
          return s(0).length;
        case 'indexof':
          return s(0).indexOf(s(1));
        case 'substring':
          return a.length > 2 ? s(0).substr(Number(a[1]), Number(a[2])) : s(0).slice(Number(a[1]));
        case 'year':
          return Number(s(0).slice(0, 4));
        case 'month':
          return Number(s(0).slice(5, 7));
        case 'day':
          return Number(s(0).slice(8, 10));
        case 'hour':
          return Number(s(0).slice(11, 13));
        case 'minute':
          return Number(s(0).slice(14, 16));
        case 'second':
          return Number(s(0).slice(17, 19));
      }
      return undefined;
    }
  }
}
