import type { Timestamp } from '../../model/common.js';

/** Milliseconds in a day (24 h). */
const DAY_MS = 86_400_000;

const QUARTER_HOUR = 900_000;
const offsetCache = new Map<string, Map<number, number>>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Offset of `timeZone` from UTC at instant `at`, in milliseconds (Moscow: +3 h). Every real zone
 * offset is a multiple of 15 minutes, so one answer per quarter-hour is exact and is cached:
 * classifying 250,000 payments asks `Intl` a few thousand times, not 250,000.
 */
const dayOffsetCache = new Map<string, Map<number, number | null>>();

/**
 * Offset of `timeZone` at `at`. A whole UTC day whose start and end share one offset (all days
 * but the few with a clock change) is answered from a per-day cache, so 250,000 payments spread
 * over three years ask `Intl` about a thousand times; a day with a change falls back to exact
 * quarter-hour buckets.
 */
function zoneOffset(at: Timestamp, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  let days = dayOffsetCache.get(timeZone);
  if (!days) dayOffsetCache.set(timeZone, (days = new Map()));
  const day = Math.floor(at / DAY_MS);
  let same = days.get(day);
  if (same === undefined) {
    const start = quarterOffset(day * DAY_MS, timeZone);
    same = quarterOffset((day + 1) * DAY_MS - QUARTER_HOUR, timeZone) === start ? start : null;
    days.set(day, same);
  }
  return same ?? quarterOffset(at, timeZone);
}

function quarterOffset(at: Timestamp, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const bucket = Math.floor(at / QUARTER_HOUR);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    const start = bucket * QUARTER_HOUR;
    const parts: Record<string, number> = {};
    for (const p of formatter(timeZone).formatToParts(start)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
    offset = wall - start;
    zone.set(bucket, offset);
  }
  return offset;
}

/**
 * The calendar day an instant falls on in `timeZone`, as a day number (days since 1970-01-01).
 * Rules count days between calendar dates where the CRM's users live, not 24-hour periods in
 * UTC: a payment at 23:30 UTC on 31 January is a February payment in Moscow.
 */
export function calendarDay(at: Timestamp, timeZone = 'UTC'): number {
  return Math.floor((at + zoneOffset(at, timeZone)) / DAY_MS);
}

/** Whole calendar days from `from` to `to` in `timeZone` (0 on the same local day). */
export function calendarDaysBetween(from: Timestamp, to: Timestamp, timeZone = 'UTC'): number {
  return calendarDay(to, timeZone) - calendarDay(from, timeZone);
}
