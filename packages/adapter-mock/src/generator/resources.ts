import type { Booking, BookingResource, Contact, DayHours, Employee, RecordRef, ScheduleException, WeeklySchedule } from '@crmkit/core';
import type { Random } from './random.js';
import type { MockSituationName } from './situations.js';
import { DAY, HOUR, MOCK_TIME_ZONE, calendarDate, startOfDay, wall } from './time.js';

/**
 * The sales office's bookable resources and the bookings already made: two weeks around `now`.
 * A few bookings fall on a break or a day off on purpose, so «Встречи к переносу» has cases.
 */

const hours = (start: string, end: string, breaks: readonly [string, string][] = []): DayHours => ({
  start,
  end,
  breaks: breaks.map(([s, e]) => ({ start: s, end: e })),
});

function week(days: readonly (1 | 2 | 3 | 4 | 5 | 6 | 7)[], h: DayHours, slotMinutes = 60): WeeklySchedule {
  const out: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, DayHours>> = {};
  for (const d of days) out[d] = h;
  return { days: out, slotMinutes };
}

const WEEKDAYS = [1, 2, 3, 4, 5] as const;
const LUNCH: [string, string][] = [['13:00', '14:00']];

/** The first day at or after `ts` with the given ISO weekday. */
function nextWeekday(ts: number, weekday: number): number {
  let d = startOfDay(ts);
  while (wall(d).weekday !== weekday) d += DAY;
  return d;
}

export function generateResources(
  rnd: Random,
  now: number,
  contacts: readonly Contact[],
  employees: readonly Employee[],
): { resources: BookingResource[]; bookings: Booking[]; situations: Partial<Record<MockSituationName, RecordRef[]>> } {
  const situations: Partial<Record<MockSituationName, RecordRef[]>> = {};
  const note = (name: MockSituationName, ref: RecordRef) => {
    const list = situations[name] ?? (situations[name] = []);
    if (list.length < 5) list.push(ref);
  };
  const sales = employees.filter((e) => e.position === 'Менеджер по продажам недвижимости');
  const mortgage = employees.filter((e) => e.position === 'Ипотечный брокер');
  // A day off next week for the small room and a short day for the showroom.
  const closedDay = nextWeekday(now + 2 * DAY, 3);
  const shortDay = nextWeekday(now + 2 * DAY, 5);
  const vacation = nextWeekday(now + 7 * DAY, 2);
  const exception = (day: number, h: DayHours | null, reason: string): ScheduleException => ({ date: calendarDate(day), hours: h, reason });

  const base = { timeZone: MOCK_TIME_ZONE, exceptions: [] as ScheduleException[] };
  const resources: BookingResource[] = [
    { ...base, id: '1', type: 'meeting-room', name: 'Переговорная «Москва»', capacity: 8, schedule: week(WEEKDAYS, hours('09:00', '19:00', LUNCH)) },
    {
      ...base,
      id: '2',
      type: 'meeting-room',
      name: 'Переговорная «Нева»',
      capacity: 4,
      schedule: week(WEEKDAYS, hours('10:00', '18:00', LUNCH)),
      exceptions: [exception(closedDay, null, 'Санитарный день')],
    },
    {
      ...base,
      id: '3',
      type: 'viewing-platform',
      name: 'Шоурум ЖК «Северный парк»',
      capacity: 12,
      projectId: '1',
      schedule: week([2, 3, 4, 5, 6, 7], hours('10:00', '20:00', [['14:00', '15:00']])),
      exceptions: [exception(shortDay, hours('10:00', '15:00'), 'Сокращённый день')],
    },
    { ...base, id: '4', type: 'bus', name: 'Автобус на объект (18 мест)', capacity: 18, projectId: '1', schedule: week([2, 4, 6], hours('10:00', '17:00', LUNCH)) },
    { ...base, id: '5', type: 'bus', name: 'Минивэн (6 мест)', capacity: 6, projectId: '1', schedule: week(WEEKDAYS, hours('11:00', '17:00')) },
  ];
  let rid = resources.length;
  sales.forEach((e, i) => {
    resources.push({
      ...base,
      id: String(++rid),
      type: 'manager',
      kind: 'sales',
      name: e.name,
      capacity: 1,
      employeeId: e.id,
      schedule: week(WEEKDAYS, hours('09:00', '18:00', LUNCH)),
      exceptions: i === 0 ? [exception(vacation, null, 'Отпуск')] : [],
    });
  });
  mortgage.forEach((e, i) => {
    resources.push({
      ...base,
      id: String(++rid),
      type: 'manager',
      kind: 'mortgage',
      name: e.name,
      // One broker also consults online, two meetings at once.
      capacity: i === 0 ? 2 : 1,
      employeeId: e.id,
      schedule: week(i === 0 ? [1, 2, 3, 4, 5, 6] : WEEKDAYS, hours('10:00', '19:00', [['14:00', '15:00']])),
    });
  });
  for (const r of resources) if (r.exceptions.length > 0) note('resourceException', { kind: 'resource', id: r.id });

  // Bookings: meetings on working days from a week ago to two weeks ahead.
  const bookings: Booking[] = [];
  const load = new Map<string, number>(); // `${resourceId}@${slotStart}` → seats taken
  const fits = (r: BookingResource, start: number, seats: number) => (load.get(`${r.id}@${start}`) ?? 0) + seats <= r.capacity;
  const clients = contacts.filter((c) => c.companyIds.length === 0).slice(0, 400);
  let bid = 0;
  let mid = 0;
  const rooms = resources.filter((r) => r.type === 'meeting-room' || r.type === 'viewing-platform');
  const buses = resources.filter((r) => r.type === 'bus');
  const salesMgrs = resources.filter((r) => r.kind === 'sales');
  const mortgageMgrs = resources.filter((r) => r.kind === 'mortgage');
  const creator = sales[0]?.id ?? employees[0]?.id;

  const book = (r: BookingResource, start: number, seats: number, meetingId: string, title: string, client: Contact | undefined, status: Booking['status'] = 'active'): Booking => {
    const b: Booking = {
      id: String(++bid),
      resourceId: r.id,
      meetingId,
      start,
      end: start + HOUR,
      seats,
      title,
      clientRefs: client ? [{ kind: 'contact', id: client.id }] : [],
      ...(client ? { clientNames: [client.name] } : {}),
      ...(creator ? { createdById: creator } : {}),
      createdAt: Math.min(now, start - rnd.int(1, 10) * DAY),
      status,
      version: '1',
    };
    bookings.push(b);
    if (status === 'active') load.set(`${r.id}@${start}`, (load.get(`${r.id}@${start}`) ?? 0) + seats);
    return b;
  };

  const meeting = (start: number, forceRoom?: BookingResource): Booking[] => {
    const client = clients.length > 0 ? rnd.pick(clients) : undefined;
    const people = rnd.int(1, 5);
    const meetingId = `m${++mid}`;
    const title = rnd.pick(['Презентация проекта', 'Подбор квартиры', 'Подписание договора бронирования', 'Консультация по ипотеке', 'Экскурсия на объект']);
    const out: Booking[] = [];
    const room = forceRoom ?? rooms.filter((r) => r.capacity >= people && fits(r, start, people))[0];
    if (room) out.push(book(room, start, people, meetingId, title, client));
    const mgr = salesMgrs.find((r) => fits(r, start, 1));
    if (mgr) out.push(book(mgr, start, 1, meetingId, title, client));
    if (rnd.chance(0.3)) {
      const m = mortgageMgrs.find((r) => fits(r, start, 1));
      if (m) out.push(book(m, start, 1, meetingId, title, client));
    }
    if (room?.type === 'viewing-platform' && rnd.chance(0.5)) {
      const bus = buses.find((r) => r.capacity >= people && fits(r, start, people));
      if (bus) out.push(book(bus, start, people, meetingId, title, client));
    }
    return out;
  };

  const first = startOfDay(now) - 7 * DAY;
  for (let day = first; day < first + 21 * DAY; day += DAY) {
    const w = wall(day);
    if (w.weekday > 5) continue;
    const n = rnd.int(2, 6);
    for (let k = 0; k < n; k++) {
      let hour = rnd.int(10, 17);
      if (hour === 13) hour = 12; // keep ordinary meetings off the lunch break
      meeting(day + hour * HOUR);
    }
  }
  // A cancelled meeting, which frees its slot.
  const some = bookings[0];
  if (some) bookings[0] = { ...some, status: 'cancelled' };

  // On purpose: a meeting during the lunch break of room 1, and one in room 2 on its day off.
  const room1 = resources[0] as BookingResource;
  const room2 = resources[1] as BookingResource;
  const onBreak = meeting(nextWeekday(now + DAY, 4) + 13 * HOUR, room1);
  if (onBreak[0]) note('bookingOnBreak', { kind: 'booking', id: onBreak[0].id });
  const onDayOff = meeting(closedDay + 11 * HOUR, room2);
  if (onDayOff[0]) note('bookingOnDayOff', { kind: 'booking', id: onDayOff[0].id });
  // And a bus trip on a Wednesday, when the bus does not run.
  const client = clients[0];
  const bus = resources[3] as BookingResource;
  const wed = book(bus, nextWeekday(now + DAY, 3) + 11 * HOUR, 4, `m${++mid}`, 'Экскурсия на объект', client);
  note('bookingOnDayOff', { kind: 'booking', id: wed.id });
  return { resources, bookings, situations };
}
