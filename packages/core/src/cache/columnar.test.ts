import { expect } from '@open-wc/testing';
import type { EntityMap, EntityName } from '../model/entities.js';
import { ENTITY_NAMES } from '../model/entities.js';
import { NO_CODE, decodeColumns, encodeColumns, getColumn, isColumnarChunk, readColumn } from './columnar.js';

/** Strict equality: own keys (present-but-undefined differs from missing), Object.is on leaves. */
function sameData(a: unknown, b: unknown, path = '$'): void {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    if (!Object.is(a, b)) throw new Error(`${path}: ${String(a)} !== ${String(b)}`);
    return;
  }
  if (Array.isArray(a) !== Array.isArray(b)) throw new Error(`${path}: array vs object`);
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.join('\u0001') !== kb.join('\u0001')) throw new Error(`${path}: keys [${ka.join()}] vs [${kb.join()}]`);
  for (const k of ka) sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
}

function roundTrip<T extends object>(records: readonly T[]): T[] {
  // Through structured clone too, as IndexedDB stores it.
  return decodeColumns<T>(structuredClone(encodeColumns(records)));
}

const LONG = 'Длинный текст с emoji 👩‍💻 и кавычками "\\" '.repeat(4000);
const t0 = Date.UTC(2025, 0, 15, 9, 30);

const sample: { [E in EntityName]: EntityMap[E][] } = {
  contact: [
    {
      kind: 'contact',
      id: '1',
      name: 'Иванов Иван',
      firstName: 'Иван',
      lastName: 'Иванов',
      birthday: '1980-02-29',
      companyIds: ['10', '11'],
      createdAt: t0,
      modifiedAt: t0 + 1,
      comms: [
        { type: 'phone', value: '+7 900 000-00-00', valueType: 'MOBILE' },
        { type: 'email', value: 'ivan@example.ru' },
      ],
      hasRequisites: false,
      fields: { UF_CRM_PERIOD: '2025-01', UF_CRM_SCORE: 5, UF_CRM_TAGS: ['a', 'b'], UF_CRM_EMPTY: null },
      url: 'https://x.bitrix24.ru/crm/contact/details/1/',
    },
    {
      kind: 'contact',
      id: '2',
      name: '',
      companyIds: [],
      createdAt: 0,
      modifiedAt: -1,
      comms: [],
      hasRequisites: true,
      fields: {},
      responsibleId: undefined,
    },
    {
      kind: 'contact',
      id: 'guid-😀-\u0000-\ud800',
      name: LONG,
      companyIds: ['10'],
      createdAt: 1.5,
      modifiedAt: Number.MAX_SAFE_INTEGER,
      comms: [{ type: 'im', value: '@tg', valueType: undefined }],
      hasRequisites: false,
      fields: { UF_CRM_SCORE: 'пять', UF_CRM_FLAG: true, UF_CRM_MULTI: [1, 'x', false] },
    },
  ],
  company: [
    {
      kind: 'company',
      id: '10',
      title: 'ООО «Ромашка»',
      contactIds: ['1', '3'],
      createdAt: t0,
      modifiedAt: t0,
      comms: [{ type: 'web', value: 'https://romashka.ru' }],
      hasRequisites: true,
      fields: { UF_CRM_BRANCH: 'Москва' },
      industry: 'IT',
    },
    { kind: 'company', id: '11', title: 'Филиал', contactIds: [], parentCompanyId: '10', createdAt: t0, modifiedAt: t0, comms: [], hasRequisites: false, fields: {} },
  ],
  lead: [
    { id: 'L1', title: 'Заявка с сайта', status: 'new', createdAt: t0, modifiedAt: t0 },
    { id: 'L2', title: 'Звонок', status: 'converted', contactId: '1', companyId: '10', responsibleId: '7', createdAt: t0, modifiedAt: t0 + 5 },
  ],
  deal: [
    {
      id: 'D1',
      title: 'Пролонгация ОСАГО 2025',
      funnelId: '0',
      stageId: 'NEW',
      stageSemantics: 'process',
      amount: 12_345.67,
      currency: 'RUB',
      contactIds: ['1'],
      createdAt: t0,
      modifiedAt: t0,
      products: [{ productId: 'P1', productName: 'ОСАГО', price: 12_345.67, quantity: 1, sum: 12_345.67 }],
      fields: { UF_CRM_PERIOD: '2025-03', UF_CRM_CHANNEL: 'agent' },
    },
    {
      id: 'D2',
      title: 'Won',
      funnelId: '1',
      stageId: 'C1:WON',
      stageSemantics: 'success',
      amount: 0,
      currency: 'USD',
      companyId: '10',
      contactIds: [],
      responsibleId: '7',
      createdById: '8',
      createdAt: t0,
      modifiedAt: t0,
      closedAt: t0 + 86_400_000,
      expectedCloseAt: undefined,
      sourceId: 'WEB',
      products: [],
      fields: { UF_CRM_PERIOD: null },
      url: '/crm/deal/details/2/',
    },
    {
      id: 'D3',
      title: '-0 and NaN',
      funnelId: '1',
      stageId: 'C1:LOSE',
      stageSemantics: 'failure',
      amount: -0,
      currency: 'RUB',
      contactIds: ['1', '2', '3'],
      createdAt: t0,
      modifiedAt: t0,
      products: [{ productId: 'P2', productName: '', price: Number.NaN, quantity: 0.5, sum: Infinity }],
      fields: { UF_CRM_NESTED: [[1, 2], []] as unknown as string[] },
    },
  ],
  stageMove: [
    { id: 'M1', dealId: 'D1', funnelId: '0', stageId: 'NEW', stageSemantics: 'process', at: t0 },
    { id: 'M2', dealId: 'D1', funnelId: '0', stageId: 'WON', stageSemantics: 'success', at: t0 + 1, byId: '7' },
  ],
  invoice: [
    { id: 'I1', number: '2025-001', title: 'Счёт', amount: 100, currency: 'RUB', status: 'paid', dealId: 'D1', createdAt: t0, modifiedAt: t0, dueAt: t0 + 10 },
    { id: 'I2', number: '', title: 'Черновик', amount: 0, currency: 'RUB', status: 'draft', createdAt: t0, modifiedAt: t0 },
  ],
  payment: [
    { id: 'PM1', invoiceId: 'I1', contactId: '1', amount: 100, currency: 'RUB', paidAt: t0 },
    { id: 'PM2', companyId: '10', amount: 1e-9, currency: 'EUR', paidAt: 0 },
  ],
  activity: [
    {
      id: 'A1',
      kind: 'call',
      direction: 'incoming',
      subject: 'Входящий звонок',
      durationSec: 65,
      createdAt: t0,
      startAt: t0,
      completed: true,
      completedAt: t0 + 65_000,
      responsibleId: '7',
      bindings: [
        { kind: 'contact', id: '1' },
        { kind: 'deal', id: 'D1' },
      ],
    },
    {
      id: 'A2',
      kind: 'messenger',
      subject: 'Диалог',
      description: 'Здравствуйте!\nЕсть вопрос…\t<script>alert(1)</script>',
      channel: 'Telegram',
      createdAt: t0,
      completed: false,
      bindings: [],
    },
    {
      id: 'A3',
      kind: 'todo',
      subject: '',
      createdAt: t0,
      deadline: t0 + 1000,
      completed: false,
      authorId: '8',
      bindings: [{ kind: 'company', id: '10' }],
      url: undefined,
    },
  ],
  employee: [
    {
      id: '7',
      name: 'Петрова Анна',
      firstName: 'Анна',
      lastName: 'Петрова',
      departmentIds: ['d1', 'd2'],
      position: 'Менеджер',
      photoUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
      phone: '+7 (495) 000-00-00',
      active: true,
    },
    { id: '8', name: 'Бот', departmentIds: [], active: false },
  ],
  department: [
    { id: 'd1', name: 'Продажи' },
    { id: 'd2', name: 'Продажи B2B', parentId: 'd1', headId: '7' },
  ],
  funnel: [
    {
      id: '0',
      name: 'Общая',
      stages: [
        { id: 'NEW', funnelId: '0', name: 'Новая', sort: 10, semantics: 'process', color: '#39A8EF' },
        { id: 'WON', funnelId: '0', name: 'Успешно', sort: 20, semantics: 'success' },
      ],
    },
    { id: '1', name: 'Пустая', stages: [] },
  ],
  product: [
    { id: 'P1', name: 'ОСАГО', section: 'Авто' },
    { id: 'P2', name: 'КАСКО' },
  ],
  fieldDefinition: [
    {
      id: 'deal:UF_CRM_PERIOD',
      code: 'UF_CRM_PERIOD',
      owner: 'deal',
      label: 'Период',
      type: 'enumeration',
      multiple: false,
      builtIn: false,
      options: [
        { id: '1', label: 'Январь', sort: 1 },
        { id: '2', label: 'Февраль' },
      ],
    },
    { id: 'deal:UF_CRM_LINK', code: 'UF_CRM_LINK', owner: 'deal', label: 'Связь', type: 'crm-link', multiple: true, builtIn: false, linkKinds: ['contact', 'company'] },
  ],
  project: [
    { id: 'pr1', name: 'ЖК «Север»', city: 'Казань' },
    { id: 'pr2', name: 'ЖК «Юг»' },
  ],
  building: [
    {
      id: 'b1',
      projectId: 'pr1',
      name: 'Корпус 1',
      address: 'ул. Ленина, 1',
      sections: [
        { id: 's1', name: 'Подъезд 1', floors: [1, 2, 3, 5], columns: 4 },
        { id: 's2', name: 'Подъезд 2', floors: [], columns: 0 },
      ],
      completionDate: '2026-12-31',
    },
  ],
  apartment: [
    {
      id: 'ap1',
      projectId: 'pr1',
      buildingId: 'b1',
      sectionId: 's1',
      number: '125',
      floor: 5,
      floorSpan: 2,
      column: 0,
      columnSpan: 1,
      type: 'penthouse',
      rooms: 4,
      areaTotal: 180.25,
      areaLiving: 120,
      price: 45_000_000,
      currency: 'RUB',
      status: 'booked',
      statusAt: t0,
      finishing: 'turnkey',
      booking: { bookedAt: t0, expiresAt: t0 + 3 * 86_400_000, paid: false, clientRef: { kind: 'contact', id: '1' }, managerId: '7' },
      version: 'v3',
    },
    {
      id: 'ap2',
      projectId: 'pr1',
      buildingId: 'b1',
      sectionId: 's1',
      number: 'К-2',
      floor: 1,
      floorSpan: 1,
      column: 1,
      columnSpan: 2,
      type: 'commercial',
      rooms: 0,
      areaTotal: 55,
      price: 9_900_000,
      currency: 'RUB',
      status: 'free',
      statusAt: t0,
      booking: undefined,
    },
  ],
  pricePoint: [
    { id: 'pp1', apartmentId: 'ap1', at: t0, price: 44_000_000 },
    { id: 'pp2', apartmentId: 'ap1', at: t0 + 1, price: 45_000_000 },
  ],
  resource: [
    {
      id: 'r1',
      type: 'meeting-room',
      name: 'Переговорная 1',
      capacity: 6,
      timeZone: 'Europe/Moscow',
      schedule: {
        slotMinutes: 60,
        days: {
          1: { start: '09:00', end: '18:00', breaks: [{ start: '13:00', end: '14:00' }] },
          5: { start: '09:00', end: '17:00', breaks: [] },
        },
      },
      exceptions: [
        { date: '2025-01-01', hours: null, reason: 'Новый год' },
        { date: '2025-01-03', hours: { start: '10:00', end: '15:00', breaks: [] } },
      ],
    },
    { id: 'r2', type: 'manager', kind: 'mortgage', name: 'Ипотечный брокер', capacity: 1, schedule: { slotMinutes: 30, days: {} }, exceptions: [], employeeId: '7' },
  ],
  booking: [
    {
      id: 'bk1',
      resourceId: 'r1',
      meetingId: 'm1',
      start: t0,
      end: t0 + 3_600_000,
      seats: 2,
      title: 'Показ',
      clientRefs: [{ kind: 'contact', id: '1' }],
      clientNames: ['Иванов Иван'],
      createdById: '7',
      createdAt: t0,
      status: 'active',
    },
    { id: 'bk2', resourceId: 'r2', meetingId: 'm1', start: t0, end: t0 + 1, seats: 1, title: '', clientRefs: [], createdAt: t0, status: 'cancelled', version: '1' },
  ],
};

describe('columnar encoding', () => {
  it('has samples for every entity of the model', () => {
    expect(Object.keys(sample).sort()).to.deep.equal([...ENTITY_NAMES].sort());
  });

  for (const entity of ENTITY_NAMES) {
    it(`round-trips ${entity} records exactly`, () => {
      const records = sample[entity] as object[];
      const back = roundTrip(records);
      sameData(back, records);
      expect(back).to.deep.equal(records);
    });
  }

  it('keeps undefined apart from a missing key, and null apart from both', () => {
    const records = [{ id: 'a', x: undefined }, { id: 'b' }, { id: 'c', x: null }, { id: 'd', x: 1 }];
    const back = roundTrip(records);
    expect('x' in back[0]).to.equal(true);
    expect(back[0].x).to.equal(undefined);
    expect('x' in back[1]).to.equal(false);
    expect(back[2].x).to.equal(null);
    expect(back[3].x).to.equal(1);
  });

  it('keeps undefined and null inside arrays and nested objects', () => {
    const records = [{ id: 'a', list: [1, undefined, null, 3], nested: { a: undefined, b: { c: [undefined] } } }];
    sameData(roundTrip(records), records);
  });

  it('stores numbers as Float64Array, low-cardinality strings as a dictionary, ids as a string table', () => {
    const deals = Array.from({ length: 300 }, (_, i) => ({
      ...sample.deal[0],
      id: `D${i}`,
      stageId: ['NEW', 'WORK', 'WON'][i % 3],
      amount: i * 10.5,
      contactIds: i % 2 ? [`c${i}`] : [],
      fields: i % 50 === 0 ? { UF_CRM_RARE: `r${i}`, UF_CRM_PERIOD: '2025-03' } : { UF_CRM_PERIOD: '2025-03' },
    }));
    const chunk = encodeColumns(deals);
    expect(getColumn(chunk, 'amount')?.t).to.equal('f64');
    expect(getColumn(chunk, 'stageId')?.t).to.equal('dict');
    expect(getColumn(chunk, 'id')?.t).to.equal('str');
    expect(getColumn(chunk, 'contactIds')?.t).to.equal('list');
    const fields = getColumn(chunk, 'fields');
    expect(fields?.t).to.equal('struct');
    // UF_CRM_RARE is in 6 of 300 rows: kept in the rows' JSON rest, not as a 300-row column.
    expect(fields?.t === 'struct' && fields.keys).to.deep.equal(['UF_CRM_PERIOD']);
    expect(fields?.t === 'struct' && fields.rest?.t).to.equal('json');
    sameData(roundTrip(deals), deals);
  });

  it('round-trips an empty list, a list of empty objects and unicode keys', () => {
    sameData(roundTrip([]), []);
    sameData(roundTrip([{}, {}]), [{}, {}]);
    const odd = [{ 'ключ с пробелом': '✓', '': 'empty key', constructor: 'c', toString: 1 }];
    sameData(roundTrip(odd), odd);
  });

  it('recognises its own chunks and rejects garbage', () => {
    expect(isColumnarChunk(encodeColumns(sample.deal))).to.equal(true);
    expect(isColumnarChunk({ format: 1, n: 3, root: { t: 'struct', keys: ['a'], cols: [{ t: 'f64', v: new Float64Array(2) }] } })).to.equal(false);
    expect(isColumnarChunk('garbage')).to.equal(false);
    expect(isColumnarChunk(null)).to.equal(false);
  });

  it('reads one field across chunks as typed arrays, without building records', () => {
    const a = encodeColumns([
      { id: '1', amount: 10, stage: 'NEW', flag: true },
      { id: '2', stage: 'WON', flag: false },
    ]);
    const b = encodeColumns([{ id: '3', amount: 2.5, stage: null, flag: true }]);
    const amount = readColumn([a, b], 'amount');
    expect(amount.kind).to.equal('number');
    expect(amount.kind === 'number' && [...amount.values]).to.deep.equal([10, Number.NaN, 2.5]);
    const stage = readColumn([a, b], 'stage');
    expect(stage.kind === 'string' && stage.dictionary).to.deep.equal(['NEW', 'WON']);
    expect(stage.kind === 'string' && [...stage.codes]).to.deep.equal([0, 1, NO_CODE]);
    const ids = readColumn([a, b], 'id');
    expect(ids.kind === 'string' && ids.codes.length).to.equal(3);
    expect(readColumn([a, b], 'flag')).to.deep.equal({ kind: 'values', values: [true, false, true] });
    expect(readColumn([a, b], 'nope')).to.deep.equal({ kind: 'values', values: [undefined, undefined, undefined] });
  });
});
