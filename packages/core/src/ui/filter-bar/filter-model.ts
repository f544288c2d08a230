import type { Filter, FilterCondition } from '../../adapter/query.js';
import type { DatePresetKey } from '../../i18n/translation.js';
import type { CalendarDate, Id, Timestamp } from '../../model/common.js';
import type { FieldDefinition, FieldType } from '../../model/fields.js';
import { parseCalendarDate, rangeOfDays, resolveDatePreset } from '../date-presets.js';

/** An entity-type chip: `key` goes into the filter, `count` is shown beside the label. */
export interface EntityTypeOption {
  readonly key: string;
  readonly label: string;
  readonly count?: number;
}

/** What a person set for one field; which members matter depends on the field's type. */
export interface FieldConditionValue {
  /** {@link FieldDefinition.code}. */
  readonly code: string;
  /** Enumeration option ids (chosen by their labels) or employee ids: any of them matches. */
  readonly options?: readonly Id[];
  /** Text fields: the value contains this (case-insensitive). */
  readonly text?: string;
  /** Number and money fields: inclusive bounds. */
  readonly min?: number;
  readonly max?: number;
  /** Date and datetime fields: inclusive calendar days. */
  readonly from?: CalendarDate;
  readonly to?: CalendarDate;
  /** Boolean fields. */
  readonly bool?: boolean;
  /** Files and links: the field is filled. */
  readonly filled?: boolean;
}

/** Everything the filter bar holds. */
export interface FilterBarValue {
  /** Selected entity types; none selected means all. */
  readonly types: readonly string[];
  readonly preset: DatePresetKey;
  /** Custom range days, used when `preset` is `custom`. */
  readonly from?: CalendarDate;
  readonly to?: CalendarDate;
  /** Employee id; empty for everyone. */
  readonly employee: Id;
  readonly search: string;
  readonly conditions: readonly FieldConditionValue[];
}

export const EMPTY_FILTER_BAR_VALUE: FilterBarValue = { types: [], preset: 'all', employee: '', search: '', conditions: [] };

/** Which record properties the bar's controls filter on. */
export interface FilterTargets {
  readonly typeField: string;
  readonly dateField: string;
  readonly employeeField: string;
  readonly fields: readonly FieldDefinition[];
  readonly now: Timestamp;
  readonly timeZone: string;
}

/** The editor a field type gets in the bar. */
export type FieldEditor = 'options' | 'text' | 'range' | 'dates' | 'boolean' | 'filled';

export function editorFor(type: FieldType): FieldEditor {
  switch (type) {
    case 'enumeration':
    case 'employee':
      return 'options';
    case 'string':
    case 'url':
    case 'address':
      return 'text';
    case 'number':
    case 'integer':
    case 'money':
      return 'range';
    case 'date':
    case 'datetime':
      return 'dates';
    case 'boolean':
      return 'boolean';
    case 'crm-link':
    case 'file':
      return 'filled';
  }
}

/** The query-language path of a field: built-ins by name, custom fields under `fields.`. */
export function fieldPath(def: Pick<FieldDefinition, 'code' | 'builtIn'>): string {
  return def.builtIn ? def.code : `fields.${def.code}`;
}

const finite = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * The query conditions of one field condition; empty while the person has not set a value
 * (a just-added condition filters nothing). Dates (`YYYY-MM-DD` values) compare as text, which
 * orders ISO dates correctly; datetimes compare as instants over the CRM's calendar days.
 */
export function fieldConditionFilter(def: FieldDefinition, value: FieldConditionValue, timeZone: string): FilterCondition[] {
  const field = fieldPath(def);
  switch (editorFor(def.type)) {
    case 'options':
      return value.options?.length ? [{ field, op: 'in', value: [...value.options] }] : [];
    case 'text': {
      const text = value.text?.trim();
      return text ? [{ field, op: 'contains', value: text }] : [];
    }
    case 'range': {
      const out: FilterCondition[] = [];
      if (finite(value.min)) out.push({ field, op: 'gte', value: value.min });
      if (finite(value.max)) out.push({ field, op: 'lte', value: value.max });
      return out;
    }
    case 'dates': {
      if (def.type === 'date') {
        let from = parseCalendarDate(value.from) ? value.from : undefined;
        let to = parseCalendarDate(value.to) ? value.to : undefined;
        if (from && to && from > to) [from, to] = [to, from];
        const out: FilterCondition[] = [];
        if (from) out.push({ field, op: 'gte', value: from });
        if (to) out.push({ field, op: 'lte', value: to });
        return out;
      }
      const r = rangeOfDays(value.from, value.to, timeZone);
      const out: FilterCondition[] = [];
      if (r.from !== undefined) out.push({ field, op: 'gte', value: r.from });
      if (r.to !== undefined) out.push({ field, op: 'lt', value: r.to });
      return out;
    }
    case 'boolean':
      return value.bool === undefined ? [] : [{ field, op: 'eq', value: value.bool }];
    case 'filled':
      return value.filled ? [{ field, op: 'notEmpty' }] : [];
  }
}

/**
 * The core {@link Filter} of everything set in the bar (search text travels separately, since
 * each widget decides which fields it searches). All conditions must hold.
 */
export function buildFilter(value: FilterBarValue, targets: FilterTargets): Filter {
  const out: FilterCondition[] = [];
  if (value.types.length) out.push({ field: targets.typeField, op: 'in', value: [...value.types] });
  const range = value.preset === 'custom' ? rangeOfDays(value.from, value.to, targets.timeZone) : resolveDatePreset(value.preset, targets.now, targets.timeZone);
  if (range?.from !== undefined) out.push({ field: targets.dateField, op: 'gte', value: range.from });
  if (range?.to !== undefined) out.push({ field: targets.dateField, op: 'lt', value: range.to });
  if (value.employee) out.push({ field: targets.employeeField, op: 'eq', value: value.employee });
  for (const c of value.conditions) {
    const def = targets.fields.find((f) => f.code === c.code);
    if (def) out.push(...fieldConditionFilter(def, c, targets.timeZone));
  }
  return out;
}
