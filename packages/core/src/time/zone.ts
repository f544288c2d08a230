import type { Timestamp } from '../model/common.js';

/**
 * Wall-clock time in a named IANA zone, through `Intl` only. Never `Date#getHours()` and
 * friends: those answer in the *browser's* zone, while schedules, working days, date presets and
 * a payment's calendar day are in the CRM's zone (a Moscow sales office viewed from a laptop in
 * Berlin). DST-correct: the offset is looked up for the instant itself. Without a zone, the
 * runtime's own.
 */

/** Parts of an instant as a clock on the wall of a zone shows them; `month` is 1–12. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = partsFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      ...(timeZone ? { timeZone } : {}),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(key, f);
  }
  return f;
}

/** The wall clock of `timeZone` at instant `at`. */
export function wallClockAt(at: Timestamp, timeZone?: string): WallClock {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { year: out.year ?? 1970, month: out.month ?? 1, day: out.day ?? 1, hour: (out.hour ?? 0) % 24, minute: out.minute ?? 0, second: out.second ?? 0 };
}

/** Offset of `timeZone` from UTC at instant `at`, in milliseconds (Moscow: +3 h). Exact, one `Intl` call. */
export function zoneOffsetMs(at: Timestamp, timeZone?: string): number {
  const w = wallClockAt(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

const DAY = 86_400_000;
const QUARTER_HOUR = 900_000;
const dayOffsets = new Map<string, Map<number, number>>();
const quarterOffsets = new Map<string, Map<number, number>>();

function cacheFor(store: Map<string, Map<number, number>>, key: string): Map<number, number> {
  let cache = store.get(key);
  // Bounded: a long-lived page converting instants over many years stays small.
  if (!cache || cache.size > 200_000) {
    cache = new Map();
    store.set(key, cache);
  }
  return cache;
}

/**
 * {@link zoneOffsetMs} for many instants (250,000 payments, 100,000 export cells): a UTC day
 * whose first and last second share an offset has no transition (zones change at most once a
 * day), so one `Intl` lookup serves the whole day; a transition day falls back to quarter-hour
 * buckets (offsets change only on quarter hours in every zone in use).
 */
export function cachedZoneOffsetMs(at: Timestamp, timeZone?: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  const key = timeZone ?? '';
  const days = cacheFor(dayOffsets, key);
  const day = Math.floor(at / DAY);
  let whole = days.get(day);
  if (whole === undefined) {
    const first = zoneOffsetMs(day * DAY, timeZone);
    whole = first === zoneOffsetMs(day * DAY + DAY - 1000, timeZone) ? first : Number.NaN;
    days.set(day, whole);
  }
  if (!Number.isNaN(whole)) return whole;
  const quarters = cacheFor(quarterOffsets, key);
  const bucket = Math.floor(at / QUARTER_HOUR);
  let offset = quarters.get(bucket);
  if (offset === undefined) {
    offset = zoneOffsetMs(bucket * QUARTER_HOUR, timeZone);
    quarters.set(bucket, offset);
  }
  return offset;
}
