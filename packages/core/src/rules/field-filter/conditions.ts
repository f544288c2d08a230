import { matchesCondition } from '../../adapter/match.js';
import type { Filter, FilterCondition, FilterScalar } from '../../adapter/query.js';
import type { DatePresetKey } from '../../i18n/translation.js';
import type { CalendarDate, Timestamp } from '../../model/common.js';
import type { Deal } from '../../model/deals.js';
import type { EnumOption, FieldType } from '../../model/fields.js';
import { daysOfRange, rangeOfDays, resolveDatePreset, type DateRange } from '../../ui/date-presets.js';
import { findField, normalizeLabel, readDealField, type FilterField } from './catalog.js';

/**
 * Conditions on any field of a deal, as a person builds them: "Период is April or May",
 * "Product has КАСКО", "Created in the next 3 months", "Amount between 10 000 and 50 000".
 *
 * A condition remembers what the person chose, not just ids: the field's code AND label, each
 * option's id AND label. Enumerations are matched by label ({@link resolveOptions}), so a view
 * saved on one portal works on another where the same option has another id, and a renamed
 * option is still found by its id.
 */

/** A field as a condition remembers it. */
export interface FieldRef {
  readonly code: string;
  readonly label?: string;
}

/** A chosen option: enumeration value, employee, linked record. `label` is what the person saw. */
export interface OptionRef {
  readonly id: string;
  readonly label?: string;
}

/**
 * A date range: a preset resolved against "now" on the CRM's clock ("this month", "next 3
 * months"), or fixed inclusive calendar days (either side may be open).
 */
export type DateSpec = { readonly preset: Exclude<DatePresetKey, 'custom'> } | { readonly from?: CalendarDate; readonly to?: CalendarDate };

export const CONDITION_OPS = [
  'anyOf',
  'noneOf',
  'allOf',
  'eq',
  'ne',
  'contains',
  'notContains',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'inRange',
  'notInRange',
  'isTrue',
  'isFalse',
  'empty',
  'notEmpty',
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export interface FieldCondition {
  readonly field: FieldRef;
  readonly op: ConditionOp;
  /** `anyOf`, `noneOf`, `allOf`: the chosen options. */
  readonly options?: readonly OptionRef[];
  /** String operators. */
  readonly text?: string;
  /** Number operators; `between` uses `number`–`number2`, both inclusive. */
  readonly number?: number;
  readonly number2?: number;
  /** `inRange`, `notInRange`. */
  readonly date?: DateSpec;
}

/** Operators a person may pick for a field type, in menu order. */
export function opsForType(type: FieldType, multiple = false): readonly ConditionOp[] {
  switch (type) {
    case 'enumeration':
      return multiple ? ['anyOf', 'allOf', 'noneOf', 'empty', 'notEmpty'] : ['anyOf', 'noneOf', 'empty', 'notEmpty'];
    case 'employee':
    case 'crm-link':
      return ['anyOf', 'noneOf', 'empty', 'notEmpty'];
    case 'number':
    case 'integer':
    case 'money':
      return ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'];
    case 'date':
    case 'datetime':
      return ['inRange', 'notInRange', 'empty', 'notEmpty'];
    case 'boolean':
      return ['isTrue', 'isFalse'];
    default:
      return ['contains', 'notContains', 'eq', 'ne', 'empty', 'notEmpty'];
  }
}

/** What compiling needs besides the conditions. */
export interface FilterContext {
  readonly fields: readonly FilterField[];
  /** The instant presets are resolved against. */
  readonly now: Timestamp;
  /** The CRM's time zone (IANA): "this month" starts at midnight there, not in the browser. */
  readonly timeZone: string;
}

/** Conditions in the adapter query language, plus those only the browser can evaluate. */
export interface CompiledFilter {
  /** Pass to `adapter.list(…, { filter })`; every condition here also holds locally. */
  readonly filter: Filter;
  /** Conditions the query language cannot express (not-contains, money strings, products…). */
  readonly local: readonly FieldCondition[];
  /** Human-readable problems: a field or option that does not exist on this portal. */
  readonly warnings: readonly string[];
}

/**
 * Resolves stored options against the field's current options: by label first (normalised:
 * case, `ё`, spaces), then by id (an option renamed since). An option found by neither stays
 * unresolved and matches nothing, and a warning says so.
 */
export function resolveOptions(field: FilterField, wanted: readonly OptionRef[]): { ids: string[]; missing: OptionRef[] } {
  const options = field.options;
  if (!options || field.type === 'employee' || field.type === 'crm-link') {
    // Employees and linked records are ids within the portal; two people may share a name.
    if (field.type === 'employee' && options) {
      const ids: string[] = [];
      const missing: OptionRef[] = [];
      for (const w of wanted) {
        const hit = options.find((o) => o.id === w.id) ?? (w.label ? options.find((o) => normalizeLabel(o.label) === normalizeLabel(w.label ?? '')) : undefined);
        if (hit) ids.push(hit.id);
        else missing.push(w);
      }
      return { ids, missing };
    }
    return { ids: wanted.map((w) => w.id), missing: [] };
  }
  const ids: string[] = [];
  const missing: OptionRef[] = [];
  for (const w of wanted) {
    const byLabel = w.label !== undefined ? options.find((o) => normalizeLabel(o.label) === normalizeLabel(w.label ?? '')) : undefined;
    const hit = byLabel ?? options.find((o) => o.id === w.id);
    if (hit) ids.push(hit.id);
    else missing.push(w);
  }
  return { ids, missing };
}

/** The label to show for an option: the portal's current one, else the one saved with the view. */
export function optionLabel(field: FilterField | undefined, ref: OptionRef): string {
  const byId = field?.options?.find((o: EnumOption) => o.id === ref.id);
  return byId?.label ?? ref.label ?? ref.id;
}

/** The half-open instant range of a date spec on the CRM's clock. */
export function dateSpecRange(spec: DateSpec, now: Timestamp, timeZone: string): DateRange {
  if ('preset' in spec) return resolveDatePreset(spec.preset, now, timeZone) ?? {};
  return rangeOfDays(spec.from, spec.to, timeZone);
}

/** Custom money fields arrive as `"1500.50|RUB"` from Bitrix24; built-in amounts as numbers. */
export function moneyAmount(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.split('|')[0]);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

function c(field: string, op: FilterCondition['op'], value?: FilterScalar | readonly FilterScalar[]): FilterCondition {
  return value === undefined ? { field, op } : { field, op, value };
}

/** True when the condition must be evaluated in the browser rather than by the CRM. */
function isLocalOnly(cond: FieldCondition, field: FilterField): boolean {
  if (!field.path) return true;
  if (cond.op === 'notContains' || cond.op === 'notInRange') return true;
  if (field.type === 'money' && !field.builtIn) return true;
  return false;
}

/**
 * Compiles one condition into the adapter query language. Returns undefined when it must stay
 * local. An `anyOf` whose options all went missing compiles to `in []`, which matches nothing:
 * a view must never silently widen to "everything".
 */
function compileOne(cond: FieldCondition, field: FilterField, ctx: FilterContext, warnings: string[]): FilterCondition[] | undefined {
  if (isLocalOnly(cond, field)) return undefined;
  const path = field.path as string;
  switch (cond.op) {
    case 'anyOf':
    case 'noneOf':
    case 'allOf': {
      const { ids, missing } = resolveOptions(field, cond.options ?? []);
      for (const m of missing) warnings.push(`${field.label}: "${m.label ?? m.id}" not found`);
      if (cond.op === 'anyOf') return [c(path, 'in', ids)];
      if (cond.op === 'noneOf') return [c(path, 'nin', ids)];
      if (missing.length) return [c(path, 'in', [])];
      return ids.map((id) => c(path, 'in', [id]));
    }
    case 'eq':
    case 'ne':
      return [c(path, cond.op, isNumeric(field.type) ? (cond.number ?? 0) : (cond.text ?? ''))];
    case 'contains':
      return [c(path, 'contains', cond.text ?? '')];
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return [c(path, cond.op, cond.number ?? 0)];
    case 'between': {
      const lo = Math.min(cond.number ?? 0, cond.number2 ?? cond.number ?? 0);
      const hi = Math.max(cond.number ?? 0, cond.number2 ?? cond.number ?? 0);
      return [c(path, 'gte', lo), c(path, 'lte', hi)];
    }
    case 'inRange': {
      const range = dateSpecRange(cond.date ?? {}, ctx.now, ctx.timeZone);
      if (field.type === 'date') {
        // Custom dates are `YYYY-MM-DD` strings: compare as inclusive calendar days.
        const days = daysOfRange(range, ctx.timeZone);
        const out: FilterCondition[] = [];
        if (days.from) out.push(c(path, 'gte', days.from));
        if (days.to) out.push(c(path, 'lte', days.to));
        if (!out.length) out.push(c(path, 'notEmpty'));
        return out;
      }
      const out: FilterCondition[] = [];
      if (range.from !== undefined) out.push(c(path, 'gte', range.from));
      if (range.to !== undefined) out.push(c(path, 'lt', range.to));
      if (!out.length) out.push(c(path, 'notEmpty'));
      return out;
    }
    case 'isTrue':
      return [c(path, 'eq', true)];
    case 'isFalse':
      return [c(path, 'ne', true)];
    case 'empty':
      return [c(path, 'empty')];
    case 'notEmpty':
      return [c(path, 'notEmpty')];
    default:
      return undefined;
  }
}

function isNumeric(type: FieldType): boolean {
  return type === 'number' || type === 'integer' || type === 'money';
}

/**
 * Compiles conditions (all must hold) for an adapter. Conditions the query language cannot
 * express go to `local`; apply them with {@link matchesConditions} after loading. A condition on
 * a field this portal does not have is reported and matches nothing.
 */
export function compileConditions(conditions: readonly FieldCondition[], ctx: FilterContext): CompiledFilter {
  const filter: FilterCondition[] = [];
  const local: FieldCondition[] = [];
  const warnings: string[] = [];
  for (const cond of conditions) {
    const field = findField(ctx.fields, cond.field.code, cond.field.label);
    if (!field) {
      warnings.push(`field "${cond.field.label ?? cond.field.code}" not found`);
      filter.push({ field: 'id', op: 'in', value: [] });
      continue;
    }
    const compiled = compileOne(cond, field, ctx, warnings);
    if (compiled) filter.push(...compiled);
    else local.push(cond);
  }
  return { filter, local, warnings };
}

function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function toList(v: unknown): unknown[] {
  if (isEmptyValue(v)) return [];
  return Array.isArray(v) ? v : [v];
}

/** Evaluates one condition on a deal in the browser (every operator, every field type). */
export function matchesFieldCondition(deal: Deal, cond: FieldCondition, ctx: FilterContext): boolean {
  const field = findField(ctx.fields, cond.field.code, cond.field.label);
  if (!field) return false;
  if (!isLocalOnly(cond, field)) {
    const warnings: string[] = [];
    const compiled = compileOne(cond, field, ctx, warnings) ?? [];
    return compiled.every((fc) => matchesCondition(deal, fc));
  }
  const raw = readDealField(deal, field);
  const values = toList(raw);
  switch (cond.op) {
    case 'anyOf':
    case 'noneOf':
    case 'allOf': {
      const { ids, missing } = resolveOptions(field, cond.options ?? []);
      const have = new Set(values.map(String));
      if (cond.op === 'anyOf') return ids.some((id) => have.has(id));
      if (cond.op === 'noneOf') return !ids.some((id) => have.has(id));
      return missing.length === 0 && ids.every((id) => have.has(id));
    }
    case 'contains':
    case 'notContains': {
      const needle = (cond.text ?? '').toLocaleLowerCase();
      const hit = values.some((v) => String(v).toLocaleLowerCase().includes(needle));
      return cond.op === 'contains' ? hit : !hit;
    }
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'between': {
      if (!isNumeric(field.type)) {
        const hit = values.some((v) => String(v) === (cond.text ?? ''));
        return cond.op === 'ne' ? !hit : cond.op === 'eq' ? hit : false;
      }
      const nums = values.map(moneyAmount).filter((n): n is number => n !== undefined);
      const x = cond.number ?? 0;
      const test = (n: number): boolean => {
        switch (cond.op) {
          case 'eq':
            return n === x;
          case 'gt':
            return n > x;
          case 'gte':
            return n >= x;
          case 'lt':
            return n < x;
          case 'lte':
            return n <= x;
          default: {
            const y = cond.number2 ?? x;
            return n >= Math.min(x, y) && n <= Math.max(x, y);
          }
        }
      };
      return cond.op === 'ne' ? !nums.some((n) => n === x) : nums.some(test);
    }
    case 'inRange':
    case 'notInRange': {
      const range = dateSpecRange(cond.date ?? {}, ctx.now, ctx.timeZone);
      const days = daysOfRange(range, ctx.timeZone);
      const inside = values.some((v) => {
        if (typeof v === 'string' && field.type === 'date') {
          return (days.from === undefined || v >= days.from) && (days.to === undefined || v <= days.to);
        }
        const t = typeof v === 'number' ? v : Date.parse(String(v));
        if (Number.isNaN(t)) return false;
        return (range.from === undefined || t >= range.from) && (range.to === undefined || t < range.to);
      });
      return cond.op === 'inRange' ? inside : !inside;
    }
    case 'isTrue':
      return values.some((v) => v === true || v === 'Y' || v === 1 || v === '1');
    case 'isFalse':
      return !values.some((v) => v === true || v === 'Y' || v === 1 || v === '1');
    case 'empty':
      return isEmptyValue(raw);
    case 'notEmpty':
      return !isEmptyValue(raw);
  }
}

/** True when the deal satisfies every condition (an empty list matches everything). */
export function matchesConditions(deal: Deal, conditions: readonly FieldCondition[], ctx: FilterContext): boolean {
  for (const cond of conditions) if (!matchesFieldCondition(deal, cond, ctx)) return false;
  return true;
}

/** The deals satisfying every condition. */
export function filterDeals(deals: readonly Deal[], conditions: readonly FieldCondition[], ctx: FilterContext): Deal[] {
  if (!conditions.length) return [...deals];
  return deals.filter((d) => matchesConditions(d, conditions, ctx));
}

/** A condition with sensible empty values for a field, for the "add condition" button. */
export function newCondition(field: FilterField): FieldCondition {
  const op = opsForType(field.type, field.multiple)[0] as ConditionOp;
  const ref: FieldRef = { code: field.code, label: field.label };
  if (op === 'inRange') return { field: ref, op, date: { preset: 'thisMonth' } };
  if (op === 'anyOf') return { field: ref, op, options: [] };
  if (op === 'eq') return { field: ref, op, number: 0 };
  if (op === 'contains') return { field: ref, op, text: '' };
  return { field: ref, op };
}
