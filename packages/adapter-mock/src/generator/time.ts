/**
 * Wall-clock arithmetic for the mock CRM, which lives in Europe/Moscow (UTC+3 all year since
 * 2014, no daylight saving), so a fixed offset is exact and needs no time-zone database.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const MSK_OFFSET = 3 * HOUR;
export const MOCK_TIME_ZONE = 'Europe/Moscow';

/** Epoch ms of a Moscow wall-clock time; `month` is 0-based. */
export function msk(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month, day, hour, minute) - MSK_OFFSET;
}

export interface WallDate {
  readonly year: number;
  /** 0-based. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
}

export function wall(ts: number): WallDate {
  const d = new Date(ts + MSK_OFFSET);
  const wd = d.getUTCDay();
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: wd === 0 ? 7 : wd,
  };
}

/** Start of the Moscow day containing `ts`. */
export function startOfDay(ts: number): number {
  return Math.floor((ts + MSK_OFFSET) / DAY) * DAY - MSK_OFFSET;
}

/** Start of the Moscow month containing `ts`, shifted by `add` months. */
export function startOfMonth(ts: number, add = 0): number {
  const w = wall(ts);
  return msk(w.year, w.month + add, 1);
}

/** `YYYY-MM` of the Moscow month containing `ts`: the id of a Период option. */
export function monthKey(ts: number): string {
  const w = wall(ts);
  return `${w.year}-${String(w.month + 1).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` of the Moscow day containing `ts`. */
export function calendarDate(ts: number): string {
  const w = wall(ts);
  return `${w.year}-${String(w.month + 1).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The same wall-clock moment `years` later (29 February becomes 1 March). */
export function addYears(ts: number, years: number): number {
  const w = wall(ts);
  return msk(w.year + years, w.month, w.day, w.hour, w.minute);
}

/** The first Monday–Friday at or after `ts`'s day, at `hour`:00 Moscow time. */
export function workingDayAt(ts: number, hour: number): number {
  let day = startOfDay(ts);
  while (wall(day).weekday > 5) day += DAY;
  return day + hour * HOUR;
}
