// The zone offsets of 100,000 rows, cached per day; a subpath keeps the adapter free of core's UI.
import { cachedZoneOffsetMs as zoneOffsetMs } from '@crmkit/core/time/zone-cache.js';

/**
 * Value conversions between 1C's OData wire format and the core model. 1C sends datetimes as
 * the server's wall-clock time without a zone (`2024-03-01T14:00:00`), `0001-01-01T00:00:00`
 * for an empty date, the zero GUID for an empty reference, and Int64 numbers as strings.
 */

export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';
export const EMPTY_DATE = '0001-01-01T00:00:00';

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;

/**
 * A 1C wall-clock datetime in `timeZone` as an instant (epoch ms), or undefined for the empty
 * date and anything unparsable. In the hour skipped by a DST change the later offset wins.
 */
export function wallClockToInstant(value: unknown, timeZone: string): number | undefined {
  if (typeof value !== 'string' || value.startsWith('0001-01-01')) return undefined;
  const m = WALL.exec(value);
  if (!m) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  // Two passes settle the offset around DST changes.
  let guess = asUtc - zoneOffsetMs(asUtc, timeZone);
  guess = asUtc - zoneOffsetMs(guess, timeZone);
  return guess;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An instant as the wall-clock datetime 1C expects in `timeZone` (no zone suffix). */
export function instantToWallClock(instant: number | undefined, timeZone: string): string {
  if (instant === undefined || !Number.isFinite(instant)) return EMPTY_DATE;
  const local = new Date(Math.floor(instant / 1000) * 1000 + zoneOffsetMs(instant, timeZone));
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
}

/** `YYYY-MM-DD` from a 1C date, or undefined for the empty date. */
export function toCalendarDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.startsWith('0001-01-01') || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  return value.slice(0, 10);
}

/** `HH:MM` from a 1C time (a datetime on 0001-01-01), or undefined. */
export function toClock(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /T(\d{2}):(\d{2})/.exec(value);
  return m ? `${m[1]}:${m[2]}` : undefined;
}

export function clockToWallClock(clock: string | undefined): string {
  return clock ? `0001-01-01T${clock}:00` : EMPTY_DATE;
}

export function isEmptyRef(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === EMPTY_GUID;
}

/** A reference, or undefined for the empty GUID. */
export function toRef(value: unknown): string | undefined {
  return isEmptyRef(value) ? undefined : String(value);
}

/** Int64 strings, Int16/32 and Double alike as numbers; undefined for nothing. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

export function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value !== '' && value !== 'false' && value !== EMPTY_GUID;
  if (typeof value === 'number') return value !== 0;
  return false;
}

/** `user:password` as a Basic credential, UTF-8 encoded so Cyrillic user names work. */
export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/** Decodes a Basic credential (UTF-8) into user and password; undefined when malformed. */
export function parseBasicAuthorization(header: string | undefined): { user: string; password: string } | undefined {
  if (!header || !/^Basic\s+/i.test(header)) return undefined;
  try {
    const binary = atob(header.replace(/^Basic\s+/i, '').trim());
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const at = text.indexOf(':');
    if (at < 0) return undefined;
    return { user: text.slice(0, at), password: text.slice(at + 1) };
  } catch {
    return undefined;
  }
}
