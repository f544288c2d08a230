import { expect } from '@open-wc/testing';
import type { Activity } from '../../model/activities.js';
import type { Deal, Funnel, StageMove } from '../../model/deals.js';
import type { FieldDefinition } from '../../model/fields.js';
import type { Department, Employee } from '../../model/people.js';
import {
  DEFAULT_FORGOTTEN_RULES,
  dealPeriod,
  describeReason,
  describeTouch,
  findForgottenDeals,
  forgottenDigest,
  groupForgottenDeals,
  parseMonthLabel,
  type ForgottenInput,
} from './index.js';

const TZ = 'Europe/Moscow';
/** Moscow wall-clock time as an instant (MSK is UTC+3 all year). */
const msk = (y: number, m: number, d: number, h = 12, mi = 0) => Date.UTC(y, m - 1, d, h - 3, mi);

const funnels: Funnel[] = [
  {
    id: '0',
    name: 'Общая',
    stages: [
      { id: 'NEW', funnelId: '0', name: 'Новая', sort: 10, semantics: 'process' },
      { id: 'WORK', funnelId: '0', name: 'В работе', sort: 20, semantics: 'process' },
      { id: 'WON', funnelId: '0', name: 'Продано', sort: 30, semantics: 'success' },
      { id: 'LOSE', funnelId: '0', name: 'Отказ', sort: 40, semantics: 'failure' },
    ],
  },
];
const periodDef: FieldDefinition = {
  id: 'deal:UF_CRM_PERIOD',
  code: 'UF_CRM_PERIOD',
  owner: 'deal',
  label: 'Период',
  type: 'enumeration',
  multiple: true,
  builtIn: false,
  options: [
    { id: '4', label: 'Апрель' },
    { id: '5', label: 'Май' },
    { id: '6', label: 'Июнь' },
  ],
};
const employees: Employee[] = [
  { id: '7', name: 'Иванов Иван', departmentIds: ['d1'], active: true },
  { id: '8', name: 'Петрова Анна', departmentIds: ['d2'], active: true },
];
const departments: Department[] = [
  { id: 'd1', name: 'Филиал Центр' },
  { id: 'd2', name: 'Филиал Север' },
];

function deal(id: string, patch: Partial<Deal> = {}, fields: Deal['fields'] = {}): Deal {
  return {
    id,
    title: `Полис ${id}`,
    funnelId: '0',
    stageId: 'NEW',
    stageSemantics: 'process',
    amount: 10000,
    currency: 'RUB',
    contactIds: ['c' + id],
    responsibleId: '7',
    createdAt: msk(2025, 1, 10, 9),
    modifiedAt: msk(2025, 1, 10, 9),
    products: [],
    fields,
    ...patch,
  };
}

let actSeq = 0;
function act(dealId: string, patch: Partial<Activity>): Activity {
  return {
    id: `a${++actSeq}`,
    kind: 'call',
    subject: 'Первый звонок',
    createdAt: msk(2025, 1, 10, 9),
    completed: false,
    bindings: [{ kind: 'deal', id: dealId }],
    responsibleId: '7',
    ...patch,
  };
}

function run(deals: Deal[], activities: Activity[], now: number, extra: Partial<ForgottenInput> = {}) {
  return findForgottenDeals({ deals, activities, stageMoves: [], funnels, fieldDefinitions: [periodDef], now, timeZone: TZ, ...extra });
}

describe('forgotten deals: registry loaded ahead', () => {
  // A prolongation registry loaded on 10 January for April–June, each deal with its planned first call.
  const deals = [deal('1', {}, { UF_CRM_PERIOD: ['4'] }), deal('2', {}, { UF_CRM_PERIOD: ['5'] }), deal('3', {}, { UF_CRM_PERIOD: ['6'] })];
  const calls = [
    act('1', { deadline: msk(2025, 4, 1, 10) }),
    act('2', { deadline: msk(2025, 5, 2, 10) }),
    act('3', { deadline: msk(2025, 6, 2, 10) }),
  ];

  it('flags none of them while the calls are in the future, though untouched for 36 days', () => {
    expect(run(deals, calls, msk(2025, 2, 15))).to.deep.equal([]);
  });

  it('flags the one whose call is overdue by a day: severity "days", and untouched with nothing planned ahead', () => {
    const out = run(deals, calls, msk(2025, 4, 2, 12));
    expect(out.map((f) => f.deal.id)).to.deep.equal(['1']);
    const [first] = out;
    expect(first?.level).to.equal(2);
    expect(first?.reasons.map((r) => r.rule)).to.deep.equal(['overdue', 'untouched']);
    const overdue = first?.reasons[0];
    expect(overdue?.rule === 'overdue' && overdue.overdueDays).to.equal(1);
    expect(overdue?.rule === 'overdue' && overdue.severity).to.equal('days');
    expect(overdue?.rule === 'overdue' && overdue.deadline).to.equal(msk(2025, 4, 1, 10));
    expect(describeReason(overdue!, { lang: 'ru', timeZone: TZ })).to.equal('звонок просрочен на 1 день (срок 01.04.2025)');
    expect(describeReason(overdue!, { lang: 'en', timeZone: TZ })).to.equal('call overdue by 1 day (due 4/1/25)');
    expect(first?.nextPlanned).to.equal(undefined);
    const todo = { ...(overdue as Extract<typeof overdue, { rule: 'overdue' }>), activityKind: 'todo' as const };
    expect(describeReason(todo, { lang: 'ru', timeZone: TZ })).to.equal('дело просрочено на 1 день (срок 01.04.2025)');
    expect(describeReason({ ...todo, activityKind: 'meeting' }, { lang: 'ru', timeZone: TZ })).to.equal('встреча просрочена на 1 день (срок 01.04.2025)');
  });
});

describe('forgotten deals: the period rule', () => {
  it('flags a deal still NEW on the period\'s last day whose call is planned after the period', () => {
    const d = deal('1', {}, { UF_CRM_PERIOD: ['4'] });
    const out = run([d], [act('1', { deadline: msk(2025, 5, 5, 10) })], msk(2025, 4, 30, 12));
    expect(out).to.have.length(1);
    const r = out[0]?.reasons[0];
    expect(r?.rule).to.equal('period');
    if (r?.rule !== 'period') return;
    expect(r.state).to.equal('ending');
    expect(r.daysLeft).to.equal(1);
    expect(r.period.start).to.equal(msk(2025, 4, 1, 0));
    expect(r.period.end).to.equal(msk(2025, 5, 1, 0));
    expect(describeReason(r, { lang: 'ru', timeZone: TZ })).to.equal('Период «Апрель» заканчивается 30.04.2025 (осталось 1 день), сделка всё ещё на первой стадии');
    expect(out[0]?.nextPlanned?.at).to.equal(msk(2025, 5, 5, 10));
  });

  it('excuses a NEW deal on the last day when its call is planned before the period ends, not once the period is over', () => {
    const d = deal('1', {}, { UF_CRM_PERIOD: ['4'] });
    const call = act('1', { deadline: msk(2025, 4, 30, 18) });
    expect(run([d], [call], msk(2025, 4, 30, 12))).to.deep.equal([]);
    const over = run([d], [{ ...call, deadline: msk(2025, 5, 20, 10) }], msk(2025, 5, 1, 9));
    expect(over[0]?.reasons[0]?.rule === 'period' && over[0].reasons[0].state).to.equal('over');
    expect(over[0]?.level).to.equal(3);
  });

  it('ignores deals that left the first stage, and periods not yet running out', () => {
    const inWork = deal('1', { stageId: 'WORK' }, { UF_CRM_PERIOD: ['4'] });
    const may = deal('2', {}, { UF_CRM_PERIOD: ['5'] });
    const calls = [act('1', { deadline: msk(2025, 5, 10) }), act('2', { deadline: msk(2025, 5, 10) })];
    expect(run([inWork, may], calls, msk(2025, 4, 30, 12))).to.deep.equal([]);
  });

  it('with several period values (April and May), the latest month counts', () => {
    const d = deal('1', {}, { UF_CRM_PERIOD: ['4', '5'] });
    expect(dealPeriod(d, periodDef, 'UF_CRM_PERIOD', TZ)?.month).to.equal(5);
    expect(run([d], [act('1', { deadline: msk(2025, 6, 1) })], msk(2025, 4, 30, 12))).to.deep.equal([]);
  });

  it('reads month labels with and without a year; a yearless month is the next one from creation', () => {
    expect(parseMonthLabel('Апрель')).to.deep.equal({ month: 4 });
    expect(parseMonthLabel('апрель 2026')).to.deep.equal({ month: 4, year: 2026 });
    expect(parseMonthLabel('2025-11')).to.deep.equal({ month: 11, year: 2025 });
    expect(parseMonthLabel('02.2026')).to.deep.equal({ month: 2, year: 2026 });
    expect(parseMonthLabel('Квартал')).to.equal(undefined);
    const nov = deal('1', { createdAt: msk(2025, 11, 20) }, { UF_CRM_PERIOD: ['X'] });
    const def = { ...periodDef, options: [{ id: 'X', label: 'Февраль' }] };
    expect(dealPeriod(nov, def, 'UF_CRM_PERIOD', TZ)).to.include({ year: 2026, month: 2 });
    const dateDef: FieldDefinition = { ...periodDef, type: 'date', options: undefined } as FieldDefinition;
    expect(dealPeriod(deal('2', {}, { UF_CRM_PERIOD: '2025-04-17' }), dateDef, 'UF_CRM_PERIOD', TZ)).to.include({ year: 2025, month: 4 });
  });
});

describe('forgotten deals: untouched, touches and severities', () => {
  const now = msk(2025, 3, 31, 12);

  it('counts only configured touch kinds: a comment 5 days ago keeps a deal fresh unless comments do not count', () => {
    const d = deal('1', { createdAt: msk(2025, 2, 1) });
    const acts = [
      act('1', { completed: true, direction: 'outgoing', startAt: msk(2025, 3, 11, 15), completedAt: msk(2025, 3, 11, 15), completedById: '7' }),
      act('1', { kind: 'comment', subject: 'Перезвонить', createdAt: msk(2025, 3, 26, 10), authorId: '8' }),
    ];
    expect(run([d], acts, now)).to.deep.equal([]);
    const rules = { ...DEFAULT_FORGOTTEN_RULES, touchKinds: ['stage-change', 'done-activity', 'email'] as const };
    const out = run([d], acts, now, { rules });
    expect(out[0]?.reasons.map((r) => r.rule)).to.deep.equal(['untouched']);
    const r = out[0]?.reasons[0];
    expect(r?.rule === 'untouched' && r.days).to.equal(20);
    const names = new Map(employees.map((e) => [e.id, e.name]));
    expect(describeTouch(out[0]!.lastTouch, { lang: 'ru', timeZone: TZ, names })).to.equal('исходящий звонок 11.03.2025, Иванов Иван');
    expect(describeTouch(out[0]!.lastTouch, { lang: 'en', timeZone: TZ, names })).to.equal('outgoing call 3/11/25 by Иванов Иван');
  });

  it('a stage change is a touch; the creation move is not', () => {
    const d = deal('1', { createdAt: msk(2025, 2, 1), stageId: 'WORK' });
    const moves: StageMove[] = [
      { id: 'm1', dealId: '1', funnelId: '0', stageId: 'NEW', stageSemantics: 'process', at: msk(2025, 2, 1) },
      { id: 'm2', dealId: '1', funnelId: '0', stageId: 'WORK', stageSemantics: 'process', at: msk(2025, 3, 25), byId: '7' },
    ];
    const done = act('1', { completed: true, completedAt: msk(2025, 2, 2) });
    expect(run([d], [done], now, { stageMoves: moves })).to.deep.equal([]);
    const out = run([d], [done], now, { stageMoves: moves.slice(0, 1) });
    expect(out[0]?.lastTouch.kind).to.equal('call');
  });

  it('uses per-stage thresholds: 30 days in "В работе", 14 elsewhere', () => {
    const rules = { ...DEFAULT_FORGOTTEN_RULES, untouched: { enabled: true, days: 14, byStage: { WORK: 30 } } };
    const done = (id: string) => act(id, { completed: true, completedAt: msk(2025, 3, 11) });
    const out = run([deal('1', { stageId: 'WORK' }), deal('2')], [done('1'), done('2')], now, { rules });
    expect(out.map((f) => f.deal.id)).to.deep.equal(['2']);
  });

  it('overdue severity: today, more than 3 days; never any activity; closed deals are never forgotten', () => {
    const out = run(
      [deal('1'), deal('2'), deal('3', { createdAt: msk(2025, 3, 29) }), deal('4', { createdAt: msk(2025, 3, 31, 9) }), deal('5', { stageId: 'WON', stageSemantics: 'success' })],
      [act('1', { deadline: msk(2025, 3, 31, 9) }), act('2', { deadline: msk(2025, 3, 26, 9) })],
      now,
    );
    const byId = new Map(out.map((f) => [f.deal.id, f]));
    expect([...byId.keys()].sort()).to.deep.equal(['1', '2', '3']);
    const sev = (id: string) => byId.get(id)?.reasons.map((r) => (r.rule === 'overdue' ? r.severity : r.rule === 'no-activity' ? r.severity : r.rule));
    expect(sev('1')).to.deep.equal(['today', 'untouched']);
    expect(sev('2')).to.deep.equal(['long', 'untouched']);
    expect(sev('3')).to.deep.equal(['never']);
    expect(out.map((f) => f.level)).to.deep.equal([3, 3, 1]);
  });
});

describe('forgotten deals: grouping and digest', () => {
  const now = msk(2025, 4, 2, 12);
  const deals = [deal('1'), deal('2', { responsibleId: '8' }), deal('3', { responsibleId: '8' }), deal('4', { responsibleId: undefined })];
  const acts = deals.map((d) => act(d.id, { deadline: msk(2025, 4, 1, 10) }));
  const out = run(deals, acts, now);

  it('groups by manager and by department with counts, largest first', () => {
    const byManager = groupForgottenDeals(out, 'manager', employees, departments, 'Без ответственного');
    expect(byManager.map((g) => [g.label, g.items.length])).to.deep.equal([
      ['Петрова Анна', 2],
      ['Без ответственного', 1],
      ['Иванов Иван', 1],
    ]);
    expect(byManager[0]?.byLevel).to.deep.equal([0, 2, 0]);
    const byDep = groupForgottenDeals(out, 'department', employees, departments, '—');
    expect(byDep.map((g) => [g.label, g.items.length])).to.deep.equal([
      ['Филиал Север', 2],
      ['—', 1],
      ['Филиал Центр', 1],
    ]);
  });

  it('writes a copyable per-manager digest', () => {
    const group = groupForgottenDeals(out, 'manager', employees, departments)[0]!;
    const text = forgottenDigest(group.label, group.items, { lang: 'ru', timeZone: TZ, names: new Map(employees.map((e) => [e.id, e.name])) });
    const lines = text.split('\n');
    expect(lines[0]).to.equal('Петрова Анна: 2 забытые сделки');
    expect(lines[1]).to.equal(
      '• Полис 2 [Новая]: звонок просрочен на 1 день (срок 01.04.2025); не было касаний 82 дня (с 10.01.2025; порог 14), ничего не запланировано. Последнее касание: создание сделки 10.01.2025. Дальше: ничего не запланировано.',
    );
    expect(forgottenDigest('Ivan', group.items.slice(0, 1), { lang: 'en', timeZone: TZ }).split('\n')[0]).to.equal('Ivan: 1 forgotten deal');
  });
});
