/**
 * One 1C row ⇄ core fields, through a mapping source and the field-kind table. The adapter
 * reads with {@link rowToFields}; the emulator writes with {@link fieldsToRow}, so both agree on
 * every wire detail (empty GUIDs, empty dates, Int64 strings, wall-clock datetimes).
 */
import {
  EMPTY_DATE,
  EMPTY_GUID,
  clockToWallClock,
  instantToWallClock,
  toBoolean,
  toCalendarDate,
  toClock,
  toNumber,
  toRef,
  wallClockToInstant,
} from './convert.js';
import { ENUM_DEFAULTS, kindOf, type FieldKind } from './kinds.js';
import { parseSpec, type EntitySource } from './mapping.js';

export type Row = Record<string, unknown>;

export interface ConvertContext {
  readonly timeZone: string;
}

/** Raw value of a property spec: a scalar, or the list of values of a tabular part's column. */
export function readSpec(row: Row, spec: string): unknown {
  const p = parseSpec(spec);
  if (p.tabular !== undefined) {
    const rows = row[p.tabular];
    return Array.isArray(rows) ? rows.map((r) => (r as Row)[p.property]) : [];
  }
  const v = row[p.property];
  return p.negate ? !toBoolean(v) : v;
}

/** Converts one raw value to the core value of a field kind. */
export function convertValue(kind: FieldKind, raw: unknown, ctx: ConvertContext, enumMap?: Readonly<Record<string, string>>, enumDefault?: string): unknown {
  switch (kind) {
    case 'string':
      return raw === undefined || raw === null || raw === '' ? undefined : String(raw);
    case 'number':
      return toNumber(raw);
    case 'boolean':
      return toBoolean(raw);
    case 'ref':
      return toRef(raw);
    case 'refs': {
      const list = Array.isArray(raw) ? raw : [raw];
      return list.map(toRef).filter((x): x is string => x !== undefined);
    }
    case 'instant':
      return wallClockToInstant(raw, ctx.timeZone);
    case 'date':
      return toCalendarDate(raw);
    case 'clock':
      return toClock(raw);
    case 'enum': {
      if (raw === undefined || raw === null || raw === '') return enumDefault;
      const key = String(raw);
      return enumMap?.[key] ?? enumDefault ?? key;
    }
  }
}

/**
 * Core fields of one row. `kindsKey` selects the field-kind table (`apartment`,
 * `apartment.status`); fields absent from the row or empty come out undefined and are omitted.
 */
export function rowToFields(row: Row, source: EntitySource, kindsKey: string, ctx: ConvertContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(source.fields)) {
    const kind = kindOf(kindsKey, field) ?? 'string';
    const value = convertValue(kind, readSpec(row, spec), ctx, source.enums?.[field], ENUM_DEFAULTS[`${kindsKey}.${field}`]);
    if (value !== undefined) out[field] = value;
  }
  for (const [field, value] of Object.entries(source.constants ?? {})) out[field] = value;
  return out;
}

/** Top-level properties to `$select` for the given core fields (all mapped ones when omitted). */
export function selectFor(source: EntitySource, fields?: readonly string[]): string[] {
  const out = new Set<string>();
  for (const [field, spec] of Object.entries(source.fields)) {
    if (fields && !fields.includes(field) && field !== 'id') continue;
    const p = parseSpec(spec);
    out.add(p.tabular ?? p.property);
  }
  return [...out];
}

/** The property a field is stored in when it is a plain scalar (filterable on the server). */
export function scalarProperty(source: EntitySource, field: string): string | undefined {
  const spec = source.fields[field];
  if (spec === undefined) return undefined;
  const p = parseSpec(spec);
  return p.tabular === undefined && !p.negate && !p.property.endsWith('____Presentation') ? p.property : undefined;
}

// ---------------------------------------------------------------------------------------------
// The other way, for the emulator: what 1C would send for a core value.

/** Core fields whose 1C type is an integer wide enough to be `Edm.Int64`, sent as a JSON string. */
export const INT64_FIELDS: ReadonlySet<string> = new Set([
  'floor',
  'floorSpan',
  'column',
  'columnSpan',
  'rooms',
  'columns',
  'number@building.floors',
  'capacity',
  'seats',
  'slotMinutes',
  'sort',
  'durationSec',
]);

export type EdmType = 'Edm.String' | 'Edm.Double' | 'Edm.Int64' | 'Edm.Boolean' | 'Edm.Guid' | 'Edm.DateTime';

export function edmTypeOf(kind: FieldKind, field: string, kindsKey: string): EdmType {
  switch (kind) {
    case 'number':
      return INT64_FIELDS.has(field) || INT64_FIELDS.has(`${field}@${kindsKey}`) ? 'Edm.Int64' : 'Edm.Double';
    case 'boolean':
      return 'Edm.Boolean';
    case 'ref':
    case 'refs':
      return 'Edm.Guid';
    case 'instant':
    case 'date':
    case 'clock':
      return 'Edm.DateTime';
    default:
      return 'Edm.String';
  }
}

/** What 1C sends for an empty value of a type. */
export function emptyWire(type: EdmType): unknown {
  switch (type) {
    case 'Edm.Guid':
      return EMPTY_GUID;
    case 'Edm.DateTime':
      return EMPTY_DATE;
    case 'Edm.Boolean':
      return false;
    case 'Edm.Double':
      return 0;
    case 'Edm.Int64':
      return '0';
    default:
      return '';
  }
}

/** A core value as 1C would send it (ids must already be GUIDs). */
export function toWire(kind: FieldKind, type: EdmType, value: unknown, ctx: ConvertContext, enumMap?: Readonly<Record<string, string>>): unknown {
  if (value === undefined || value === null) return emptyWire(type);
  switch (kind) {
    case 'ref':
      return String(value);
    case 'instant':
      return instantToWallClock(Number(value), ctx.timeZone);
    case 'date':
      return `${String(value).slice(0, 10)}T00:00:00`;
    case 'clock':
      return clockToWallClock(String(value));
    case 'enum': {
      const name = Object.entries(enumMap ?? {}).find(([, core]) => core === value)?.[0];
      return name ?? '';
    }
    case 'number':
      return type === 'Edm.Int64' ? String(Math.round(Number(value))) : Number(value);
    case 'boolean':
      return Boolean(value);
    default:
      return String(value);
  }
}

/** Properties of a row for the mapped fields of `record` (tabular lists become tabular parts); ids must be GUIDs. */
export function fieldsToRow(
  record: Record<string, unknown>,
  source: EntitySource,
  kindsKey: string,
  ctx: ConvertContext,
  types: Map<string, EdmType>,
): Row {
  const row: Row = {};
  for (const [field, spec] of Object.entries(source.fields)) {
    const kind = kindOf(kindsKey, field) ?? 'string';
    const p = parseSpec(spec);
    if (p.property.endsWith('____Presentation')) continue; // computed by the server
    const type = p.negate ? 'Edm.Boolean' : edmTypeOf(kind, field, kindsKey);
    if (p.tabular !== undefined) {
      const list = Array.isArray(record[field]) ? (record[field] as unknown[]) : record[field] === undefined ? [] : [record[field]];
      const rows = (row[p.tabular] as Row[] | undefined) ?? [];
      list.forEach((v, i) => {
        rows[i] = { ...(rows[i] ?? { LineNumber: String(i + 1) }), [p.property]: toWire(kind === 'refs' ? 'ref' : kind, type, v, ctx) };
      });
      row[p.tabular] = rows;
      types.set(`${p.tabular}/${p.property}`, type);
      continue;
    }
    let value: unknown = record[field];
    if (kind === 'refs') value = Array.isArray(value) ? value[0] : value;
    const enumMap = source.enums?.[field];
    if (kind === 'enum' && enumMap && Object.keys(enumMap).every((k) => k === 'true' || k === 'false')) {
      // A Boolean property read as an enumeration (`Входящий` → incoming/outgoing).
      row[p.property] = Object.entries(enumMap).find(([, core]) => core === value)?.[0] === 'true';
      types.set(p.property, 'Edm.Boolean');
      continue;
    }
    row[p.property] = p.negate ? !value : toWire(kind === 'refs' ? 'ref' : kind, type, value, ctx, source.enums?.[field]);
    types.set(p.property, type);
  }
  return row;
}
