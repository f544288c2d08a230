/**
 * Wall-clock time of instants in a time zone, fast enough for 100,000 cells: the zone's offset
 * is looked up through `Intl` once per day (or per quarter hour on a transition day; offsets
 * change only at quarter-hour boundaries in every zone in use) instead of formatting every cell.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();
const QUARTER = 900_000;

function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
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
    formatters.set(key, f);
  }
  return f;
}

function rawOffset(at: number, timeZone: string | undefined): number {
  const p: Record<string, number> = {};
  for (const x of formatter(timeZone).formatToParts(at)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  const wall = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, (p.hour ?? 0) % 24, p.minute ?? 0, p.second ?? 0);
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

const DAY = 86_400_000;
const dayOffsets = new Map<string, Map<number, number>>();

function cacheFor(store: Map<string, Map<number, number>>, key: string): Map<number, number> {
  let cache = store.get(key);
  if (!cache || cache.size > 200_000) {
    cache = new Map();
    store.set(key, cache);
  }
  return cache;
}

/**
 * The zone's offset at an instant. A UTC day whose first and last millisecond share an offset
 * has no transition (zones change at most once a day), so one lookup serves the whole day;
 * a transition day falls back to quarter-hour buckets.
 */
function offsetAt(at: number, timeZone: string | undefined): number {
  const key = timeZone ?? '';
  const days = cacheFor(dayOffsets, key);
  const day = Math.floor(at / DAY);
  let whole = days.get(day);
  if (whole === undefined) {
    const a = rawOffset(day * DAY, timeZone);
    whole = a === rawOffset(day * DAY + DAY - 1000, timeZone) ? a : Number.NaN;
    days.set(day, whole);
  }
  if (!Number.isNaN(whole)) return whole;
  const quarters = cacheFor(offsets, key);
  const bucket = Math.floor(at / QUARTER);
  let offset = quarters.get(bucket);
  if (offset === undefined) {
    offset = rawOffset(bucket * QUARTER, timeZone);
    quarters.set(bucket, offset);
  }
  return offset;
}

/**
 * The instant's wall clock in the zone (default the runtime's), as a `Date` whose UTC fields
 * read as that wall clock: `wallClock(d, 'Europe/Moscow').getUTCHours()` is the Moscow hour.
 */
export function wallClock(date: Date, timeZone?: string): Date {
  const at = date.getTime();
  return new Date(at + offsetAt(at, timeZone));
}
