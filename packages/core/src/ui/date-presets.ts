import type { DatePresetKey } from '../i18n/translation.js';
import type { CalendarDate, Timestamp } from '../model/common.js';
import { wallClockAt, zoneOffsetMs } from '../time/zone.js';

/**
 * Date ranges for the filter bar's presets, computed on the CRM's wall clock.
 *
 * A range is half-open, `from <= t < to`, in epoch milliseconds: "this month" in Moscow is
 * `[1 Nov 00:00 MSK, 1 Dec 00:00 MSK)`. Half-open ranges never lose the last millisecond of a day
 * and never count midnight twice, so two adjacent presets never overlap. A missing bound is open.
 *
 * Weeks start on Monday (ISO 8601, and the Russian calendar). Day arithmetic is on calendar
 * days, not 24-hour steps, so a range across a daylight-saving change still starts at midnight.
 */
export interface DateRange {
  readonly from?: Timestamp;
  readonly to?: Timestamp;
}

/** A calendar day as numbers; `month` is 1–12. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The calendar day an instant falls on in a time zone. */
export function civilDateOf(at: Timestamp, timeZone: string): CivilDate {
  const w = wallClockAt(at, timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

/** Normalises overflowing fields (day 0, month 13) through the proleptic Gregorian calendar. */
export function addDays(date: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Adds calendar months, clamping the day to the target month's length (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, last) };
}

/**
 * The instant a calendar day starts in a time zone. Where a daylight-saving jump skips
 * midnight, the first instant of that day.
 */
export function startOfDay(date: CivilDate, timeZone: string): Timestamp {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  const first = guess - zoneOffsetMs(guess, timeZone);
  // The offset at the guess may differ from the one at the answer (a DST change near midnight).
  const second = guess - zoneOffsetMs(first, timeZone);
  const candidates = [first, second].sort((a, b) => a - b);
  const onDay = candidates.filter((c) => {
    const w = wallClockAt(c, timeZone);
    return w.year === date.year && w.month === date.month && w.day === date.day;
  });
  const midnight = onDay.find((c) => wallClockAt(c, timeZone).hour === 0);
  if (midnight !== undefined) return midnight;
  if (onDay[0] !== undefined) return onDay[0];
  // Midnight was skipped and both candidates fell on the previous evening: the day starts at
  // the next full hour.
  const last = candidates[1] as number;
  const w = wallClockAt(last, timeZone);
  return last + (60 - w.minute) * 60_000 - w.second * 1000;
}

/** `YYYY-MM-DD` of a civil date (the value of `<input type="date">`). */
export function formatCalendarDate(date: CivilDate): CalendarDate {
  const y = String(date.year).padStart(4, '0');
  return `${y}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Parses `YYYY-MM-DD`; undefined for anything else (including 2025-02-30). */
export function parseCalendarDate(text: string | null | undefined): CivilDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = addDays(date, 0);
  return check.year === date.year && check.month === date.month && check.day === date.day ? date : undefined;
}

/**
 * The range of inclusive calendar days `from`–`to` (as `<input type="date">` gives them):
 * from the first day's midnight to the midnight after the last day. Either side may be empty.
 * When `to` is before `from` the two are swapped, since that is what a person means.
 */
export function rangeOfDays(from: CalendarDate | undefined, to: CalendarDate | undefined, timeZone: string): DateRange {
  let a = parseCalendarDate(from);
  let b = parseCalendarDate(to);
  if (a && b && formatCalendarDate(a) > formatCalendarDate(b)) [a, b] = [b, a];
  return {
    ...(a ? { from: startOfDay(a, timeZone) } : {}),
    ...(b ? { to: startOfDay(addDays(b, 1), timeZone) } : {}),
  };
}

/** The inclusive calendar days of a half-open range, for showing it in date inputs. */
export function daysOfRange(range: DateRange, timeZone: string): { from?: CalendarDate; to?: CalendarDate } {
  return {
    ...(range.from !== undefined ? { from: formatCalendarDate(civilDateOf(range.from, timeZone)) } : {}),
    ...(range.to !== undefined ? { to: formatCalendarDate(civilDateOf(range.to - 1, timeZone)) } : {}),
  };
}

/**
 * Resolves a date preset to a half-open range on the wall clock of `timeZone` at `now`.
 *
 * - `today`, `yesterday`: that calendar day.
 * - `last7`, `last30`: the last 7 / 30 calendar days including today.
 * - `thisWeek` (Monday first), `thisMonth`, `lastMonth`, `thisQuarter`, `thisYear`: the whole
 *   calendar period, including its days still ahead (planned calls are in the future).
 * - `next7`, `next30`: today and the following 6 / 29 days.
 * - `next3Months`: today up to the same day three months later, exclusive (15 Nov → 15 Feb;
 *   30 Nov → 28 Feb, the day clamped to the shorter month).
 * - `all`: no bounds (`{}`).
 * - `custom`: `undefined`, the caller reads its own from–to inputs.
 *
 * @param timeZone IANA zone of the CRM (`AdapterIdentity.timeZone`), default the browser's.
 */
export function resolveDatePreset(key: DatePresetKey, now: Timestamp, timeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone): DateRange | undefined {
  const today = civilDateOf(now, timeZone);
  const day = (d: CivilDate): Timestamp => startOfDay(d, timeZone);
  const days = (fromOffset: number, toOffset: number): DateRange => ({
    from: day(addDays(today, fromOffset)),
    to: day(addDays(today, toOffset)),
  });
  const firstOfMonth: CivilDate = { year: today.year, month: today.month, day: 1 };
  switch (key) {
    case 'today':
      return days(0, 1);
    case 'yesterday':
      return days(-1, 0);
    case 'last7':
      return days(-6, 1);
    case 'last30':
      return days(-29, 1);
    case 'thisWeek': {
      const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay(); // 0 = Sunday
      const back = (weekday + 6) % 7;
      return days(-back, 7 - back);
    }
    case 'thisMonth':
      return { from: day(firstOfMonth), to: day(addMonths(firstOfMonth, 1)) };
    case 'lastMonth':
      return { from: day(addMonths(firstOfMonth, -1)), to: day(firstOfMonth) };
    case 'thisQuarter': {
      const first: CivilDate = { year: today.year, month: today.month - ((today.month - 1) % 3), day: 1 };
      return { from: day(first), to: day(addMonths(first, 3)) };
    }
    case 'thisYear':
      return { from: day({ year: today.year, month: 1, day: 1 }), to: day({ year: today.year + 1, month: 1, day: 1 }) };
    case 'next7':
      return days(0, 7);
    case 'next30':
      return days(0, 30);
    case 'next3Months':
      return { from: day(today), to: day(addMonths(today, 3)) };
    case 'all':
      return {};
    case 'custom':
      return undefined;
  }
}
