import { expect } from '@open-wc/testing';
import type { Apartment, Building } from '../../model/real-estate.js';
import {
  addWorkingDays,
  countdown,
  daysOnSale,
  heatLevel,
  holdExpiresAt,
  isEmptyRequest,
  isWorkingDay,
  layoutBuilding,
  matchesRequest,
  rankMatches,
  sectionUnits,
  statusCounts,
  unitTotals,
  workingDaysBetween,
  type GridItem,
} from './index.js';

const Z = (iso: string) => Date.parse(iso);
const MOSCOW = 'Europe/Moscow';

function apt(number: string, over: Partial<Apartment> = {}): Apartment {
  return {
    id: `a${number}`,
    projectId: 'p',
    buildingId: 'b',
    sectionId: 's1',
    number,
    floor: 1,
    floorSpan: 1,
    column: 0,
    columnSpan: 1,
    type: 'apartment',
    rooms: 2,
    areaTotal: 50,
    price: 10_000_000,
    currency: 'RUB',
    status: 'free',
    statusAt: 0,
    ...over,
  };
}

describe('working days and holds', () => {
  it('holds a paid booking for 15 working days, ending at midnight in the CRM zone', () => {
    // Booked Monday 2025-03-03 10:00 MSK. Working days: 4–7 (4), 10–14 (9), 17–21 (14), 24 (15).
    expect(holdExpiresAt(Z('2025-03-03T07:00:00Z'), { timeZone: MOSCOW })).to.equal(Z('2025-03-24T21:00:00Z'));
    // A holiday on 2025-03-10 pushes it one working day: the 25th.
    expect(holdExpiresAt(Z('2025-03-03T07:00:00Z'), { timeZone: MOSCOW, calendar: { holidays: ['2025-03-10'] } })).to.equal(
      Z('2025-03-25T21:00:00Z'),
    );
  });

  it('skips the May holidays and weekends', () => {
    // Booked Wed 2025-04-30. May 1, 2, 8, 9 holidays; counting: 5–7 (3), 12–16 (8), 19–23 (13), 26–27 (15).
    const calendar = { holidays: ['2025-05-01', '2025-05-02', '2025-05-08', '2025-05-09'] };
    expect(holdExpiresAt(Z('2025-04-30T09:00:00Z'), { timeZone: MOSCOW, calendar })).to.equal(Z('2025-05-27T21:00:00Z'));
  });

  it('counts from the booking day in the CRM zone, not UTC or the browser\'s', () => {
    const at = Z('2025-03-06T22:30:00Z'); // Friday 01:30 in Moscow, still Thursday in UTC
    expect(holdExpiresAt(at, { timeZone: MOSCOW, days: 1 })).to.equal(Z('2025-03-10T21:00:00Z')); // Monday's end, MSK
    expect(holdExpiresAt(at, { timeZone: 'UTC', days: 1 })).to.equal(Z('2025-03-08T00:00:00Z')); // Friday's end, UTC
  });

  it('honours working Saturdays and weekday holidays', () => {
    expect(addWorkingDays('2025-10-31', 1)).to.equal('2025-11-03');
    expect(addWorkingDays('2025-10-31', 1, { workingWeekends: ['2025-11-01'] })).to.equal('2025-11-01');
    expect(addWorkingDays('2025-11-03', 1, { holidays: ['2025-11-04'] })).to.equal('2025-11-05');
    expect(addWorkingDays('2025-11-03', 0)).to.equal('2025-11-03');
    expect(isWorkingDay('2025-11-04', { holidays: ['2025-11-04'] })).to.equal(false);
    expect(isWorkingDay('2025-11-08', { weekend: [7] })).to.equal(true);
    expect(workingDaysBetween('2025-03-03', '2025-03-10')).to.equal(5);
    expect(workingDaysBetween('2025-03-10', '2025-03-03')).to.equal(0);
  });

  it('counts down days, hours and minutes, urgent under a day', () => {
    expect(countdown(0, 90_061_000)).to.deep.equal({ expired: false, ms: 90_061_000, days: 1, hours: 1, minutes: 1, urgent: false });
    expect(countdown(0, 3_600_000).urgent).to.equal(true);
    expect(countdown(10, 5)).to.deep.equal({ expired: true, ms: 0, days: 0, hours: 0, minutes: 0, urgent: false });
  });
});

describe('layoutBuilding', () => {
  const building: Building = {
    id: 'b',
    projectId: 'p',
    name: 'Корпус 1',
    sections: [
      { id: 's1', name: 'Секция 1', floors: [1, 2, 3, 5], columns: 2 }, // no 4th floor
      { id: 's2', name: 'Секция 2', floors: [1, 2], columns: 3 }, // a lower wing
    ],
  };
  const units = [
    apt('К1', { type: 'commercial', floor: 1, column: 0, columnSpan: 2 }),
    apt('21', { floor: 2, column: 0 }),
    apt('22', { floor: 2, column: 1 }),
    apt('31', { floor: 3, column: 0, floorSpan: 2 }), // two levels: floors 3 and 5
    apt('32', { floor: 3, column: 1 }),
    apt('52', { floor: 5, column: 1 }),
    apt('101', { sectionId: 's2', floor: 1, column: 0 }),
    apt('103', { sectionId: 's2', floor: 1, column: 2 }),
    apt('201', { sectionId: 's2', floor: 2, column: 0, columnSpan: 2 }), // merged
    apt('203', { sectionId: 's2', floor: 2, column: 2 }),
    apt('X', { sectionId: 's2', floor: 2, column: 2 }), // bad data: on 203's place
    apt('other', { buildingId: 'b2' }),
  ];
  const show = (i: GridItem) => (i.kind === 'unit' ? `${i.apartment.number}${i.rowSpan > 1 ? `↕${i.rowSpan}` : ''}${i.columnSpan > 1 ? `↔${i.columnSpan}` : ''}` : i.reason === 'no-floor' ? '∅' : '·');

  it('puts the top floor first, sections side by side, spans and gaps in table order', () => {
    const layout = layoutBuilding(building, units);
    expect(layout.floors).to.deep.equal([5, 3, 2, 1]);
    expect(layout.sections.map((s) => [s.columnStart, s.columns])).to.deep.equal([
      [0, 2],
      [2, 3],
    ]);
    expect(layout.rows.map((r) => r.items.map(show).join(' '))).to.deep.equal([
      '31↕2 52 ∅ ∅ ∅',
      '32 ∅ ∅ ∅',
      '21 22 201↔2 203',
      'К1↔2 101 · 103',
    ]);
    expect(layout.overlaps.map((a) => a.number)).to.deep.equal(['X']);
  });

  it('maps every position to the unit covering it, for keyboard moves across spans', () => {
    const layout = layoutBuilding(building, units);
    const at = (r: number, c: number) => {
      const i = layout.cover[r][c];
      return i < 0 ? null : layout.units[i].apartment.number;
    };
    expect(at(1, 0)).to.equal('31'); // lower level of the two-level apartment
    expect(at(3, 1)).to.equal('К1');
    expect(at(2, 3)).to.equal('201');
    expect(at(3, 3)).to.equal(null);
    expect(sectionUnits(layout, 1).map((u) => u.apartment.number)).to.deep.equal(['201', '203', '101', '103']);
  });

  it('draws an empty building as no rows', () => {
    const layout = layoutBuilding({ id: 'e', projectId: 'p', name: 'E', sections: [] }, []);
    expect(layout.rows).to.deep.equal([]);
    expect(layout.columnCount).to.equal(0);
  });
});

describe('requests, ranking, heatmap and totals', () => {
  const A = apt('1', { rooms: 1, areaTotal: 40, price: 8_000_000 }); // 200 000 /m²
  const B = apt('2', { rooms: 2, areaTotal: 60, price: 10_800_000, specialOffer: 'Скидка 5%' }); // 180 000
  const C = apt('3', { rooms: 2, areaTotal: 55, price: 9_900_000, finishing: 'turnkey' }); // 180 000
  const D = apt('4', { rooms: 2, areaTotal: 58, price: 9_860_000, status: 'booked' }); // 170 000
  const E = apt('5', { rooms: 5, areaTotal: 120, price: 30_000_000 });
  const F = apt('6', { type: 'studio', rooms: 0, areaTotal: 25, price: 5_000_000, status: 'sold' });
  const G = apt('7', { type: 'storage', rooms: 0, areaTotal: 10, price: 1_000_000, status: 'not-for-sale' });
  const all = [A, B, C, D, E, F, G];
  const request = { rooms: [2], areaFrom: 50, areaTo: 60, budgetTo: 11_000_000 };

  it('matches every condition of a client\'s request', () => {
    expect(all.filter((a) => matchesRequest(a, request)).map((a) => a.number)).to.deep.equal(['2', '3', '4']);
    expect(all.filter((a) => matchesRequest(a, { rooms: [4] })).map((a) => a.number)).to.deep.equal(['5']);
    expect(all.filter((a) => matchesRequest(a, { rooms: [0], types: ['studio'] })).map((a) => a.number)).to.deep.equal(['6']);
    expect(all.filter((a) => matchesRequest(a, { finishings: ['turnkey'] })).map((a) => a.number)).to.deep.equal(['3']);
    expect(all.filter((a) => matchesRequest(a, { specialOffer: true })).map((a) => a.number)).to.deep.equal(['2']);
    expect(matchesRequest(B, { budgetTo: 10_800_000 })).to.equal(true);
    expect(isEmptyRequest({})).to.equal(true);
    expect(isEmptyRequest({ budgetTo: 1 })).to.equal(false);
  });

  it('ranks free before booked, special offers first, then price per m², then the area closest to the wish', () => {
    expect(rankMatches(all, request).map((a) => a.number)).to.deep.equal(['2', '3', '4']);
    const plainB = { ...B, specialOffer: undefined };
    // B and C tie at 180 000 /m²; C's 55 m² is the middle of 50–60.
    expect(rankMatches([plainB, C, D], request).map((a) => a.number)).to.deep.equal(['3', '2', '4']);
    expect(rankMatches(all, request, 1).map((a) => a.number)).to.deep.equal(['2']);
  });

  it('buckets heat values and counts days on sale', () => {
    expect(heatLevel(100, 100, 200)).to.equal(0);
    expect(heatLevel(150, 100, 200)).to.equal(2);
    expect(heatLevel(200, 100, 200)).to.equal(4);
    expect(heatLevel(undefined, 100, 200)).to.equal(-1);
    expect(heatLevel(7, 7, 7)).to.equal(2);
    const now = Z('2026-01-11T12:00:00Z');
    expect(daysOnSale({ ...A, onSaleSince: Z('2026-01-01T00:00:00Z') }, now)).to.equal(10);
    expect(daysOnSale({ ...F, onSaleSince: Z('2026-01-01T00:00:00Z') }, now)).to.equal(undefined);
  });

  it('totals a group: sold share without not-for-sale units, sums, average price per m² by area', () => {
    const t = unitTotals(all);
    expect(t.units).to.equal(7);
    expect(t.sold).to.equal(1);
    expect(t.soldShare).to.equal(1 / 6);
    expect(t.sum).to.equal(74_560_000);
    expect(t.soldSum).to.equal(5_000_000);
    expect(t.avgPricePerM2).to.equal(74_560_000 / 368);
    expect(unitTotals([])).to.deep.equal({ units: 0, sold: 0, soldShare: 0, sum: 0, soldSum: 0, avgPricePerM2: 0 });
    expect(statusCounts(all)).to.deep.equal({ free: 4, booked: 1, 'paid-booking': 0, sold: 1, 'not-for-sale': 1 });
  });
});
