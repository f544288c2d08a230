import type { Timestamp } from '../model/common.js';
import { zoneOffsetMs } from './zone.js';

// A module of its own: the widgets' first render needs only the exact offset (date presets),
// while the cached one serves lazily loaded code (classification, exports, the 1C adapter); in
// one module a bundler would ship both in the first render's shared chunk.

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
