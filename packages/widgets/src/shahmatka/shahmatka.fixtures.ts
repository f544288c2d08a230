import { CrmError, type Apartment, type ApartmentHoldRequest, type AdapterCapabilities, type CallOptions, type Id } from '@crmkit/core';
import { SnapshotAdapter, type CrmSnapshot } from '@crmkit/adapter-mock';

/**
 * A small hand-made project for the шахматка's tests and stories: an irregular building (a
 * commercial ground floor, a two-level apartment, a merged unit, a lower wing, no 4th floor),
 * price history, and a paid booking close to expiry.
 */
export const NOW = Date.parse('2026-03-16T09:00:00Z'); // Monday 12:00 in Moscow

function apt(number: string, over: Partial<Apartment>): Apartment {
  return {
    id: `a-${number}`,
    projectId: 'p1',
    buildingId: 'b1',
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
    statusAt: NOW - 3_600_000,
    version: '1',
    onSaleSince: Date.parse('2026-01-15T00:00:00Z'),
    ...over,
  };
}

export const SHAHMATKA_APARTMENTS: readonly Apartment[] = [
  apt('К1', { type: 'commercial', rooms: 0, floor: 1, column: 0, columnSpan: 2, areaTotal: 120, price: 30_000_000, status: 'not-for-sale' }),
  apt('21', { floor: 2, column: 0, rooms: 1, areaTotal: 38, price: 7_600_000, status: 'sold' }),
  apt('22', { floor: 2, column: 1, rooms: 2, areaTotal: 55, price: 9_900_000, finishing: 'turnkey' }),
  apt('31', { floor: 3, column: 0, floorSpan: 2, rooms: 4, areaTotal: 140, price: 29_400_000, status: 'booked',
    booking: { bookedAt: NOW - 86_400_000, paid: false, clientName: 'Иванов И.' } }),
  apt('32', { floor: 3, column: 1, rooms: 2, areaTotal: 60, price: 10_800_000, specialOffer: 'Скидка 5%' }),
  apt('52', { floor: 5, column: 1, rooms: 2, areaTotal: 58, price: 9_860_000, status: 'paid-booking',
    booking: { bookedAt: Date.parse('2026-02-23T08:00:00Z'), paid: true, price: 9_860_000, clientName: 'Петрова А.', expiresAt: NOW + 5 * 3_600_000 } }),
  apt('101', { sectionId: 's2', floor: 1, column: 0, rooms: 0, type: 'studio', areaTotal: 25, price: 5_000_000 }),
  apt('103', { sectionId: 's2', floor: 1, column: 2, rooms: 1, areaTotal: 40, price: 8_000_000 }),
  apt('201', { sectionId: 's2', floor: 2, column: 0, columnSpan: 2, rooms: 3, areaTotal: 90, price: 16_200_000 }),
  apt('203', { sectionId: 's2', floor: 2, column: 2, rooms: 1, areaTotal: 41, price: 8_200_000, layoutUrl: 'javascript:alert(1)' }),
];

export const SHAHMATKA_SNAPSHOT: CrmSnapshot = {
  format: 'crmkit-snapshot',
  version: 1,
  origin: 'mock://shahmatka',
  userId: '1',
  timeZone: 'Europe/Moscow',
  generatedAt: NOW,
  entities: {
    project: [
      { id: 'p1', name: 'ЖК Северный', city: 'Москва' },
      { id: 'p2', name: 'ЖК Южный' },
    ],
    building: [
      {
        id: 'b1',
        projectId: 'p1',
        name: 'Корпус 1',
        sections: [
          { id: 's1', name: 'Секция 1', floors: [1, 2, 3, 5], columns: 2 },
          { id: 's2', name: 'Секция 2', floors: [1, 2], columns: 3 },
        ],
      },
      { id: 'b2', projectId: 'p1', name: 'Корпус 2', sections: [{ id: 's3', name: 'Секция 1', floors: [1], columns: 1 }] },
      { id: 'b3', projectId: 'p2', name: 'Корпус А', sections: [] },
    ],
    apartment: [
      ...SHAHMATKA_APARTMENTS,
      {
        ...SHAHMATKA_APARTMENTS[1],
        id: 'a-b2-1',
        buildingId: 'b2',
        sectionId: 's3',
        number: '1',
        floor: 1,
        column: 0,
        status: 'free',
      },
    ],
    pricePoint: [
      { id: 'pp1', apartmentId: 'a-22', at: Date.parse('2025-09-01T00:00:00Z'), price: 9_000_000 },
      { id: 'pp2', apartmentId: 'a-22', at: Date.parse('2025-12-01T00:00:00Z'), price: 9_500_000 },
      { id: 'pp3', apartmentId: 'a-22', at: Date.parse('2026-02-01T00:00:00Z'), price: 9_900_000 },
    ],
  },
};

/**
 * The snapshot adapter plus apartment writes with optimistic concurrency, as the mock adapter
 * does them: a write with a stale `expectedVersion` fails with `conflict`. Each call waits a
 * tick, so two concurrent bookings really interleave.
 */
export class WritableShahmatkaAdapter extends SnapshotAdapter {
  override readonly kind = 'test-writable';
  private readonly store = new Map<Id, Apartment>();

  constructor(snapshot: CrmSnapshot = SHAHMATKA_SNAPSHOT) {
    super(snapshot);
    for (const a of snapshot.entities.apartment ?? []) this.store.set(a.id, a);
  }

  protected override records<E extends keyof CrmSnapshot['entities']>(entity: E) {
    if (entity === 'apartment') return [...this.store.values()] as never;
    return super.records(entity);
  }

  override async capabilities(options?: CallOptions): Promise<AdapterCapabilities> {
    const caps = await super.capabilities(options);
    return { ...caps, writes: { apartmentBooking: true, resourceBooking: false } };
  }

  override async get<E extends keyof CrmSnapshot['entities']>(entity: E, id: Id, options?: CallOptions) {
    await tick();
    return super.get(entity, id, options);
  }

  async holdApartment(request: ApartmentHoldRequest): Promise<Apartment> {
    await tick();
    const current = this.store.get(request.apartmentId);
    if (!current) throw new CrmError('not-found');
    if (request.expectedVersion !== undefined && current.version !== request.expectedVersion) throw new CrmError('conflict', { detail: 'version' });
    if (current.status !== 'free') throw new CrmError('conflict', { detail: 'not free' });
    const next: Apartment = {
      ...current,
      status: request.booking.paid ? 'paid-booking' : 'booked',
      booking: { ...request.booking, bookedAt: Date.now() },
      version: String(Number(current.version ?? '0') + 1),
      statusAt: Date.now(),
    };
    this.store.set(next.id, next);
    return next;
  }

  async releaseApartment(apartmentId: Id, expectedVersion: string | undefined): Promise<Apartment> {
    await tick();
    const current = this.store.get(apartmentId);
    if (!current) throw new CrmError('not-found');
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw new CrmError('conflict');
    const { booking: _dropped, ...rest } = current;
    const next: Apartment = { ...rest, status: 'free', version: String(Number(current.version ?? '0') + 1), statusAt: Date.now() };
    this.store.set(next.id, next);
    return next;
  }
}

function tick(): Promise<void> {
  return new Promise((r) => setTimeout(r, 5));
}
