import { expect } from '@open-wc/testing';
import { inflateSync, strFromU8 } from 'fflate';
import { matchesFilter } from '../../adapter/match.js';
import type { Deal, Funnel } from '../../model/deals.js';
import type { FieldDefinition } from '../../model/fields.js';
import {
  compileConditions,
  dealFilterFields,
  decodeView,
  encodeView,
  filterDeals,
  loadSavedViews,
  matchesConditions,
  parseSavedViews,
  savedViewsKey,
  serializeSavedViews,
  storeSavedViews,
  upsertSavedView,
  ViewCodecError,
  type FieldCondition,
  type FilterContext,
  type SavedView,
} from './index.js';

const TZ = 'Europe/Moscow';
// 15 April 2025, 12:00 Moscow time.
const NOW = Date.UTC(2025, 3, 15, 9, 0);
const msk = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h - 3);

const defs: FieldDefinition[] = [
  {
    id: 'deal:UF_CRM_PERIOD',
    code: 'UF_CRM_PERIOD',
    owner: 'deal',
    label: 'Период',
    type: 'enumeration',
    multiple: false,
    builtIn: false,
    options: [
      { id: '11', label: 'Март' },
      { id: '12', label: 'Апрель' },
      { id: '13', label: 'Май' },
    ],
  },
  {
    id: 'deal:UF_CRM_PRODUCT',
    code: 'UF_CRM_PRODUCT',
    owner: 'deal',
    label: 'Продукт',
    type: 'enumeration',
    multiple: true,
    builtIn: false,
    options: [
      { id: '21', label: 'Ипотека' },
      { id: '22', label: 'КАСКО' },
      { id: '23', label: 'ОСАГО' },
    ],
  },
  { id: 'deal:UF_CRM_POLICY_END', code: 'UF_CRM_POLICY_END', owner: 'deal', label: 'Окончание полиса', type: 'date', multiple: false, builtIn: false },
  { id: 'deal:UF_CRM_VIP', code: 'UF_CRM_VIP', owner: 'deal', label: 'VIP', type: 'boolean', multiple: false, builtIn: false },
  { id: 'deal:UF_CRM_PREMIUM', code: 'UF_CRM_PREMIUM', owner: 'deal', label: 'Премия', type: 'money', multiple: false, builtIn: false },
  { id: 'deal:UF_CRM_NOTE', code: 'UF_CRM_NOTE', owner: 'deal', label: 'Заметка', type: 'string', multiple: false, builtIn: false },
  { id: 'deal:UF_CRM_AGENT', code: 'UF_CRM_AGENT', owner: 'deal', label: 'Агент', type: 'employee', multiple: false, builtIn: false },
  { id: 'deal:UF_CRM_SOURCE_DEAL', code: 'UF_CRM_SOURCE_DEAL', owner: 'deal', label: 'Исходная сделка', type: 'crm-link', multiple: false, builtIn: false },
];

const funnels: Funnel[] = [
  {
    id: '0',
    name: 'Общая',
    stages: [
      { id: 'NEW', funnelId: '0', name: 'Новая', sort: 10, semantics: 'process' },
      { id: 'WORK', funnelId: '0', name: 'В работе', sort: 20, semantics: 'process' },
      { id: 'WON', funnelId: '0', name: 'Продано', sort: 30, semantics: 'success' },
    ],
  },
];

function deal(id: string, patch: Partial<Deal> = {}, fields: Deal['fields'] = {}): Deal {
  return {
    id,
    title: `Сделка ${id}`,
    funnelId: '0',
    stageId: 'NEW',
    stageSemantics: 'process',
    amount: 1000,
    currency: 'RUB',
    contactIds: [],
    createdAt: msk(2025, 1, 10),
    modifiedAt: msk(2025, 1, 10),
    products: [],
    fields,
    ...patch,
  };
}

const deals: Deal[] = [
  deal('1', { amount: 5000, responsibleId: '7' }, { UF_CRM_PERIOD: '12', UF_CRM_PRODUCT: ['21', '22'], UF_CRM_POLICY_END: '2025-04-30', UF_CRM_VIP: true, UF_CRM_PREMIUM: '15000|RUB', UF_CRM_NOTE: 'Звонить после обеда' }),
  deal('2', { amount: 20000, stageId: 'WORK', createdAt: msk(2025, 4, 1) }, { UF_CRM_PERIOD: '13', UF_CRM_PRODUCT: ['22'], UF_CRM_POLICY_END: '2025-05-01', UF_CRM_PREMIUM: '800|RUB' }),
  deal('3', { amount: 0, createdAt: msk(2025, 4, 30, 23) }, { UF_CRM_PERIOD: '12', UF_CRM_PRODUCT: [], UF_CRM_AGENT: '9', UF_CRM_SOURCE_DEAL: 'D_1' }),
  deal('4', { createdAt: msk(2025, 5, 1, 0) }, { UF_CRM_PRODUCT: ['21', '23'] }),
];

const fields = dealFilterFields({ fieldDefinitions: defs, funnels, employees: [{ id: '7', name: 'Иванов Иван', departmentIds: [], active: true }] });
const ctx: FilterContext = { fields, now: NOW, timeZone: TZ };
const ids = (conds: FieldCondition[]) => filterDeals(deals, conds, ctx).map((d) => d.id);

/** The same answer locally and through the compiled query plus its local remainder. */
function viaCompiled(conds: FieldCondition[]): string[] {
  const compiled = compileConditions(conds, ctx);
  return deals.filter((d) => matchesFilter(d, compiled.filter) && matchesConditions(d, compiled.local, ctx)).map((d) => d.id);
}

describe('field-filter: catalog', () => {
  it('lists built-in deal fields and every custom field with its type', () => {
    const period = fields.find((f) => f.code === 'UF_CRM_PERIOD');
    expect(period?.path).to.equal('fields.UF_CRM_PERIOD');
    expect(period?.type).to.equal('enumeration');
    expect(fields.find((f) => f.code === 'stageId')?.options?.map((o) => o.label)).to.deep.equal(['Новая', 'В работе', 'Продано']);
    expect(fields.map((f) => f.type)).to.include.members(['string', 'money', 'datetime', 'date', 'boolean', 'employee', 'crm-link', 'enumeration']);
  });
});

describe('field-filter: conditions', () => {
  it('enumeration by label: Период = Апрель', () => {
    const c: FieldCondition[] = [{ field: { code: 'UF_CRM_PERIOD', label: 'Период' }, op: 'anyOf', options: [{ id: '12', label: 'Апрель' }] }];
    expect(ids(c)).to.deep.equal(['1', '3']);
    expect(viaCompiled(c)).to.deep.equal(['1', '3']);
    expect(compileConditions(c, ctx).filter).to.deep.equal([{ field: 'fields.UF_CRM_PERIOD', op: 'in', value: ['12'] }]);
  });

  it('matches by label when the option id differs on another portal, and the field by label when its code differs', () => {
    const c: FieldCondition[] = [{ field: { code: 'UF_CRM_1681234567', label: 'период' }, op: 'anyOf', options: [{ id: '999', label: 'апрель ' }] }];
    expect(ids(c)).to.deep.equal(['1', '3']);
    expect(compileConditions(c, ctx).warnings).to.deep.equal([]);
  });

  it('falls back to the id for a renamed option, and an unknown option matches nothing with a warning', () => {
    expect(ids([{ field: { code: 'UF_CRM_PERIOD' }, op: 'anyOf', options: [{ id: '13', label: 'May (old name)' }] }])).to.deep.equal(['2']);
    const c: FieldCondition[] = [{ field: { code: 'UF_CRM_PERIOD' }, op: 'anyOf', options: [{ id: '77', label: 'Июнь' }] }];
    expect(ids(c)).to.deep.equal([]);
    expect(compileConditions(c, ctx).warnings).to.have.length(1);
  });

  it('multiple-value enumeration: any of, all of, none of, empty', () => {
    const f = { code: 'UF_CRM_PRODUCT', label: 'Продукт' };
    const kasko = { id: '22', label: 'КАСКО' };
    const mortgage = { id: '21', label: 'Ипотека' };
    expect(ids([{ field: f, op: 'anyOf', options: [kasko] }])).to.deep.equal(['1', '2']);
    expect(ids([{ field: f, op: 'anyOf', options: [kasko, mortgage] }])).to.deep.equal(['1', '2', '4']);
    expect(ids([{ field: f, op: 'allOf', options: [kasko, mortgage] }])).to.deep.equal(['1']);
    expect(viaCompiled([{ field: f, op: 'allOf', options: [kasko, mortgage] }])).to.deep.equal(['1']);
    expect(ids([{ field: f, op: 'noneOf', options: [kasko] }])).to.deep.equal(['3', '4']);
    expect(viaCompiled([{ field: f, op: 'noneOf', options: [kasko] }])).to.deep.equal(['3', '4']);
    expect(ids([{ field: f, op: 'empty' }])).to.deep.equal(['3']);
  });

  it('datetime preset "this month" on the CRM clock: 30 Apr 23:00 MSK is in, 1 May 00:00 MSK is out', () => {
    const c: FieldCondition[] = [{ field: { code: 'createdAt' }, op: 'inRange', date: { preset: 'thisMonth' } }];
    expect(ids(c)).to.deep.equal(['2', '3']);
    expect(viaCompiled(c)).to.deep.equal(['2', '3']);
    expect(compileConditions(c, ctx).filter).to.deep.equal([
      { field: 'createdAt', op: 'gte', value: msk(2025, 4, 1) },
      { field: 'createdAt', op: 'lt', value: msk(2025, 5, 1) },
    ]);
  });

  it('date field with "next 3 months" and a fixed range; not in range', () => {
    expect(ids([{ field: { code: 'UF_CRM_POLICY_END' }, op: 'inRange', date: { preset: 'next3Months' } }])).to.deep.equal(['1', '2']);
    expect(ids([{ field: { code: 'UF_CRM_POLICY_END' }, op: 'inRange', date: { from: '2025-04-01', to: '2025-04-30' } }])).to.deep.equal(['1']);
    expect(ids([{ field: { code: 'UF_CRM_POLICY_END' }, op: 'notInRange', date: { from: '2025-04-01', to: '2025-04-30' } }])).to.deep.equal(['2', '3', '4']);
  });

  it('numbers, custom money strings, booleans, strings, employees and CRM links', () => {
    expect(viaCompiled([{ field: { code: 'amount' }, op: 'between', number: 1000, number2: 5000 }])).to.deep.equal(['1', '4']);
    expect(ids([{ field: { code: 'amount' }, op: 'gt', number: 5000 }])).to.deep.equal(['2']);
    expect(ids([{ field: { code: 'UF_CRM_PREMIUM' }, op: 'gte', number: 1000 }])).to.deep.equal(['1']);
    expect(compileConditions([{ field: { code: 'UF_CRM_PREMIUM' }, op: 'gte', number: 1000 }], ctx).local).to.have.length(1);
    expect(ids([{ field: { code: 'UF_CRM_VIP' }, op: 'isTrue' }])).to.deep.equal(['1']);
    expect(viaCompiled([{ field: { code: 'UF_CRM_VIP' }, op: 'isFalse' }])).to.deep.equal(['2', '3', '4']);
    expect(ids([{ field: { code: 'UF_CRM_NOTE' }, op: 'contains', text: 'обед' }])).to.deep.equal(['1']);
    expect(ids([{ field: { code: 'UF_CRM_NOTE' }, op: 'notContains', text: 'обед' }])).to.deep.equal(['2', '3', '4']);
    expect(ids([{ field: { code: 'responsibleId' }, op: 'anyOf', options: [{ id: '7', label: 'Иванов Иван' }] }])).to.deep.equal(['1']);
    expect(ids([{ field: { code: 'UF_CRM_AGENT' }, op: 'anyOf', options: [{ id: '9' }] }])).to.deep.equal(['3']);
    expect(ids([{ field: { code: 'UF_CRM_SOURCE_DEAL' }, op: 'notEmpty' }])).to.deep.equal(['3']);
  });

  it('several conditions together must all hold', () => {
    const c: FieldCondition[] = [
      { field: { code: 'UF_CRM_PERIOD', label: 'Период' }, op: 'anyOf', options: [{ id: '12', label: 'Апрель' }] },
      { field: { code: 'stageId' }, op: 'anyOf', options: [{ id: 'NEW', label: 'Новая' }] },
      { field: { code: 'UF_CRM_PRODUCT' }, op: 'anyOf', options: [{ id: '21', label: 'Ипотека' }] },
    ];
    expect(ids(c)).to.deep.equal(['1']);
    expect(viaCompiled(c)).to.deep.equal(['1']);
  });

  it('a field missing on this portal matches nothing and says so', () => {
    const c: FieldCondition[] = [{ field: { code: 'UF_CRM_X', label: 'Нет такого' }, op: 'notEmpty' }];
    expect(ids(c)).to.deep.equal([]);
    expect(compileConditions(c, ctx).warnings[0]).to.contain('Нет такого');
  });
});

describe('field-filter: view string', () => {
  const conditions: FieldCondition[] = [
    { field: { code: 'UF_CRM_PERIOD', label: 'Период' }, op: 'anyOf', options: [{ id: '12', label: 'Апрель' }, { id: '13' }] },
    { field: { code: 'createdAt' }, op: 'inRange', date: { preset: 'next3Months' } },
    { field: { code: 'UF_CRM_POLICY_END', label: 'Окончание полиса' }, op: 'notInRange', date: { from: '2025-04-01' } },
    { field: { code: 'amount' }, op: 'between', number: 10, number2: 20.5 },
    { field: { code: 'title' }, op: 'contains', text: 'полис & "ОСАГО"/?' },
    { field: { code: 'UF_CRM_VIP' }, op: 'isTrue' },
    { field: { code: 'UF_CRM_NOTE' }, op: 'eq', text: '' },
    { field: { code: 'amount' }, op: 'ne', number: 0 },
  ];

  it('round-trips every kind of condition through a URL-safe string', () => {
    const text = encodeView({ name: 'Апрель, новые', conditions });
    expect(text).to.match(/^1\.[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(text)).to.equal(text);
    expect(decodeView(text)).to.deep.equal({ name: 'Апрель, новые', conditions });
    expect(decodeView(encodeView({ conditions: [] }))).to.deep.equal({ conditions: [] });
  });

  it('gives a clear error for empty, unknown-version, damaged and malformed strings', () => {
    const reason = (text: string) => {
      try {
        decodeView(text);
        return 'decoded';
      } catch (e) {
        expect(e).to.be.instanceOf(ViewCodecError);
        return `${(e as ViewCodecError).reason}: ${(e as Error).message}`;
      }
    };
    expect(reason('')).to.match(/^empty/);
    expect(reason('2.abc')).to.match(/^version: .*version 2 is not supported/);
    expect(reason('abc')).to.match(/^version/);
    expect(reason('1.%%%')).to.match(/^encoding/);
    expect(reason('1.AAAA')).to.match(/^encoding: view: the string is damaged/);
    const good = encodeView({ conditions });
    expect(reason(good.slice(0, good.length - 6))).to.match(/^encoding/);
  });
});

describe('field-filter: saved views', () => {
  it('serializes and parses named views, skipping damaged entries', () => {
    const views: SavedView[] = [
      { id: 'a', name: 'Апрель', view: { name: 'Апрель', conditions: [{ field: { code: 'UF_CRM_PERIOD', label: 'Период' }, op: 'anyOf', options: [{ id: '12', label: 'Апрель' }] }] }, updatedAt: 5 },
    ];
    const text = serializeSavedViews(views);
    expect(parseSavedViews(text)).to.deep.equal(views);
    const damaged = JSON.stringify({ v: 1, views: [{ id: 'x', name: 'bad', view: '1.!!' }, JSON.parse(text).views[0]] });
    expect(parseSavedViews(damaged).map((v) => v.id)).to.deep.equal(['a']);
    expect(parseSavedViews('not json')).to.deep.equal([]);
    expect(parseSavedViews(null)).to.deep.equal([]);
  });

  it('keeps views per origin and user, replaces by name', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const k1 = savedViewsKey('forgotten-deals', 'https://a.bitrix24.ru', '1');
    const k2 = savedViewsKey('forgotten-deals', 'https://a.bitrix24.ru', '2');
    expect(k1).to.not.equal(k2);
    let views = upsertSavedView([], { id: 'v1', name: 'Мои', view: { conditions: [] }, updatedAt: 1 });
    views = upsertSavedView(views, { id: 'v2', name: 'Мои', view: { conditions: [{ field: { code: 'amount' }, op: 'gt', number: 5 }] }, updatedAt: 2 });
    expect(views).to.have.length(1);
    expect(views[0]?.id).to.equal('v1');
    expect(storeSavedViews(storage, k1, views)).to.equal(true);
    expect(loadSavedViews(storage, k1)[0]?.view.conditions).to.deep.equal([{ field: { code: 'amount' }, op: 'gt', number: 5 }]);
    expect(loadSavedViews(storage, k2)).to.deep.equal([]);
  });
});

describe('field-filter: view strings of every vintage', () => {
  // Written by the library when it compressed views with fflate (deflateSync, level 9).
  const compressed = '1.i46OVgp1i3cO8o0PcA3y9HdR0lG6MP_C1osNF3Zc2HdhC5CbmFfpn6akA1RoaASSnXBhP1B264XdF3uUYnWAosZKsbEgRklmSU4qUAUQJefnlSRm5hWD1O8HmrP7wo6LjQoxShfmXVgINGDyhXkxSgpIMghx7KJAG1Bt1lG4sBeobtPF7gtblWIB';
  it('still opens a compressed version-1 string saved by an earlier version', () => {
    const view = decodeView(compressed);
    expect(view.name).to.equal('Апрель, новые');
    expect(view.conditions).to.deep.equal([
      { field: { code: 'UF_CRM_PERIOD', label: 'Период' }, op: 'anyOf', options: [{ id: '12', label: 'Апрель' }, { id: '13' }] },
      { field: { code: 'title' }, op: 'contains', text: 'полис "ОСАГО" полис ОСАГО полис ОСАГО' },
    ]);
  });

  it('writes stored DEFLATE blocks that a general inflater opens, and reads back long views', () => {
    const long: FieldCondition[] = Array.from({ length: 2500 }, (_, i) => ({ field: { code: `UF_CRM_${i}`, label: `Поле ${i}` }, op: 'contains', text: `значение ${i}` }));
    const text = encodeView({ conditions: long });
    expect(text).to.match(/^1\.[A-Za-z0-9_-]+$/);
    expect(decodeView(text).conditions).to.deep.equal(long);
    const b64 = text.slice(2).replace(/-/g, '+').replace(/_/g, '/');
    const raw = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    expect(JSON.parse(strFromU8(inflateSync(raw)))[0]).to.have.length(2500);
  });
});
