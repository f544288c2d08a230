import { expect } from '@open-wc/testing';
import { DATE_PRESET_KEYS } from '../i18n/translation.js';
import { addMonths, daysOfRange, parseCalendarDate, rangeOfDays, resolveDatePreset, startOfDay } from './date-presets.js';

const utc = (iso: string): number => Date.parse(iso);
const range = (from: string, to: string) => ({ from: utc(from), to: utc(to) });

describe('resolveDatePreset', () => {
  // Tuesday 25 Nov 2025, 13:00 in Moscow (UTC+3 all year).
  const tuesday = utc('2025-11-25T10:00:00Z');
  const MSK = 'Europe/Moscow';

  it('gives whole calendar days in the CRM time zone', () => {
    expect(resolveDatePreset('today', tuesday, MSK)).to.deep.equal(range('2025-11-24T21:00:00Z', '2025-11-25T21:00:00Z'));
    expect(resolveDatePreset('yesterday', tuesday, MSK)).to.deep.equal(range('2025-11-23T21:00:00Z', '2025-11-24T21:00:00Z'));
    expect(resolveDatePreset('last7', tuesday, MSK)).to.deep.equal(range('2025-11-18T21:00:00Z', '2025-11-25T21:00:00Z'));
    expect(resolveDatePreset('last30', tuesday, MSK)).to.deep.equal(range('2025-10-26T21:00:00Z', '2025-11-25T21:00:00Z'));
    expect(resolveDatePreset('next7', tuesday, MSK)).to.deep.equal(range('2025-11-24T21:00:00Z', '2025-12-01T21:00:00Z'));
    expect(resolveDatePreset('next30', tuesday, MSK)).to.deep.equal(range('2025-11-24T21:00:00Z', '2025-12-24T21:00:00Z'));
  });

  it('starts weeks on Monday, also when today is Sunday or Monday', () => {
    expect(resolveDatePreset('thisWeek', tuesday, MSK)).to.deep.equal(range('2025-11-23T21:00:00Z', '2025-11-30T21:00:00Z'));
    const sunday = utc('2025-11-30T12:00:00Z');
    expect(resolveDatePreset('thisWeek', sunday, 'UTC')).to.deep.equal(range('2025-11-24T00:00:00Z', '2025-12-01T00:00:00Z'));
    const monday = utc('2025-12-01T00:00:00Z');
    expect(resolveDatePreset('thisWeek', monday, 'UTC')).to.deep.equal(range('2025-12-01T00:00:00Z', '2025-12-08T00:00:00Z'));
  });

  it('takes the month from the CRM wall clock across a month boundary', () => {
    // 30 Nov 22:30 UTC is already 1 Dec 01:30 in Moscow.
    const edge = utc('2025-11-30T22:30:00Z');
    expect(resolveDatePreset('thisMonth', edge, MSK)).to.deep.equal(range('2025-11-30T21:00:00Z', '2025-12-31T21:00:00Z'));
    expect(resolveDatePreset('thisMonth', edge, 'UTC')).to.deep.equal(range('2025-11-01T00:00:00Z', '2025-12-01T00:00:00Z'));
    expect(resolveDatePreset('lastMonth', edge, MSK)).to.deep.equal(range('2025-10-31T21:00:00Z', '2025-11-30T21:00:00Z'));
    expect(resolveDatePreset('today', edge, 'America/New_York')).to.deep.equal(range('2025-11-30T05:00:00Z', '2025-12-01T05:00:00Z'));
  });

  it('crosses a year boundary for last month, yesterday and quarters', () => {
    const jan = utc('2026-01-15T12:00:00Z');
    expect(resolveDatePreset('lastMonth', jan, 'UTC')).to.deep.equal(range('2025-12-01T00:00:00Z', '2026-01-01T00:00:00Z'));
    expect(resolveDatePreset('thisQuarter', jan, 'UTC')).to.deep.equal(range('2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z'));
    expect(resolveDatePreset('thisQuarter', tuesday, 'UTC')).to.deep.equal(range('2025-10-01T00:00:00Z', '2026-01-01T00:00:00Z'));
    expect(resolveDatePreset('thisYear', tuesday, MSK)).to.deep.equal(range('2024-12-31T21:00:00Z', '2025-12-31T21:00:00Z'));
    const newYearMorning = utc('2026-01-01T05:00:00Z');
    expect(resolveDatePreset('yesterday', newYearMorning, MSK)).to.deep.equal(range('2025-12-30T21:00:00Z', '2025-12-31T21:00:00Z'));
  });

  it('clamps the next three months to the shorter month', () => {
    expect(resolveDatePreset('next3Months', utc('2025-11-15T12:00:00Z'), 'UTC')).to.deep.equal(range('2025-11-15T00:00:00Z', '2026-02-15T00:00:00Z'));
    expect(resolveDatePreset('next3Months', utc('2025-11-30T12:00:00Z'), 'UTC')).to.deep.equal(range('2025-11-30T00:00:00Z', '2026-02-28T00:00:00Z'));
    expect(addMonths({ year: 2024, month: 1, day: 31 }, 1)).to.deep.equal({ year: 2024, month: 2, day: 29 });
    expect(addMonths({ year: 2025, month: 12, day: 31 }, -10)).to.deep.equal({ year: 2025, month: 2, day: 28 });
  });

  it('keeps midnights across a daylight-saving change', () => {
    // New York springs forward on 9 Mar 2025: the day is 23 hours long.
    const ny = utc('2025-03-09T12:00:00Z');
    expect(resolveDatePreset('today', ny, 'America/New_York')).to.deep.equal(range('2025-03-09T05:00:00Z', '2025-03-10T04:00:00Z'));
    expect(resolveDatePreset('last7', ny, 'America/New_York')).to.deep.equal(range('2025-03-03T05:00:00Z', '2025-03-10T04:00:00Z'));
    // Santiago skips midnight on 8 Sep 2024 (00:00 → 01:00): the day starts at 01:00 local.
    expect(startOfDay({ year: 2024, month: 9, day: 8 }, 'America/Santiago')).to.equal(utc('2024-09-08T04:00:00Z'));
  });

  it('gives no bounds for "all" and leaves "custom" to the inputs', () => {
    expect(resolveDatePreset('all', tuesday, MSK)).to.deep.equal({});
    expect(resolveDatePreset('custom', tuesday, MSK)).to.equal(undefined);
  });

  it('gives a non-empty range for every other preset', () => {
    for (const key of DATE_PRESET_KEYS) {
      if (key === 'all' || key === 'custom') continue;
      const r = resolveDatePreset(key, tuesday, MSK);
      expect(r?.from, key).to.be.a('number');
      expect((r?.to ?? 0) > (r?.from ?? 0), key).to.equal(true);
    }
  });
});

describe('rangeOfDays / daysOfRange', () => {
  it('turns inclusive input days into a half-open range and back', () => {
    const r = rangeOfDays('2025-11-01', '2025-11-30', 'Europe/Moscow');
    expect(r).to.deep.equal(range('2025-10-31T21:00:00Z', '2025-11-30T21:00:00Z'));
    expect(daysOfRange(r, 'Europe/Moscow')).to.deep.equal({ from: '2025-11-01', to: '2025-11-30' });
  });

  it('swaps reversed days and ignores invalid ones', () => {
    expect(rangeOfDays('2025-11-30', '2025-11-01', 'UTC')).to.deep.equal(range('2025-11-01T00:00:00Z', '2025-12-01T00:00:00Z'));
    expect(rangeOfDays('2025-02-30', '', 'UTC')).to.deep.equal({});
    expect(rangeOfDays(undefined, '2025-02-28', 'UTC')).to.deep.equal({ to: utc('2025-03-01T00:00:00Z') });
    expect(parseCalendarDate('2024-02-29')).to.deep.equal({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('2025-2-1')).to.equal(undefined);
  });
});
