import type { Timestamp } from '../../model/common.js';
// Cached per day: classifying 250,000 payments asks `Intl` about a thousand times.
import { cachedZoneOffsetMs } from '../../time/zone-cache.js';

/** Milliseconds in a day (24 h). */
const DAY_MS = 86_400_000;

/**
 * The calendar day an instant falls on in `timeZone`, as a day number (days since 1970-01-01).
 * Rules count days between calendar dates where the CRM's users live, not 24-hour periods in
 * UTC: a payment at 23:30 UTC on 31 January is a February payment in Moscow.
 */
export function calendarDay(at: Timestamp, timeZone = 'UTC'): number {
  return Math.floor((at + cachedZoneOffsetMs(at, timeZone)) / DAY_MS);
}

/** Whole calendar days from `from` to `to` in `timeZone` (0 on the same local day). */
export function calendarDaysBetween(from: Timestamp, to: Timestamp, timeZone = 'UTC'): number {
  return calendarDay(to, timeZone) - calendarDay(from, timeZone);
}
