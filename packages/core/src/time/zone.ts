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
