import {
  CrmError,
  checkMeeting,
  type AdapterCapabilities,
  type Booking,
  type BookingResource,
  type CallOptions,
  type DayHours,
  type NewBooking,
} from '@crmkit/core';
import { SnapshotAdapter, type CrmSnapshot } from '@crmkit/adapter-mock';

/**
 * A hand-made sales office for the booking calendar's tests and stories, in Europe/Berlin so
 * the week of 2026-03-23 holds the spring DST change (Sunday 29th). Cases: an overbooked slot,
 * a break, a bus whose Wednesday became a day off under a booking, a full manager.
 */
export const BOOKING_NOW = Date.parse('2026-03-23T07:00:00Z'); // Monday 08:00 in Berlin
export const BOOKING_WEEK = '2026-03-23';

const h = (start: string, end: string, breaks: DayHours['breaks'] = []): DayHours => ({ start, end, breaks });
const weekdays = (x: DayHours) => ({ 1: x, 2: x, 3: x, 4: x, 5: x });

export const BOOKING_RESOURCES: readonly BookingResource[] = [
  { id: 'room-s', type: 'meeting-room', name: 'Переговорная 1', capacity: 2, schedule: { days: { ...weekdays(h('09:00', '13:00', [{ start: '11:00', end: '12:00' }])), 6: h('09:00', '13:00'), 7: h('09:00', '13:00') }, slotMinutes: 60 }, exceptions: [] },
  { id: 'room-l', type: 'meeting-room', name: 'Переговорная 2', capacity: 6, schedule: { days: weekdays(h('09:00', '13:00')), slotMinutes: 60 }, exceptions: [] },
  { id: 'bus', type: 'bus', name: 'Автобус', capacity: 20, schedule: { days: weekdays(h('10:00', '12:00')), slotMinutes: 60 }, exceptions: [{ date: '2026-03-25', hours: null, reason: 'ТО' }] },
  { id: 'm-sales', type: 'manager', kind: 'ОП', name: 'Юлия', capacity: 2, schedule: { days: weekdays(h('09:00', '13:00')), slotMinutes: 60 }, exceptions: [] },
  { id: 'm-mort', type: 'manager', kind: 'ИК', name: 'Зита', capacity: 1, schedule: { days: weekdays(h('09:00', '13:00')), slotMinutes: 60 }, exceptions: [] },
];

function b(id: string, resourceId: string, startIso: string, hours: number, seats: number, names: string[], createdAt: number): Booking {
  const start = Date.parse(startIso);
  return { id, resourceId, meetingId: `m-${id}`, start, end: start + hours * 3_600_000, seats, title: 'Онлайн ПЗ', clientRefs: [], clientNames: names, createdAt, status: 'active' };
}

export const BOOKING_BOOKINGS: readonly Booking[] = [
  b('b1', 'room-s', '2026-03-23T09:00:00Z', 1, 1, ['Юлия К.'], 1), // Mon 10:00 Berlin
  b('b2', 'room-s', '2026-03-23T09:00:00Z', 1, 2, ['Кристина'], 2), // the same slot: 3 of 2 seats
  b('b3', 'room-s', '2026-03-29T07:00:00Z', 1, 1, ['Заира'], 3), // Sunday 09:00 CEST, after the change
  b('b4', 'bus', '2026-03-25T09:00:00Z', 1, 12, ['Экскурсия'], 4), // Wednesday, now a day off
  b('b5', 'm-mort', '2026-03-24T09:00:00Z', 1, 1, ['Иванова'], 5), // Tue 10:00, the manager is full
];

export const BOOKING_SNAPSHOT: CrmSnapshot = {
  format: 'crmkit-snapshot',
  version: 1,
  origin: 'mock://booking',
  userId: '1',
  timeZone: 'Europe/Berlin',
  generatedAt: BOOKING_NOW,
  entities: { resource: [...BOOKING_RESOURCES], booking: [...BOOKING_BOOKINGS] },
};

/**
 * The snapshot adapter plus all-or-nothing `createBookings` that refuses any booking over a
 * resource's capacity, as the mock adapter does. Counts its writes for tests.
 */
export class WritableBookingAdapter extends SnapshotAdapter {
  override readonly kind = 'test-writable';
  readonly store: Booking[];
  writes = 0;
  /** The next write is stored, then its answer is "lost" (a `network` error): a dropped response. */
  loseNextAnswer = false;

  constructor(snapshot: CrmSnapshot = BOOKING_SNAPSHOT) {
    super(snapshot);
    this.store = [...(snapshot.entities.booking ?? [])];
  }

  protected override records<E extends keyof CrmSnapshot['entities']>(entity: E) {
    if (entity === 'booking') return this.store as never;
    return super.records(entity);
  }

  override async capabilities(options?: CallOptions): Promise<AdapterCapabilities> {
    const caps = await super.capabilities(options);
    return { ...caps, writes: { apartmentBooking: false, resourceBooking: true } };
  }

  async createBookings(list: readonly NewBooking[]): Promise<readonly Booking[]> {
    // Idempotent by client-made id, as the real adapters are: a retry returns what is stored.
    const stored = list.map((n) => (n.id === undefined ? undefined : this.store.find((b) => b.id === n.id)));
    if (stored.every((b) => b !== undefined)) return stored as Booking[];
    const resources = (await this.list('resource')).items;
    for (const n of list) {
      const r = resources.find((x) => x.id === n.resourceId);
      if (!r) throw new CrmError('not-found');
      const slots = [{ start: n.start, end: n.end, clock: '', date: '' }];
      if (checkMeeting([{ resource: r, slots }], this.store, n.seats).some((p) => p.code === 'conflict')) throw new CrmError('conflict');
    }
    this.writes++;
    const made = list.map((n, i): Booking => ({ ...n, id: n.id ?? `new-${this.store.length + i}`, meetingId: n.meetingId ?? 'm-new', createdAt: Date.now(), status: 'active' }));
    this.store.push(...made);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new CrmError('network');
    }
    return made;
  }
}

