import type { CalendarDate, Timestamp } from '../../model/common.js';
import { addCalendarDays, dateInZone, isoWeekday, zonedStartOfDay } from '../booking/zoned-time.js';

/**
 * Working days and the paid booking's hold. The developer's rule (seed 003): a paid booking
 * holds the apartment and its price for 15 *working* days. Weekends, public holidays and the
 * Russian practice of moving a working day to a Saturday are all configuration.
 */

export interface WorkingCalendar {
  /** ISO weekdays that are days off: default Saturday and Sunday. */
  readonly weekend?: readonly number[];
  /** Public holidays (`YYYY-MM-DD`) that fall on would-be working days. */
  readonly holidays?: readonly CalendarDate[];
  /** Weekend dates declared working days (a transferred Saturday). */
  readonly workingWeekends?: readonly CalendarDate[];
}

/** Days of a paid booking's hold unless configured otherwise. */
export const DEFAULT_HOLD_WORKING_DAYS = 15;

const DEFAULT_WEEKEND = [6, 7] as const;

/** Is `date` a working day under `calendar`? */
export function isWorkingDay(date: CalendarDate, calendar: WorkingCalendar = {}): boolean {
  if (calendar.workingWeekends?.includes(date)) return true;
  if (calendar.holidays?.includes(date)) return false;
  return !(calendar.weekend ?? DEFAULT_WEEKEND).includes(isoWeekday(date));
}

/**
 * The `n`-th working day after `date` (the day itself is not counted: a booking made on
 * Friday starts counting on Monday). `n = 0` returns `date`.
 */
export function addWorkingDays(date: CalendarDate, n: number, calendar: WorkingCalendar = {}): CalendarDate {
  let d = date;
  let left = n;
  // A calendar with no working days at all would loop forever; ten years is more than any hold.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    d = addCalendarDays(d, 1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

/** Working days strictly after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate, calendar: WorkingCalendar = {}): number {
  let n = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (isWorkingDay(d, calendar)) n++;
  return n;
}

export interface HoldOptions {
  /** Working days of the hold; default {@link DEFAULT_HOLD_WORKING_DAYS}. */
  readonly days?: number;
  readonly calendar?: WorkingCalendar;
  /** The CRM's zone: working days are the sales office's days, not the viewer's. */
  readonly timeZone: string;
}

/**
 * When a paid booking made at `bookedAt` stops holding: the end of the `days`-th working day
 * after the booking day, i.e. the midnight that starts the next calendar day, in the CRM's zone.
 */
export function holdExpiresAt(bookedAt: Timestamp, options: HoldOptions): Timestamp {
  const bookedOn = dateInZone(bookedAt, options.timeZone);
  const lastDay = addWorkingDays(bookedOn, options.days ?? DEFAULT_HOLD_WORKING_DAYS, options.calendar);
  return zonedStartOfDay(addCalendarDays(lastDay, 1), options.timeZone);
}

export interface Countdown {
  readonly expired: boolean;
  /** Milliseconds left, 0 once expired. */
  readonly ms: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  /** Less than a day left: shown as a warning. */
  readonly urgent: boolean;
}

/** Time left until `expiresAt`, split into whole days, hours and minutes (minutes rounded down). */
export function countdown(now: Timestamp, expiresAt: Timestamp): Countdown {
  const ms = Math.max(0, expiresAt - now);
  const totalMinutes = Math.floor(ms / 60_000);
  return {
    expired: ms === 0,
    ms,
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
    urgent: ms > 0 && ms < 86_400_000,
  };
}
