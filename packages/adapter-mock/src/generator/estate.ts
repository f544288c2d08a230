import type { Apartment, ApartmentStatus, Building, Contact, Employee, PricePoint, Project, RecordRef, Section, UnitType } from '@crmkit/core';
import { layoutDataUrl } from './images.js';
import type { Random } from './random.js';
import type { MockSituationName } from './situations.js';
import { DAY, HOUR } from './time.js';

/**
 * The developer's residential project: two irregular buildings whose geometry is data. Same
 * layout at every seed (so fixtures are stable); statuses, prices and bookings come from the seed.
 */
export interface EstateData {
  readonly projects: Project[];
  readonly buildings: Building[];
  readonly apartments: Apartment[];
  readonly pricePoints: PricePoint[];
  readonly situations: Partial<Record<MockSituationName, RecordRef[]>>;
}

/** One unit of a floor plan: where it starts and what it is. */
interface Unit {
  readonly column: number;
  readonly columnSpan?: number;
  readonly floorSpan?: number;
  readonly type: UnitType;
  readonly rooms: number;
}

interface SectionPlan {
  readonly id: string;
  readonly name: string;
  readonly floors: readonly number[];
  readonly columns: number;
  /** Units starting on a floor. */
  readonly plan: (floor: number) => readonly Unit[];
}

const range = (a: number, b: number, skip: readonly number[] = []): number[] => {
  const out: number[] = [];
  for (let i = a; i <= b; i++) if (!skip.includes(i)) out.push(i);
  return out;
};

const apt = (column: number, rooms: number, extra: Partial<Unit> = {}): Unit => ({ column, rooms, type: rooms === 0 ? 'studio' : 'apartment', ...extra });

const BUILDINGS: readonly { id: string; name: string; address: string; completion: string; sections: readonly SectionPlan[] }[] = [
  {
    id: '1',
    name: 'Корпус 1',
    address: 'Москва, ул. Лесная, д. 12, корп. 1',
    completion: '2027-06-30',
    sections: [
      {
        id: '1-1',
        name: 'Секция 1',
        // No 13th floor; 16–17 hold two-level penthouses.
        floors: range(1, 17, [13]),
        columns: 4,
        plan: (f) => {
          if (f === 1) return [{ column: 0, columnSpan: 2, type: 'commercial', rooms: 0 }, { column: 2, type: 'commercial', rooms: 0 }, { column: 3, type: 'commercial', rooms: 0 }];
          if (f === 16) return [{ column: 0, columnSpan: 2, floorSpan: 2, type: 'penthouse', rooms: 4 }, { column: 2, columnSpan: 2, floorSpan: 2, type: 'penthouse', rooms: 5 }];
          if (f === 17) return [];
          if (f === 7) return [apt(0, 0), apt(1, 4, { columnSpan: 2 }), apt(3, 3)];
          return [apt(0, f % 3 === 0 ? 0 : 1), apt(1, 2), apt(2, 1), apt(3, 3)];
        },
      },
      {
        id: '1-2',
        name: 'Секция 2',
        floors: range(1, 12),
        columns: 6,
        plan: (f) => {
          if (f === 1) return [{ column: 0, columnSpan: 3, type: 'commercial', rooms: 0 }, { column: 3, columnSpan: 3, type: 'commercial', rooms: 0 }];
          if (f >= 10) return [apt(0, 1), apt(1, 2), apt(2, 0), apt(3, 1), apt(4, 3, { columnSpan: 2 })];
          return [apt(0, 1), apt(1, 2), apt(2, 0), apt(3, 1), apt(4, 2), apt(5, 3)];
        },
      },
    ],
  },
  {
    id: '2',
    name: 'Корпус 2',
    address: 'Москва, ул. Лесная, д. 12, корп. 2',
    completion: '2028-03-31',
    sections: [
      {
        id: '2-1',
        name: 'Секция 1',
        floors: range(1, 9),
        columns: 3,
        plan: (f) => {
          if (f === 1) return [{ column: 0, columnSpan: 3, type: 'commercial', rooms: 0 }];
          if (f === 8) return [apt(0, 3, { floorSpan: 2 }), apt(1, 1), apt(2, 2)];
          if (f === 9) return [apt(1, 2, { columnSpan: 2 })];
          return [apt(0, 2), apt(1, 1), apt(2, 2)];
        },
      },
      {
        id: '2-2',
        name: 'Секция 2',
        floors: range(1, 14, [13]),
        columns: 2,
        plan: (f) => (f === 1 ? [{ column: 0, type: 'commercial', rooms: 0 }, { column: 1, type: 'storage', rooms: 0 }] : [apt(0, f > 10 ? 3 : 2), apt(1, 1)]),
      },
    ],
  },
];

const AREAS: Record<number, readonly [number, number]> = { 0: [23, 29], 1: [35, 43], 2: [52, 66], 3: [74, 92], 4: [98, 125], 5: [140, 185] };

export function generateEstate(rnd: Random, now: number, contacts: readonly Contact[], employees: readonly Employee[]): EstateData {
  const projects: Project[] = [{ id: '1', name: 'ЖК «Северный парк»', city: 'Москва' }];
  const buildings: Building[] = [];
  const apartments: Apartment[] = [];
  const pricePoints: PricePoint[] = [];
  const situations: Partial<Record<MockSituationName, RecordRef[]>> = {};
  const note = (name: MockSituationName, ref: RecordRef) => {
    const list = situations[name] ?? (situations[name] = []);
    if (list.length < 5) list.push(ref);
  };
  const managers = employees.filter((e) => e.departmentIds[0] === '9');
  const b2c = contacts.filter((c) => c.companyIds.length === 0 && c.comms.length > 0);
  let id = 0;
  let pp = 0;

  for (const b of BUILDINGS) {
    const sections: Section[] = b.sections.map((s) => ({ id: s.id, name: s.name, floors: s.floors, columns: s.columns }));
    buildings.push({ id: b.id, projectId: '1', name: b.name, address: b.address, sections, completionDate: b.completion });
    let number = 0;
    let commercial = 0;
    for (const s of b.sections) {
      if (!s.floors.includes(13) && s.floors.some((f) => f > 13)) note('sectionMissingFloor', { kind: 'building', id: b.id });
      for (const floor of s.floors) {
        for (const u of s.plan(floor)) {
          const aptId = String(++id);
          const isCommercial = u.type === 'commercial' || u.type === 'storage';
          const label = isCommercial ? `К-${++commercial}` : String(++number);
          const [lo, hi] = isCommercial ? ([u.type === 'storage' ? 4 : 60, u.type === 'storage' ? 9 : 160] as const) : (AREAS[u.rooms] ?? [40, 60]);
          const areaTotal = Math.round((lo + rnd.next() * (hi - lo)) * ((u.floorSpan ?? 1) > 1 ? 1.6 : 1) * 10) / 10;
          const perM2 = (isCommercial ? 340_000 : 255_000) * (1 + floor * 0.006) * (0.93 + rnd.next() * 0.14);
          const onSaleSince = now - rnd.int(200, 720) * DAY;
          let status: ApartmentStatus = rnd.weighted<ApartmentStatus>(['sold', 'free', 'booked', 'paid-booking', 'not-for-sale'], [45, 33, 9, 6, 7]);
          if (isCommercial && status === 'sold') status = 'free';
          // The price history: an opening price, then rises (and an occasional discount).
          const steps = rnd.int(1, 5);
          let price = Math.round((areaTotal * perM2 * 0.82) / 10_000) * 10_000;
          let at = onSaleSince;
          pricePoints.push({ id: String(++pp), apartmentId: aptId, at, price });
          for (let k = 0; k < steps; k++) {
            at += Math.floor(((now - at) / (steps - k + 1)) * (0.5 + rnd.next()));
            price = Math.round((price * (rnd.chance(0.15) ? 0.96 : 1.02 + rnd.next() * 0.06)) / 10_000) * 10_000;
            pricePoints.push({ id: String(++pp), apartmentId: aptId, at: Math.min(at, now - HOUR), price });
          }
          const client = b2c.length > 0 ? rnd.pick(b2c) : undefined;
          const manager = managers.length > 0 ? rnd.pick(managers) : undefined;
          let booking: Apartment['booking'];
          if (status === 'booked' || status === 'paid-booking') {
            const paid = status === 'paid-booking';
            const bookedAt = now - rnd.int(1, paid ? 18 : 25) * DAY - rnd.int(0, 8) * HOUR;
            // 15 working days ≈ 21 calendar days; some unpaid holds have already run out.
            const expiresAt = bookedAt + 21 * DAY;
            booking = {
              bookedAt,
              expiresAt,
              paid,
              ...(paid ? { price } : {}),
              ...(client ? { clientName: client.name, clientRef: { kind: 'contact' as const, id: client.id } } : {}),
              ...(manager ? { managerId: manager.id } : {}),
            };
            if (paid) note('paidBookingApartment', { kind: 'apartment', id: aptId });
            else if (expiresAt > now) note('bookedApartment', { kind: 'apartment', id: aptId });
            else note('expiredHold', { kind: 'apartment', id: aptId });
          }
          const a: Apartment = {
            id: aptId,
            projectId: '1',
            buildingId: b.id,
            sectionId: s.id,
            number: label,
            floor,
            floorSpan: u.floorSpan ?? 1,
            column: u.column,
            columnSpan: u.columnSpan ?? 1,
            type: u.type,
            rooms: u.rooms,
            areaTotal,
            ...(isCommercial
              ? {}
              : { areaLiving: Math.round(areaTotal * (0.48 + rnd.next() * 0.12) * 10) / 10, areaKitchen: Math.round((8 + rnd.next() * 10) * 10) / 10 }),
            price,
            currency: 'RUB',
            status,
            statusAt: now,
            finishing: rnd.pick(['none', 'white-box', 'turnkey'] as const),
            ...(rnd.chance(0.06) && status === 'free' ? { specialOffer: 'Скидка 5 % при 100 % оплате' } : {}),
            layoutUrl: layoutDataUrl(u.type, u.rooms, u.floorSpan ?? 1),
            onSaleSince,
            ...(booking ? { booking } : {}),
            version: '1',
            url: `#/estate/apartment/${aptId}`,
          };
          apartments.push(a);
          if (a.floorSpan > 1) note('twoLevelApartment', { kind: 'apartment', id: aptId });
          if (a.columnSpan > 1) note('mergedUnit', { kind: 'apartment', id: aptId });
          if (u.type === 'commercial') note('commercialUnit', { kind: 'apartment', id: aptId });
        }
      }
    }
  }
  // Guarantee every status and one live and one expired hold, whatever the seed drew.
  const force = (status: ApartmentStatus, expiresIn: number, situation: MockSituationName) => {
    if ((situations[situation]?.length ?? 0) > 0) return;
    const index = apartments.findIndex((x) => x.type === 'apartment' && (x.status === 'sold' || x.status === 'free'));
    if (index < 0) return;
    const a = apartments[index] as Apartment;
    const client = b2c[0];
    const bookedAt = now + expiresIn - 21 * DAY;
    apartments[index] = {
      ...a,
      status,
      booking: {
        bookedAt,
        expiresAt: bookedAt + 21 * DAY,
        paid: status === 'paid-booking',
        ...(status === 'paid-booking' ? { price: a.price } : {}),
        ...(client ? { clientName: client.name, clientRef: { kind: 'contact' as const, id: client.id } } : {}),
        ...(managers[0] ? { managerId: managers[0].id } : {}),
      },
    };
    note(situation, { kind: 'apartment', id: a.id });
  };
  force('booked', 7 * DAY, 'bookedApartment');
  force('booked', -2 * DAY, 'expiredHold');
  force('paid-booking', 10 * DAY, 'paidBookingApartment');
  // Every status at least once (the layout has ~190 units, so this almost never acts).
  for (const status of ['sold', 'free', 'not-for-sale'] as const) {
    if (apartments.some((a) => a.status === status)) continue;
    const i = apartments.findIndex((a) => a.booking === undefined && apartments.filter((b) => b.status === a.status).length > 1);
    if (i >= 0) apartments[i] = { ...(apartments[i] as Apartment), status };
  }
  return { projects, buildings, apartments, pricePoints, situations };
}
