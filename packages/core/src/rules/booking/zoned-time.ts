import type { CalendarDate, Timestamp } from '../../model/common.js';
import type { ClockTime } from '../../model/booking.js';
// The wall clock and zone offsets are shared with the date presets, the classification's
// calendar days, exports and the 1C adapter.
import { wallClockAt, zoneOffsetMs } from '../../time/zone.js';

/**
 * The instant at which the wall clock of `timeZone` shows `date` `time`.
 *
 * In the spring-forward gap (02:30 on Berlin's last Sunday of March does not exist) the clock
 * time is read with the offset before the change, which lands one hour later (03:30 summer
 * time), as calendars do. In the autumn overlap (02:30 happens twice) the earlier instant wins.
 */
export function zonedInstant(date: CalendarDate, time: ClockTime, timeZone: string): Timestamp {
  const [y, m, d] = splitCalendarDate(date);
  const [hh, mm] = parseClock(time);
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // Fast path: on a day without an offset change (all but two a year), one offset fits all.
  const steady = steadyOffset(date, y, m, d, timeZone);
  if (steady !== undefined) return naive - steady;
  // Two passes converge for every real zone; a third would only matter for zones that change
  // their offset twice within hours, which none does.
  const first = naive - zoneOffsetMs(naive, timeZone);
  const offsetAtFirst = zoneOffsetMs(first, timeZone);
  const second = naive - offsetAtFirst;
  if (second === first) {
    // Autumn overlap: the same wall time an hour earlier may exist too; prefer it.
    const earlier = naive - zoneOffsetMs(first - 3_600_000, timeZone);
    if (earlier < first && sameWall(earlier, timeZone, y, m, d, hh, mm)) return earlier;
    return first;
  }
  if (sameWall(second, timeZone, y, m, d, hh, mm)) return second;
  // Spring gap: neither reading shows the wall time; use the offset before the change.
  return naive - zoneOffsetMs(Math.min(first, second) - 3_600_000, timeZone);
}

const steadyOffsets = new Map<string, number | null>();

/**
 * The offset of `timeZone` from UTC (ms) that holds for every instant of the local day `date`,
 * or undefined on a day with an offset change (DST). Lets a caller turn many wall-clock times
 * of one day into instants with one subtraction each: `Date.UTC(y, m - 1, d, 0, minutes) - offset`,
 * exactly what {@link zonedInstant} returns for them. Cached per zone and date.
 */
export function steadyDayOffset(date: CalendarDate, timeZone: string): number | undefined {
  const [y, m, d] = splitCalendarDate(date);
  return steadyOffset(date, y, m, d, timeZone);
}

/**
 * The zone's offset on `date` when it is the same from 14 h before the date's UTC midnight to
 * 14 h after its end (every local instant of that day lies in between), else undefined.
 * Cached per zone and date: a week of 50 resources asks for 4,200 slot instants.
 */
function steadyOffset(date: CalendarDate, y: number, m: number, d: number, timeZone: string): number | undefined {
  const key = `${timeZone}|${date}`;
  let v = steadyOffsets.get(key);
  if (v === undefined) {
    const from = zoneOffsetMs(Date.UTC(y, m - 1, d) - 14 * 3_600_000, timeZone);
    const to = zoneOffsetMs(Date.UTC(y, m - 1, d + 1) + 14 * 3_600_000, timeZone);
    v = from === to ? from : null;
    if (steadyOffsets.size > 20_000) steadyOffsets.clear();
    steadyOffsets.set(key, v);
  }
  return v ?? undefined;
}

function sameWall(at: Timestamp, tz: string, y: number, m: number, d: number, hh: number, mm: number): boolean {
  const w = wallClockAt(at, tz);
  return w.year === y && w.month === m && w.day === d && w.hour === hh && w.minute === mm;
}

/** The calendar date in `timeZone` at instant `at`. */
export function dateInZone(at: Timestamp, timeZone: string): CalendarDate {
  const w = wallClockAt(at, timeZone);
  return formatDate(w.year, w.month, w.day);
}

/** `HH:MM` of instant `at` on the wall clock of `timeZone`. */
export function clockInZone(at: Timestamp, timeZone: string): ClockTime {
  const w = wallClockAt(at, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Midnight starting `date` in `timeZone`. */
export function zonedStartOfDay(date: CalendarDate, timeZone: string): Timestamp {
  return zonedInstant(date, '00:00', timeZone);
}

/** ISO weekday of a calendar date: 1 Monday … 7 Sunday. Zone-free (a date is a date). */
export function isoWeekday(date: CalendarDate): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const [y, m, d] = splitCalendarDate(date);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return (wd === 0 ? 7 : wd) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** `date` plus `days` calendar days (negative goes back). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = splitCalendarDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return formatDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The Monday of the ISO week holding `date`. */
export function isoWeekStart(date: CalendarDate): CalendarDate {
  return addCalendarDays(date, 1 - isoWeekday(date));
}

/** Whole calendar days from `a` to `b` (b − a). */
export function dateDiffDays(a: CalendarDate, b: CalendarDate): number {
  const [y1, m1, d1] = splitCalendarDate(a);
  const [y2, m2, d2] = splitCalendarDate(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** Minutes since midnight of a `HH:MM` clock time. */
export function clockMinutes(time: ClockTime): number {
  const [h, m] = parseClock(time);
  return h * 60 + m;
}

/** `HH:MM` of minutes since midnight. */
export function minutesClock(minutes: number): ClockTime {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

export function splitCalendarDate(date: CalendarDate): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const parsedClocks = new Map<string, readonly [number, number]>();

function parseClock(time: ClockTime): readonly [number, number] {
  // A week grid parses the same dozen clock times thousands of times: remember them.
  let v = parsedClocks.get(time);
  if (!v) {
    const m = /^(\d{1,2}):(\d{2})$/.exec(time);
    if (!m) throw new RangeError(`not a HH:MM time: ${time}`);
    v = [Number(m[1]), Number(m[2])] as const;
    if (parsedClocks.size > 5_000) parsedClocks.clear();
    parsedClocks.set(time, v);
  }
  return v;
}

function formatDate(y: number, m: number, d: number): CalendarDate {
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
