import type { Timestamp } from '../../model/common.js';
import type { Deal } from '../../model/deals.js';
import type { FieldDefinition } from '../../model/fields.js';
import { addMonths, civilDateOf, parseCalendarDate, startOfDay, type DateRange } from '../../ui/date-presets.js';
import { normalizeLabel } from '../field-filter/catalog.js';

/**
 * The "period" a deal is marked for: the insurer's custom field *Период* says in which month a
 * registry of deals must be worked ("April"). The field may be an enumeration ("Апрель",
 * "Апрель 2025", "04.2025"), a string with the same text, or a date / datetime (the month that
 * date falls in). A period is always a whole calendar month on the CRM's clock.
 */
export interface DealPeriod {
  /** First instant of the month (midnight of the 1st, CRM time zone). */
  readonly start: Timestamp;
  /** First instant of the next month (exclusive end). */
  readonly end: Timestamp;
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** What the field said, for showing ("Апрель"). */
  readonly label: string;
}

const MONTHS: readonly (readonly string[])[] = [
  ['январ', 'янв', 'jan'],
  ['феврал', 'фев', 'feb'],
  ['март', 'марта', 'мар', 'mar'],
  ['апрел', 'апр', 'apr'],
  ['май', 'мая', 'may'],
  ['июн', 'jun'],
  ['июл', 'jul'],
  ['август', 'авг', 'aug'],
  ['сентябр', 'сен', 'sep'],
  ['октябр', 'окт', 'oct'],
  ['ноябр', 'ноя', 'nov'],
  ['декабр', 'дек', 'dec'],
];

/**
 * Reads a month (and a year when written) from a label: "Апрель", "апрель 2025", "April 2025",
 * "2025-04", "04.2025", "04/2025". Undefined when the text names no month.
 */
export function parseMonthLabel(label: string): { month: number; year?: number } | undefined {
  const text = normalizeLabel(label);
  let m = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (m) return monthYear(Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[./](\d{4})$/.exec(text);
  if (m) return monthYear(Number(m[1]), Number(m[2]));
  const year = /(\d{4})/.exec(text)?.[1];
  const words = text.split(/[^a-zа-я]+/).filter(Boolean);
  for (const w of words) {
    const i = MONTHS.findIndex((names) => names.some((n) => w.startsWith(n)));
    if (i >= 0) return year ? { month: i + 1, year: Number(year) } : { month: i + 1 };
  }
  return undefined;
}

function monthYear(month: number, year: number): { month: number; year: number } | undefined {
  return month >= 1 && month <= 12 ? { month, year } : undefined;
}

/** The month range of a year and month on the CRM clock. */
export function monthRange(year: number, month: number, timeZone: string): DateRange & { from: Timestamp; to: Timestamp } {
  const first = { year, month, day: 1 };
  return { from: startOfDay(first, timeZone), to: startOfDay(addMonths(first, 1), timeZone) };
}

/**
 * The period of one deal by a field, or undefined when the field is empty or unreadable.
 *
 * A month without a year ("Апрель") means its first occurrence at or after the month the deal
 * was created: a registry created in January for "April" is April of the same year; one created
 * in November for "February" is February of the next year. Registries are loaded ahead, never
 * for a month already past. With several values (a multiple enumeration "April, May"), the
 * latest month counts: the deal may be worked until the last of them ends.
 */
export function dealPeriod(deal: Deal, field: FieldDefinition | undefined, fieldCode: string, timeZone: string): DealPeriod | undefined {
  const raw = fieldCode in deal.fields ? deal.fields[fieldCode] : (deal as unknown as Record<string, unknown>)[fieldCode];
  const values = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  let best: DealPeriod | undefined;
  const created = civilDateOf(deal.createdAt, timeZone);
  for (const v of values) {
    let year: number | undefined;
    let month: number | undefined;
    let label = String(v);
    if (typeof v === 'number' && (field?.type === 'datetime' || field?.type === 'date' || field === undefined)) {
      const d = civilDateOf(v, timeZone);
      year = d.year;
      month = d.month;
    } else if (typeof v === 'string' && parseCalendarDate(v)) {
      const d = parseCalendarDate(v)!;
      year = d.year;
      month = d.month;
    } else {
      const option = field?.options?.find((o) => o.id === String(v));
      label = option?.label ?? String(v);
      const parsed = parseMonthLabel(label);
      if (!parsed) continue;
      month = parsed.month;
      year = parsed.year ?? (parsed.month >= created.month ? created.year : created.year + 1);
    }
    if (year === undefined || month === undefined) continue;
    const r = monthRange(year, month, timeZone);
    if (!best || r.from > best.start) best = { start: r.from, end: r.to, year, month, label };
  }
  return best;
}

/**
 * The custom field that holds the period: the one whose code is given, else the first deal
 * field labelled "Период" / "Period" (any case).
 */
export function findPeriodField(defs: readonly FieldDefinition[], code?: string): FieldDefinition | undefined {
  const deal = defs.filter((d) => d.owner === 'deal');
  if (code) return deal.find((d) => d.code === code);
  return deal.find((d) => /^(период|period)(?!\p{L})/u.test(normalizeLabel(d.label)));
}
