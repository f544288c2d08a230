import { expect } from '@open-wc/testing';
import type { Booking, BookingResource, DayHours } from '../../model/booking.js';
import {
  addCalendarDays,
  checkMeeting,
  clockInZone,
  commonFreeStarts,
  countFreeSlots,
  dateInZone,
  daySlots,
  gridClocks,
  isoWeekday,
  meetingBookings,
  meetingsToReschedule,
  mergeSlots,
  recommendResources,
  slotOccupancy,
  isoWeekStart,
  zonedInstant,
} from './index.js';

const Z = (iso: string) => Date.parse(iso);
const BERLIN = 'Europe/Berlin';
const MOSCOW = 'Europe/Moscow';

const hours = (start: string, end: string, breaks: DayHours['breaks'] = []): DayHours => ({ start, end, breaks });
const everyDay = (h: DayHours) => ({ 1: h, 2: h, 3: h, 4: h, 5: h, 6: h, 7: h });

function resource(id: string, over: Partial<BookingResource> = {}): BookingResource {
  return {
    id,
    type: 'meeting-room',
    name: id,
    capacity: 2,
    schedule: { days: everyDay(hours('09:00', '13:00', [{ start: '11:00', end: '12:00' }])), slotMinutes: 60 },
    exceptions: [],
    ...over,
  };
}

let seq = 0;
function booking(resourceId: string, start: string, end: string, over: Partial<Booking> = {}): Booking {
  seq++;
  return {
    id: `b${seq}`,
    resourceId,
    meetingId: `m${seq}`,
    start: Z(start),
    end: Z(end),
    seats: 1,
    title: 'Встреча',
    clientRefs: [],
    createdAt: seq,
    status: 'active',
    ...over,
  };
}

describe('zoned time', () => {
  it('converts wall clock in a zone to instants on both sides of Berlin\'s spring DST change', () => {
    expect(zonedInstant('2026-03-28', '09:00', BERLIN)).to.equal(Z('2026-03-28T08:00:00Z')); // CET +1
    expect(zonedInstant('2026-03-29', '09:00', BERLIN)).to.equal(Z('2026-03-29T07:00:00Z')); // CEST +2
    expect(zonedInstant('2026-03-30', '09:00', MOSCOW)).to.equal(Z('2026-03-30T06:00:00Z')); // no DST
  });

  it('reads a non-existent spring time an hour later and an ambiguous autumn time as the earlier', () => {
    // 02:30 does not exist on 2026-03-29 in Berlin: it is read as 03:30 CEST = 01:30Z.
    expect(zonedInstant('2026-03-29', '02:30', BERLIN)).to.equal(Z('2026-03-29T01:30:00Z'));
    // 02:30 happens twice on 2026-10-25: first at CEST (00:30Z).
    expect(zonedInstant('2026-10-25', '02:30', BERLIN)).to.equal(Z('2026-10-25T00:30:00Z'));
    expect(zonedInstant('2026-10-25', '09:00', BERLIN)).to.equal(Z('2026-10-25T08:00:00Z'));
  });

  it('gives the date and clock of one instant in different zones', () => {
    const at = Z('2026-03-29T22:30:00Z');
    expect(dateInZone(at, BERLIN)).to.equal('2026-03-30');
    expect(clockInZone(at, BERLIN)).to.equal('00:30');
    expect(dateInZone(at, MOSCOW)).to.equal('2026-03-30');
    expect(clockInZone(at, MOSCOW)).to.equal('01:30');
    expect(dateInZone(at, 'America/New_York')).to.equal('2026-03-29');
  });

  it('does calendar arithmetic on dates across month ends', () => {
    expect(isoWeekday('2026-03-29')).to.equal(7);
    expect(isoWeekday('2026-03-30')).to.equal(1);
    expect(addCalendarDays('2026-03-30', 3)).to.equal('2026-04-02');
    expect(addCalendarDays('2026-03-01', -1)).to.equal('2026-02-28');
    expect(isoWeekStart('2026-03-29')).to.equal('2026-03-23');
  });
});

describe('daySlots', () => {
  const room = resource('room', { timeZone: BERLIN });

  it('makes hourly slots from the schedule, a break included, on the DST Sunday', () => {
    const day = daySlots(room, '2026-03-29', [], { timeZone: MOSCOW });
    expect(day.slots.map((s) => s.clock)).to.deep.equal(['09:00', '10:00', '11:00', '12:00']);
    expect(day.slots[0].start).to.equal(Z('2026-03-29T07:00:00Z'));
    expect(day.slots[0].end - day.slots[0].start).to.equal(3_600_000);
    expect(day.slots.map((s) => s.reason ?? 'open')).to.deep.equal(['open', 'open', 'break', 'open']);
    // The day before the change, 09:00 Berlin is an hour later in UTC.
    expect(daySlots(room, '2026-03-28', [], { timeZone: MOSCOW }).slots[0].start).to.equal(Z('2026-03-28T08:00:00Z'));
  });

  it('counts load against capacity, ignoring cancelled bookings, and says who holds it', () => {
    const a = booking('room', '2026-03-29T08:00:00Z', '2026-03-29T09:00:00Z', { clientNames: ['Юлия'] });
    const b = booking('room', '2026-03-29T08:00:00Z', '2026-03-29T09:00:00Z');
    const c = booking('room', '2026-03-29T08:00:00Z', '2026-03-29T09:00:00Z', { status: 'cancelled' });
    const other = booking('elsewhere', '2026-03-29T07:00:00Z', '2026-03-29T08:00:00Z');
    const day = daySlots(room, '2026-03-29', [c, b, a, other], { timeZone: MOSCOW });
    expect(day.slots.map((s) => `${s.clock} (${s.load}/${s.capacity})`)).to.deep.equal([
      '09:00 (0/2)',
      '10:00 (2/2)',
      '11:00 (0/2)',
      '12:00 (0/2)',
    ]);
    expect(day.slots[1].reason).to.equal('full');
    expect(day.slots[1].bookings.map((x) => x.id)).to.deep.equal([a.id, b.id]);
    expect(day.slots[1].overbooked).to.equal(false);
  });

  it('marks a day off from an exception, and grid clocks outside the hours', () => {
    const closed = resource('closed', { exceptions: [{ date: '2026-03-30', hours: null, reason: 'holiday' }] });
    expect(daySlots(closed, '2026-03-30', [], { timeZone: MOSCOW }).slots).to.deep.equal([]);
    const grid = daySlots(closed, '2026-03-30', [], { timeZone: MOSCOW, clocks: ['09:00'] });
    expect(grid.hours).to.equal(null);
    expect(grid.slots[0].reason).to.equal('day-off');
    const open = daySlots(closed, '2026-03-31', [], { timeZone: MOSCOW, clocks: ['08:00', '09:00', '13:00'] });
    expect(open.slots.map((s) => s.reason ?? 'open')).to.deep.equal(['outside-schedule', 'open', 'outside-schedule']);
  });

  it('lines up resources with different hours in one grid', () => {
    const early = resource('early', { schedule: { days: { 1: hours('08:00', '10:00') }, slotMinutes: 60 } });
    const late = resource('late', { schedule: { days: { 1: hours('09:00', '11:00') }, slotMinutes: 60 } });
    expect(gridClocks([early, late], ['2026-03-30'])).to.deep.equal(['08:00', '09:00', '10:00']);
  });
});

describe('countFreeSlots', () => {
  const room = resource('room', { timeZone: BERLIN }); // 09–13 Berlin, break 11–12, capacity 2

  it('counts free slots of a day by hand: a break, a full slot, a half-full one, a cancelled seat', () => {
    // 2026-03-30 (Monday, CEST +2): 09:00 = 07:00Z, 10:00 = 08:00Z, 11:00 break, 12:00 = 10:00Z.
    const full1 = booking('room', '2026-03-30T08:00:00Z', '2026-03-30T09:00:00Z');
    const full2 = booking('room', '2026-03-30T08:30:00Z', '2026-03-30T09:00:00Z');
    const half = booking('room', '2026-03-30T10:00:00Z', '2026-03-30T11:00:00Z');
    const gone = booking('room', '2026-03-30T07:00:00Z', '2026-03-30T08:00:00Z', { status: 'cancelled', seats: 2 });
    const other = booking('elsewhere', '2026-03-30T07:00:00Z', '2026-03-30T08:00:00Z', { seats: 5 });
    // 09:00 free (the cancelled booking does not count), 10:00 full (2/2), 11:00 break, 12:00 free (1/2).
    expect(countFreeSlots(room, '2026-03-30', [full1, full2, half, gone, other], { timeZone: MOSCOW })).to.deep.equal({ total: 4, free: 2 });
    expect(countFreeSlots(room, '2026-03-30', [], { timeZone: MOSCOW })).to.deep.equal({ total: 4, free: 3 });
  });

  it('counts a day off as none, and grid clocks outside the hours as closed', () => {
    const closed = resource('closed', { exceptions: [{ date: '2026-03-30', hours: null, reason: 'holiday' }] });
    expect(countFreeSlots(closed, '2026-03-30', [], { timeZone: MOSCOW })).to.deep.equal({ total: 0, free: 0 });
    expect(countFreeSlots(closed, '2026-03-30', [], { timeZone: MOSCOW, clocks: ['09:00', '10:00'] })).to.deep.equal({ total: 2, free: 0 });
    // 08:00 and 13:00 are outside 09–13, 09:00 is open.
    expect(countFreeSlots(closed, '2026-03-31', [], { timeZone: MOSCOW, clocks: ['08:00', '09:00', '13:00'] })).to.deep.equal({ total: 3, free: 1 });
  });

  it('on the DST Sunday finds the booking at the summer-time instant of 09:00', () => {
    // 2026-03-29 09:00 Berlin is 07:00Z (CEST); a two-seat booking there fills it.
    const at9 = booking('room', '2026-03-29T07:00:00Z', '2026-03-29T08:00:00Z', { seats: 2 });
    // At 08:00Z (the winter-time reading of 09:00) it would fill 10:00 instead.
    expect(countFreeSlots(room, '2026-03-29', [at9], { timeZone: MOSCOW })).to.deep.equal({ total: 4, free: 2 });
  });

  it('equals the count of daySlots for every day of a DST week, schedules and zones mixed', () => {
    const rooms = [
      room,
      resource('moscow', { capacity: 1 }),
      resource('half', { capacity: 3, schedule: { days: { 1: hours('08:30', '12:00', [{ start: '10:00', end: '10:30' }]), 7: hours('00:00', '04:00') }, slotMinutes: 30 } }),
      resource('night', { timeZone: BERLIN, schedule: { days: everyDay(hours('01:00', '05:00')), slotMinutes: 60 } }),
    ];
    const all: Booking[] = [];
    for (let i = 0; i < 60; i++) {
      const r = rooms[i % rooms.length];
      const start = Z('2026-03-23T00:00:00Z') + ((i * 7919) % (8 * 24)) * 1_800_000;
      all.push(booking(r.id, new Date(start).toISOString(), new Date(start + 3_600_000).toISOString(), { seats: 1 + (i % 2), ...(i % 9 === 0 ? { status: 'cancelled' as const } : {}) }));
    }
    let checked = 0;
    for (const r of rooms)
      for (let d = 0; d < 8; d++) {
        const date = addCalendarDays('2026-03-23', d);
        for (const options of [{ timeZone: MOSCOW }, { timeZone: MOSCOW, clocks: gridClocks(rooms, [date]) }]) {
          const slots = daySlots(r, date, all, options).slots;
          expect(countFreeSlots(r, date, all, options), `${r.id} ${date}`).to.deep.equal({ total: slots.length, free: slots.filter((s) => s.reason === undefined).length });
          checked++;
        }
      }
    expect(checked).to.equal(64);
  });
});

describe('meetings', () => {
  const small = resource('small', { capacity: 2, name: 'Малая' });
  const mid = resource('mid', { capacity: 4, name: 'Средняя' });
  const big = resource('big', { capacity: 10, name: 'Большая' });
  const bus = resource('bus', { type: 'bus', capacity: 20, name: 'Автобус' });
  const sales1 = resource('s1', { type: 'manager', kind: 'sales', capacity: 2, name: 'Юлия' });
  const sales2 = resource('s2', { type: 'manager', kind: 'sales', capacity: 2, name: 'Зита' });
  const mortgage = resource('ip', { type: 'manager', kind: 'mortgage', capacity: 1, name: 'Кристина' });

  it('recommends the smallest sufficient resources of each type for the party', () => {
    const rec = recommendResources([big, bus, small, sales2, mortgage, mid, sales1], 3);
    expect(rec.map((r) => r.role)).to.deep.equal(['meeting-room', 'bus', 'manager:mortgage', 'manager:sales']);
    expect(rec[0].fitting.map((r) => r.id)).to.deep.equal(['mid', 'big']);
    expect(rec[0].tooSmall.map((r) => r.id)).to.deep.equal(['small']);
    // Managers take one meeting, whatever the party: both sales managers fit, by name.
    expect(rec[3].fitting.map((r) => r.id)).to.deep.equal(['s2', 's1']);
  });

  it('refuses two resources of one type, and two managers of one kind', () => {
    const slot = daySlots(mid, '2026-03-30', [], { timeZone: BERLIN }).slots[0];
    const problems = checkMeeting(
      [
        { resource: mid, slots: [slot] },
        { resource: big, slots: [slot] },
        { resource: sales1, slots: [slot] },
        { resource: sales2, slots: [slot] },
        { resource: mortgage, slots: [slot] },
      ],
      [],
      3,
    );
    expect(problems.map((p) => `${p.code}:${p.resourceId}`)).to.deep.equal(['same-role:big', 'same-role:s2']);
  });

  it('finds conflicts with existing bookings, breaks and too small rooms before writing', () => {
    const existing = booking('mid', '2026-03-30T08:00:00Z', '2026-03-30T09:00:00Z', { seats: 2 }); // 10:00 Berlin, 2 of 4 seats
    const slots = daySlots(mid, '2026-03-30', [existing], { timeZone: BERLIN }).slots;
    // 09:00 free (0/4), 10:00 half (2/4), 11:00 break.
    const party3 = checkMeeting([{ resource: mid, slots: [slots[0], slots[1], slots[2]] }], [existing], 3);
    expect(party3.map((p) => p.code)).to.deep.equal(['conflict', 'unavailable']);
    expect(party3[0].start).to.equal(Z('2026-03-30T08:00:00Z'));
    expect(party3[0].bookings?.map((b) => b.id)).to.deep.equal([existing.id]);
    expect(party3[1].reason).to.equal('break');
    // A party of 2 fits into the 2 seats left.
    expect(checkMeeting([{ resource: mid, slots: [slots[1]] }], [existing], 2)).to.deep.equal([]);
    expect(checkMeeting([{ resource: small, slots: [slots[0]] }], [], 3).map((p) => p.code)).to.deep.equal(['too-small']);
    expect(checkMeeting([], [], 1).map((p) => p.code)).to.deep.equal(['no-resources']);
  });

  it('writes one booking per run of consecutive slots, gaps give separate bookings', () => {
    const slots = daySlots(big, '2026-03-30', [], { timeZone: BERLIN }).slots; // 09, 10, 11 (break), 12
    const out = meetingBookings([{ resource: big, slots: [slots[3], slots[0], slots[1]] }, { resource: sales1, slots: [slots[0]] }], {
      title: 'Показ',
      guests: 5,
      clientRefs: [{ kind: 'contact', id: '7' }],
      meetingId: 'M1',
    });
    expect(out.map((b) => [b.resourceId, new Date(b.start).toISOString(), new Date(b.end).toISOString(), b.seats])).to.deep.equal([
      ['big', '2026-03-30T07:00:00.000Z', '2026-03-30T09:00:00.000Z', 5],
      ['big', '2026-03-30T10:00:00.000Z', '2026-03-30T11:00:00.000Z', 5],
      ['s1', '2026-03-30T07:00:00.000Z', '2026-03-30T08:00:00.000Z', 1],
    ]);
    expect(out.every((b) => b.meetingId === 'M1')).to.equal(true);
    expect(mergeSlots([])).to.deep.equal([]);
  });

  it('overlays the slots where every chosen resource can take the party', () => {
    const taken = booking('mid', '2026-03-30T07:00:00Z', '2026-03-30T08:00:00Z', { seats: 3 }); // 09:00 Berlin
    const busy = booking('s1', '2026-03-30T10:00:00Z', '2026-03-30T11:00:00Z', { seats: 2 }); // 12:00
    const all = [taken, busy];
    const slots = new Map([
      ['mid', daySlots(mid, '2026-03-30', all, { timeZone: BERLIN }).slots],
      ['s1', daySlots(sales1, '2026-03-30', all, { timeZone: BERLIN }).slots],
    ]);
    const free = commonFreeStarts([mid, sales1], slots, 2);
    // 09:00 mid has 1 seat left (< 2), 11:00 is a break, 12:00 the manager is full: only 10:00.
    expect([...free].map((t) => new Date(t).toISOString())).to.deep.equal(['2026-03-30T08:00:00.000Z']);
    expect(commonFreeStarts([], slots, 2).size).to.equal(0);
  });
});

describe('meetingsToReschedule', () => {
  it('lists bookings on a new day off, a break, outside changed hours, and the later ones of an overbooked slot', () => {
    const room = resource('room', {
      capacity: 2,
      // Monday hours shrank to 10:00–13:00 with a break 11–12; Tuesday 2026-03-31 became a day off.
      schedule: { days: { 1: hours('10:00', '13:00', [{ start: '11:00', end: '12:00' }]), 2: hours('10:00', '13:00') }, slotMinutes: 60 },
      exceptions: [{ date: '2026-03-31', hours: null }],
    });
    const outside = booking('room', '2026-03-30T07:00:00Z', '2026-03-30T08:00:00Z'); // Mon 09:00 Berlin
    const onBreak = booking('room', '2026-03-30T09:00:00Z', '2026-03-30T10:00:00Z'); // Mon 11:00
    const dayOff = booking('room', '2026-03-31T08:00:00Z', '2026-03-31T09:00:00Z'); // Tue 10:00
    const first = booking('room', '2026-03-30T10:00:00Z', '2026-03-30T11:00:00Z'); // Mon 12:00, seat 1
    const second = booking('room', '2026-03-30T10:00:00Z', '2026-03-30T11:00:00Z'); // seat 2
    const third = booking('room', '2026-03-30T10:00:00Z', '2026-03-30T11:00:00Z'); // over capacity
    const cancelled = booking('room', '2026-03-30T09:00:00Z', '2026-03-30T10:00:00Z', { status: 'cancelled' });
    const gone = booking('deleted-room', '2026-03-30T08:00:00Z', '2026-03-30T09:00:00Z');
    const later = booking('room', '2026-04-07T07:00:00Z', '2026-04-07T08:00:00Z'); // outside the period
    const items = meetingsToReschedule([room], [third, second, first, dayOff, onBreak, outside, cancelled, gone, later], {
      from: '2026-03-30',
      to: '2026-03-31',
      timeZone: BERLIN,
    });
    expect(items.map((i) => `${i.booking.id}:${i.reason}`)).to.deep.equal([
      `${outside.id}:outside-schedule`,
      `${gone.id}:resource-missing`,
      `${onBreak.id}:break`,
      `${third.id}:overbooked`,
      `${dayOff.id}:day-off`,
    ]);
  });
});

describe('slotOccupancy', () => {
  const room = resource('room', { capacity: 2, schedule: { days: { 1: hours('09:00', '12:00') }, slotMinutes: 60 } });
  const bus = resource('bus', { type: 'bus', capacity: 10, schedule: { days: { 1: hours('09:00', '10:00') }, slotMinutes: 60 } });
  const bookings = [
    booking('room', '2026-03-23T08:00:00Z', '2026-03-23T09:00:00Z', { seats: 2 }), // Mon 09:00 Berlin, full
    booking('room', '2026-03-23T09:00:00Z', '2026-03-23T10:00:00Z', { seats: 3 }), // 10:00 overbooked
  ];
  const base = { from: '2026-03-23', to: '2026-03-29', timeZone: BERLIN } as const;

  it('sums capacity, used and remaining seats by resource type', () => {
    const r = slotOccupancy([room, bus], bookings, { ...base, groupBy: 'type' });
    expect(r.rows.map((x) => [x.key, x.slots, x.capacity, x.used, x.remaining, x.overbooked])).to.deep.equal([
      ['bus', 1, 10, 0, 10, 0],
      ['meeting-room', 3, 6, 4, 2, 1],
    ]);
    expect([r.total.slots, r.total.capacity, r.total.used, r.total.remaining]).to.deep.equal([4, 16, 4, 12]);
    expect(r.total.utilisation).to.equal(0.25);
  });

  it('groups by day and by resource, and fills the hour × weekday heatmap', () => {
    const byDay = slotOccupancy([room, bus], bookings, { ...base, groupBy: 'day' });
    expect(byDay.rows.map((x) => x.key)).to.deep.equal(['2026-03-23']);
    const byRes = slotOccupancy([room, bus], bookings, { ...base, groupBy: 'resource' });
    expect(byRes.rows.map((x) => [x.key, x.utilisation])).to.deep.equal([
      ['bus', 0],
      ['room', 4 / 6],
    ]);
    // Monday = column 0. 09:00: (2 + 0) / (2 + 10); 10:00: 2/2; 11:00: 0/2; 08:00 closed.
    expect(byDay.heatmap[9][0]).to.equal(2 / 12);
    expect(byDay.heatmap[10][0]).to.equal(1);
    expect(byDay.heatmap[11][0]).to.equal(0);
    expect(byDay.heatmap[8][0]).to.equal(null);
    expect(byDay.heatmap[9][1]).to.equal(null);
    const onlyBus = slotOccupancy([room, bus], bookings, { ...base, groupBy: 'type', type: 'bus' });
    expect(onlyBus.rows.map((x) => x.key)).to.deep.equal(['bus']);
  });
});
