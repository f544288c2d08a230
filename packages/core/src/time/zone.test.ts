import { expect } from '@open-wc/testing';
import { wallClockAt, zoneOffsetMs } from './zone.js';
import { cachedZoneOffsetMs } from './zone-cache.js';

const H = 3_600_000;

describe('time zones', () => {
  it('reads the wall clock of a named zone, not the browser’s', () => {
    // 21:30 UTC on 31 January is 00:30 on 1 February in Moscow (+3, no DST).
    expect(wallClockAt(Date.UTC(2026, 0, 31, 21, 30, 15), 'Europe/Moscow')).to.deep.equal({ year: 2026, month: 2, day: 1, hour: 0, minute: 30, second: 15 });
    expect(zoneOffsetMs(Date.UTC(2026, 0, 31), 'Europe/Moscow')).to.equal(3 * H);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 31), 'UTC')).to.equal(0);
  });

  it('follows daylight saving: Berlin is +1 before 01:00 UTC on 29 March 2026 and +2 after', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 2, 29, 0, 59), 'Europe/Berlin')).to.equal(H);
    expect(zoneOffsetMs(Date.UTC(2026, 2, 29, 1, 0), 'Europe/Berlin')).to.equal(2 * H);
    // Half-hour and quarter-hour zones.
    expect(zoneOffsetMs(Date.UTC(2026, 5, 1), 'Asia/Kolkata')).to.equal(5.5 * H);
    expect(zoneOffsetMs(Date.UTC(2026, 5, 1), 'Asia/Kathmandu')).to.equal(5.75 * H);
  });

  it('the cached offset equals the exact one every 7 minutes of a year, transitions included', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Europe/Moscow']) {
      for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 7 * 60_000 * 97) {
        if (cachedZoneOffsetMs(at, zone) !== zoneOffsetMs(at, zone)) throw new Error(`${zone} at ${new Date(at).toISOString()}`);
      }
      // Around the day's transition itself, minute by minute.
      const day = zone === 'Europe/Berlin' ? Date.UTC(2026, 2, 29) : zone === 'America/New_York' ? Date.UTC(2026, 2, 8) : Date.UTC(2026, 3, 5);
      for (let at = day; at < day + 24 * H; at += 60_000) expect(cachedZoneOffsetMs(at, zone)).to.equal(zoneOffsetMs(at, zone));
    }
  });
});
