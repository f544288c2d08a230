/**
 * Wall-clock time of instants in a time zone, fast enough for 100,000 cells: the zone's offset
 * is looked up through `Intl` once per day (`cachedZoneOffsetMs`) instead of formatting every cell.
 */
import { cachedZoneOffsetMs } from '../time/zone-cache.js';

/**
 * The instant's wall clock in the zone (default the runtime's), as a `Date` whose UTC fields
 * read as that wall clock: `wallClock(d, 'Europe/Moscow').getUTCHours()` is the Moscow hour.
 */
export function wallClock(date: Date, timeZone?: string): Date {
  const at = date.getTime();
  return new Date(at + cachedZoneOffsetMs(at, timeZone));
}
