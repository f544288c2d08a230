/**
 * A small hand-made real-estate CRM, so the emulator runs with no generator at all and tests can
 * state exact cases. `apartmentsProject(n)` makes one big project for benchmarks.
 */
import type { Activity, Apartment, ApartmentStatus, Booking, BookingResource, Company, Contact, Deal, PricePoint } from '../src/core.js';
import type { CrmSnapshot } from '@crmkit/adapter-mock';

const NOW = Date.UTC(2026, 10, 20, 9, 0, 0); // 2026-11-20 12:00 in Moscow
const DAY = 86_400_000;

const STATUSES: ApartmentStatus[] = ['free', 'booked', 'sold', 'free', 'paid-booking', 'not-for-sale'];

function apartments(projectId: string, buildingId: string, sections: { id: string; floors: number[]; columns: number }[], startNo = 1): Apartment[] {
  const out: Apartment[] = [];
  let no = startNo;
  for (const s of sections) {
    for (const floor of s.floors) {
      for (let column = 0; column < s.columns; column++) {
        const i = out.length;
        const rooms = (i % 4) as 0 | 1 | 2 | 3;
        const area = 28 + rooms * 17 + (i % 5);
        const status = STATUSES[i % STATUSES.length];
        out.push({
          id: `a${buildingId}-${no}`,
          projectId,
          buildingId,
          sectionId: s.id,
          number: String(no++),
          floor,
          floorSpan: 1,
          column,
          columnSpan: 1,
          type: rooms === 0 ? 'studio' : 'apartment',
          rooms,
          areaTotal: area,
          areaLiving: Math.round(area * 0.55 * 10) / 10,
          price: Math.round(area * (180_000 + floor * 1_500)),
          currency: 'RUB',
          status,
          statusAt: NOW - (i % 30) * DAY - 3_600_000,
          finishing: i % 3 === 0 ? 'white-box' : 'none',
          onSaleSince: NOW - 200 * DAY,
          ...(status === 'booked' || status === 'paid-booking'
            ? {
                booking: {
                  bookedAt: NOW - (i % 30) * DAY - 3_600_000,
                  expiresAt: NOW + 10 * DAY,
                  paid: status === 'paid-booking',
                  clientRef: { kind: 'contact' as const, id: 'c1' },
                  managerId: 'e2',
                },
              }
            : {}),
        });
      }
    }
  }
  return out;
}

export function fixtureSnapshot(): CrmSnapshot {
  const sections = [
    { id: 's1', name: 'Секция 1', floors: [1, 2, 3], columns: 2 },
    { id: 's2', name: 'Секция 2', floors: [1, 2, 3], columns: 2 },
  ];
  const flats = apartments('p1', 'b1', sections);
  const pricePoints: PricePoint[] = flats.slice(0, 4).flatMap((a, i) => [
    { id: `pp${i}-1`, apartmentId: a.id, at: NOW - 150 * DAY, price: a.price - 300_000 },
    { id: `pp${i}-2`, apartmentId: a.id, at: NOW - 60 * DAY, price: a.price - 100_000 },
    { id: `pp${i}-3`, apartmentId: a.id, at: NOW - 20 * DAY, price: a.price },
  ]);
  const contacts: Contact[] = [
    contact('c1', 'Петров Иван Сергеевич', ['co1'], [{ type: 'phone', value: '+7 900 000-00-01' }]),
    contact('c2', 'Сидорова Анна', ['co1', 'co2'], [{ type: 'email', value: 'anna@example.ru' }]),
    contact('c3', 'Кузнецов Олег', [], []),
  ];
  const companies: Company[] = [
    company('co1', 'ООО «Ромашка»', ['c1', 'c2']),
    company('co2', 'АО «Стройинвест»', ['c2']),
  ];
  const deals: Deal[] = [
    deal('d1', 'Квартира 12, Петров', 'st1', 'process', 'co1', ['c1'], 9_500_000),
    deal('d2', 'Квартира 3, Сидорова', 'st2', 'success', 'co2', ['c2'], 7_200_000),
    deal('d3', 'Коммерция К-1', 'st3', 'failure', undefined, ['c3'], 15_000_000),
  ];
  const activities: Activity[] = [
    act('act1', 'call', 'Первичный звонок', [{ kind: 'contact', id: 'c1' }, { kind: 'deal', id: 'd1' }], 30, { direction: 'incoming', durationSec: 320 }),
    act('act2', 'meeting', 'Показ квартиры', [{ kind: 'contact', id: 'c1' }, { kind: 'company', id: 'co1' }], 20, { startAt: NOW - 19 * DAY }),
    act('act3', 'messenger', 'Вопрос о ипотеке', [{ kind: 'contact', id: 'c2' }], 10, { direction: 'incoming', channel: 'Telegram' }),
    act('act4', 'email', 'Договор бронирования', [{ kind: 'company', id: 'co2' }, { kind: 'deal', id: 'd2' }], 8, { direction: 'outgoing' }),
    act('act5', 'task', 'Подготовить ДДУ', [{ kind: 'deal', id: 'd2' }], 5, { deadline: NOW + 2 * DAY, completed: false }),
    act('act6', 'call', 'Звонок «не дозвонились»', [{ kind: 'contact', id: 'c3' }], 2, { direction: 'outgoing', durationSec: 0 }),
  ];
  const weekday = { start: '09:00', end: '18:00', breaks: [{ start: '13:00', end: '14:00' }] };
  const resources: BookingResource[] = [
    {
      id: 'r1',
      type: 'meeting-room',
      name: 'Переговорная «Нева»',
      capacity: 2,
      schedule: { days: { 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday }, slotMinutes: 60 },
      exceptions: [{ date: '2026-12-31', hours: null, reason: 'Предпраздничный день' }],
      projectId: 'p1',
    },
    {
      id: 'r2',
      type: 'manager',
      kind: 'Ипотека',
      name: 'Юлия (ипотека)',
      capacity: 1,
      schedule: { days: { 1: { start: '10:00', end: '19:00', breaks: [] }, 3: { start: '10:00', end: '19:00', breaks: [] } }, slotMinutes: 60 },
      exceptions: [],
      employeeId: 'e2',
    },
  ];
  const bookings: Booking[] = [
    booking('bk1', 'r1', 'm1', NOW + DAY, 1, 'Встреча с Петровым', [{ kind: 'contact', id: 'c1' }]),
    booking('bk2', 'r2', 'm1', NOW + DAY, 1, 'Встреча с Петровым', [{ kind: 'contact', id: 'c1' }]),
    booking('bk3', 'r1', 'm2', NOW + 2 * DAY, 2, 'ООО «Ромашка»: показ', [{ kind: 'company', id: 'co1' }]),
  ];
  return {
    format: 'crmkit-snapshot',
    version: 1,
    origin: 'http://1c.example',
    userId: 'e2',
    timeZone: 'Europe/Moscow',
    generatedAt: NOW,
    entities: {
      project: [{ id: 'p1', name: 'ЖК «Северный»', city: 'Санкт-Петербург' }],
      building: [{ id: 'b1', projectId: 'p1', name: 'Корпус 1', address: 'ул. Северная, 1', sections, completionDate: '2027-12-31' }],
      apartment: flats,
      pricePoint: pricePoints,
      contact: contacts,
      company: companies,
      lead: [
        { id: 'l1', title: 'Заявка с сайта', status: 'new', contactId: 'c3', createdAt: NOW - 3 * DAY, modifiedAt: NOW - 3 * DAY },
        { id: 'l2', title: 'Звонок из рекламы', status: 'in-work', contactId: 'c1', responsibleId: 'e2', createdAt: NOW - 40 * DAY, modifiedAt: NOW - 30 * DAY },
      ],
      deal: deals,
      funnel: [
        {
          id: 'f1',
          name: 'Продажа квартир',
          stages: [
            { id: 'st1', funnelId: 'f1', name: 'Подбор', sort: 10, semantics: 'process' },
            { id: 'st2', funnelId: 'f1', name: 'Сделка', sort: 20, semantics: 'success' },
            { id: 'st3', funnelId: 'f1', name: 'Отказ', sort: 30, semantics: 'failure' },
          ],
        },
      ],
      invoice: [
        { id: 'i1', number: 'СЧ-0001', title: 'Платная бронь', amount: 50_000, currency: 'RUB', status: 'paid', dealId: 'd2', companyId: 'co2', createdAt: NOW - 7 * DAY, modifiedAt: NOW - 6 * DAY },
      ],
      employee: [
        { id: 'e1', name: 'Администратор', departmentIds: ['dep1'], active: true },
        { id: 'e2', name: 'Иванова Мария', departmentIds: ['dep1'], position: 'Менеджер по продажам', phone: '+7 812 000-00-02', active: true },
        { id: 'e3', name: 'Смирнов Пётр', departmentIds: ['dep1'], position: 'Ипотечный брокер', active: false },
      ],
      department: [{ id: 'dep1', name: 'Отдел продаж' }],
      activity: activities,
      resource: resources,
      booking: bookings,
    },
  };

  function contact(id: string, name: string, companyIds: string[], comms: Contact['comms']): Contact {
    return { id, kind: 'contact', name, companyIds, comms, hasRequisites: false, fields: {}, responsibleId: 'e2', createdAt: NOW - 90 * DAY, modifiedAt: NOW - 5 * DAY };
  }
  function company(id: string, title: string, contactIds: string[]): Company {
    return { id, kind: 'company', title, contactIds, comms: [], hasRequisites: true, fields: {}, responsibleId: 'e2', createdAt: NOW - 120 * DAY, modifiedAt: NOW - 9 * DAY };
  }
  function deal(id: string, title: string, stageId: string, semantics: Deal['stageSemantics'], companyId: string | undefined, contactIds: string[], amount: number): Deal {
    return {
      id,
      title,
      funnelId: 'f1',
      stageId,
      stageSemantics: semantics,
      amount,
      currency: 'RUB',
      ...(companyId ? { companyId } : {}),
      contactIds,
      responsibleId: 'e2',
      createdAt: NOW - 60 * DAY,
      modifiedAt: NOW - 4 * DAY,
      ...(semantics !== 'process' ? { closedAt: NOW - 4 * DAY } : {}),
      products: [],
      fields: {},
    };
  }
  function act(id: string, kind: Activity['kind'], subject: string, bindings: Activity['bindings'], daysAgo: number, extra: Partial<Activity>): Activity {
    return { id, kind, subject, createdAt: NOW - daysAgo * DAY, completed: true, responsibleId: 'e2', authorId: 'e1', bindings, ...extra };
  }
  function booking(id: string, resourceId: string, meetingId: string, start: number, seats: number, title: string, clientRefs: Booking['clientRefs']): Booking {
    return { id, resourceId, meetingId, start, end: start + 3_600_000, seats, title, clientRefs, createdById: 'e2', createdAt: NOW - DAY, status: 'active', version: `${id}-1` };
  }
}

/** One project of `count` apartments (default 7,200) with statuses, prices and a price history each. */
export function apartmentsProject(count = 7200): CrmSnapshot {
  const base = fixtureSnapshot();
  const floors = Array.from({ length: 25 }, (_, i) => i + 1);
  const perSection = floors.length * 8;
  const sectionCount = Math.ceil(count / perSection);
  const buildings = [] as NonNullable<CrmSnapshot['entities']['building']>[number][];
  const flats: Apartment[] = [];
  for (let s = 0; s < sectionCount; s += 4) {
    const bId = `b${s / 4 + 1}`;
    const sections = Array.from({ length: Math.min(4, sectionCount - s) }, (_, k) => ({ id: `${bId}-s${k + 1}`, name: `Секция ${k + 1}`, floors, columns: 8 }));
    buildings.push({ id: bId, projectId: 'p1', name: `Корпус ${s / 4 + 1}`, sections });
    flats.push(...apartments('p1', bId, sections, flats.length + 1));
  }
  flats.length = count;
  const pricePoints: PricePoint[] = flats.flatMap((a, i) => [
    { id: `pp${i}-1`, apartmentId: a.id, at: NOW - 120 * DAY, price: a.price - 250_000 },
    { id: `pp${i}-2`, apartmentId: a.id, at: NOW - 30 * DAY, price: a.price },
  ]);
  return { ...base, entities: { ...base.entities, building: buildings, apartment: flats, pricePoint: pricePoints } };
}
