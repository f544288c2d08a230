/**
 * Core filters → 1C `$filter` text, only in the subset 1C accepts: eq/ne/gt/ge/lt/le, and/or/not,
 * `substringof(needle, field)`, `guid'…'`, `datetime'…'`. No `in` (an `in` list becomes `or`
 * terms, split across requests so no URL exceeds the limit), no `tolower`. Conditions 1C cannot
 * express are left to the caller, which re-checks every record with core's `matchesFilter`.
 */
import type { FilterCondition, FilterScalar } from './core.js';
import { EMPTY_DATE, EMPTY_GUID, instantToWallClock } from './convert.js';
import type { FieldKind } from './kinds.js';

export interface FieldTarget {
  readonly property: string;
  readonly kind: FieldKind;
  readonly enumMap?: Readonly<Record<string, string>>;
}

/** One compiled condition: a clause, an `or` list to split, or `never` (matches nothing). */
export type Compiled = { readonly clause: string } | { readonly anyOf: readonly string[] } | { readonly never: true } | undefined;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** 1C literal(s) of a core value for a field; an empty list when no 1C value can be equal. */
export function literals(target: FieldTarget, value: FilterScalar, timeZone: string): string[] {
  switch (target.kind) {
    case 'ref':
    case 'refs':
      return GUID.test(String(value)) ? [`guid'${String(value).toLowerCase()}'`] : [];
    case 'instant':
      return typeof value === 'number' ? [`datetime'${instantToWallClock(value, timeZone)}'`] : [];
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? [`datetime'${String(value)}T00:00:00'`] : [];
    case 'number': {
      const n = Number(value);
      return Number.isFinite(n) ? [String(n)] : [];
    }
    case 'boolean':
      return [String(value === true || value === 'true')];
    case 'enum': {
      const names = Object.entries(target.enumMap ?? {})
        .filter(([, core]) => core === String(value))
        .map(([name]) => name);
      return names.map((n) => (n === 'true' || n === 'false' ? n : quote(n)));
    }
    case 'clock':
      return [];
    default:
      return [quote(String(value))];
  }
}

const CMP: Record<string, string> = { lt: 'lt', lte: 'le', gt: 'gt', gte: 'ge' };

function emptyLiteral(kind: FieldKind): string | undefined {
  switch (kind) {
    case 'ref':
      return `guid'${EMPTY_GUID}'`;
    case 'instant':
    case 'date':
      return `datetime'${EMPTY_DATE}'`;
    case 'string':
    case 'enum':
      return "''";
    default:
      return undefined;
  }
}

/** Compiles one condition on a resolved field; undefined when 1C cannot express it. */
export function compileCondition(c: FilterCondition, target: FieldTarget, timeZone: string): Compiled {
  const p = target.property;
  const values = Array.isArray(c.value) ? (c.value as readonly FilterScalar[]) : c.value === undefined ? [] : [c.value as FilterScalar];
  if (target.kind === 'refs') return undefined;
  switch (c.op) {
    case 'eq':
    case 'in': {
      const lits = values.flatMap((v) => literals(target, v, timeZone));
      if (lits.length === 0) return { never: true };
      if (lits.length === 1) return { clause: `${p} eq ${lits[0]}` };
      return { anyOf: lits.map((l) => `${p} eq ${l}`) };
    }
    case 'ne':
    case 'nin': {
      const lits = values.flatMap((v) => literals(target, v, timeZone));
      if (lits.length === 0) return undefined;
      return { clause: lits.map((l) => `${p} ne ${l}`).join(' and ') };
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      if (target.kind === 'enum' || target.kind === 'boolean') return undefined;
      const lits = literals(target, values[0], timeZone);
      if (lits.length !== 1) return undefined;
      return { clause: `${p} ${CMP[c.op]} ${lits[0]}` };
    }
    case 'contains':
      if (target.kind !== 'string') return undefined;
      // 1C's argument order: the needle first.
      return { clause: `substringof(${quote(String(values[0] ?? ''))}, ${p})` };
    case 'empty':
    case 'notEmpty': {
      const lit = emptyLiteral(target.kind);
      if (!lit) return undefined;
      return { clause: `${p} ${c.op === 'empty' ? 'eq' : 'ne'} ${lit}` };
    }
    default:
      return undefined;
  }
}

/** Byte length of a URL as sent (UTF-8 after percent-encoding). */
export function urlBytes(url: string): number {
  return new TextEncoder().encode(url).length;
}

/** Encodes a query value the way 1C reads it: `%20` for spaces, never `+`. */
export function encodeValue(v: string): string {
  return encodeURIComponent(v);
}

/**
 * Splits `anyOf` terms into groups so that `build(group)` stays within `maxBytes`. Each group is
 * one request; a single term that does not fit is a group of its own (the server will say 404).
 */
export function splitTerms(terms: readonly string[], build: (group: readonly string[]) => string, maxBytes: number): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const t of terms) {
    const next = [...current, t];
    if (current.length > 0 && urlBytes(build(next)) > maxBytes) {
      groups.push(current);
      current = [t];
    } else current = next;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
