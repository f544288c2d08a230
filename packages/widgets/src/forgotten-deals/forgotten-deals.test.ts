import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SnapshotAdapter, generateMockCrm, type CrmSnapshot } from '@crmkit/adapter-mock';
import { encodeView, type Activity, type CrmRecordOpenEvent, type DataAdapter, type Deal } from '@crmkit/core';
import { dataWidgetSuite, deepText } from '@crmkit/core/testing/data-widget-suite.js';
import { emptyAdapter, failingAdapter, pendingAdapter } from '../../../../stories/support/story-adapters.js';
import './crm-forgotten-deals.js';
import type { CrmForgottenDeals } from './forgotten-deals.js';

const msk = (y: number, m: number, d: number, h = 12) => Date.UTC(y, m - 1, d, h - 3);
const NOW = msk(2025, 4, 2);

function deal(id: string, responsibleId: string, fields: Deal['fields'] = {}, patch: Partial<Deal> = {}): Deal {
  return {
    id,
    title: `Полис ${id}`,
    funnelId: '0',
    stageId: 'NEW',
    stageSemantics: 'process',
    amount: 1000,
    currency: 'RUB',
    contactIds: [],
    responsibleId,
    createdAt: msk(2025, 1, 10),
    modifiedAt: msk(2025, 1, 10),
    products: [],
    fields,
    url: `https://crm.example/deal/${id}/`,
    ...patch,
  };
}
const call = (id: string, dealId: string, deadline: number): Activity => ({
  id,
  kind: 'call',
  subject: 'Первый звонок',
  createdAt: msk(2025, 1, 10),
  deadline,
  completed: false,
  bindings: [{ kind: 'deal', id: dealId }],
  responsibleId: '7',
});

/** A registry of April prolongations loaded in January: one call overdue by a day, one ahead. */
const snapshot: CrmSnapshot = {
  format: 'crmkit-snapshot',
  version: 1,
  origin: 'https://crm.example',
  userId: '7',
  timeZone: 'Europe/Moscow',
  entities: {
    deal: [
      deal('1', '7', { UF_CRM_PERIOD: '4' }),
      deal('2', '7', { UF_CRM_PERIOD: '5' }),
      deal('3', '8', { UF_CRM_PERIOD: '5' }),
      deal('4', '8', {}, { stageId: 'WON', stageSemantics: 'success' }),
    ],
    activity: [call('a1', '1', msk(2025, 4, 1, 10)), call('a2', '2', msk(2025, 5, 2, 10)), call('a3', '3', msk(2025, 3, 20, 10))],
    stageMove: [],
    funnel: [
      {
        id: '0',
        name: 'Общая',
        stages: [
          { id: 'NEW', funnelId: '0', name: 'Новая', sort: 10, semantics: 'process' },
          { id: 'WORK', funnelId: '0', name: 'В работе', sort: 20, semantics: 'process' },
          { id: 'WON', funnelId: '0', name: 'Продано', sort: 30, semantics: 'success' },
        ],
      },
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
          { id: '4', label: 'Апрель' },
          { id: '5', label: 'Май' },
        ],
      },
    ],
    employee: [
      { id: '7', name: 'Иванов Иван', departmentIds: ['d1'], active: true },
      { id: '8', name: 'Петрова Анна', departmentIds: ['d1'], active: true },
    ],
    department: [{ id: 'd1', name: 'Филиал Центр' }],
  },
};

async function mount(a: DataAdapter, width = '900px', extra: { view?: string; now?: number } = {}): Promise<CrmForgottenDeals> {
  localStorage.clear();
  const wrap = await fixture<HTMLDivElement>(html`<div style="inline-size: ${width}">
    <crm-forgotten-deals lang="ru" .now=${extra.now ?? NOW} view=${extra.view ?? ''} .adapter=${a}></crm-forgotten-deals>
  </div>`);
  return wrap.querySelector('crm-forgotten-deals') as CrmForgottenDeals;
}

async function loaded(el: CrmForgottenDeals): Promise<void> {
  await waitUntil(() => el.shadowRoot?.querySelector('nav, [part="empty"], [part="error"]'), 'did not load', { timeout: 8000 });
  await el.updateComplete;
}
const rows = (el: CrmForgottenDeals) => [...(el.shadowRoot?.querySelectorAll('[part="row"]') ?? [])] as HTMLElement[];
const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<crm-forgotten-deals>', () => {
  it('shows why each deal is forgotten, with dates, responsible, stage, last touch and next planned', async () => {
    const el = await mount(new SnapshotAdapter(snapshot));
    await loaded(el);
    // Deal 2's call is in the future: not forgotten. Deal 4 is won.
    const list = rows(el);
    expect(list.map((r) => text(r.querySelector('.link') as Element))).to.deep.equal(['Полис 3', 'Полис 1']);
    const first = text(list[1] as Element);
    expect(first).to.include('звонок просрочен на 1 день (срок 01.04.2025)');
    expect(first).to.include('Новая');
    expect(first).to.include('создание сделки 10.01.2025');
    expect(first).to.include('ничего не запланировано');
    expect(text(list[0] as Element)).to.include('звонок просрочен на 13 дней');
    expect(text(el.shadowRoot?.querySelector('[part="header"]') as Element)).to.include('2 забытые сделки');
  });

  it('groups by manager and department with counts and copies a manager\'s digest', async () => {
    const el = await mount(new SnapshotAdapter(snapshot));
    await loaded(el);
    const groups = () => [...(el.shadowRoot?.querySelectorAll('nav .group-btn') ?? [])].map((b) => text(b));
    expect(groups()).to.deep.equal(['Все: 2', 'Иванов Иван: 1', 'Петрова Анна: 1']);
    const byDep = [...(el.shadowRoot?.querySelectorAll('.seg button') ?? [])][1] as HTMLButtonElement;
    byDep.click();
    await el.updateComplete;
    expect(groups()).to.deep.equal(['Все: 2', 'Филиал Центр: 2']);
    ([...(el.shadowRoot?.querySelectorAll('.seg button') ?? [])][0] as HTMLButtonElement).click();
    await el.updateComplete;
    (el.shadowRoot?.querySelectorAll('nav .group-btn')[1] as HTMLButtonElement).click();
    await el.updateComplete;
    expect(rows(el)).to.have.length(1);
    let copied = '';
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void (copied = t) } });
    try {
      (el.shadowRoot?.querySelector('[part="digest"] button') as HTMLButtonElement).click();
      await waitUntil(() => copied !== '');
    } finally {
      if (original) Object.defineProperty(navigator, 'clipboard', original);
      else delete (navigator as { clipboard?: unknown }).clipboard;
    }
    expect(copied.split('\n')[0]).to.equal('Иванов Иван: 1 забытая сделка');
    await el.updateComplete;
    expect(text(el.shadowRoot?.querySelector('.live') as Element)).to.equal('Сводка скопирована');
  });

  it('snoozes a deal locally with a reason, and can show and restore it', async () => {
    const el = await mount(new SnapshotAdapter(snapshot));
    await loaded(el);
    const snoozeBtn = rows(el)[1]?.querySelector('button[aria-label^="Отложить"]') as HTMLButtonElement;
    snoozeBtn.click();
    await el.updateComplete;
    const form = el.shadowRoot?.querySelector('form.snooze-form') as HTMLFormElement;
    (form.querySelector('input[name="reason"]') as HTMLInputElement).value = 'Клиент в отпуске';
    form.requestSubmit();
    await el.updateComplete;
    expect(rows(el).map((r) => text(r.querySelector('.link') as Element))).to.deep.equal(['Полис 3']);
    const stored = Object.keys(localStorage).find((k) => k.startsWith('crmkit:forgotten-deals:snooze:https://crm.example|7'));
    expect(stored).to.not.equal(undefined);
    expect(localStorage.getItem(stored as string)).to.include('Клиент в отпуске');
    const toggle = [...(el.shadowRoot?.querySelectorAll('[part="toolbar"] button') ?? [])].find((b) => text(b).startsWith('Показать отложенные')) as HTMLButtonElement;
    toggle.click();
    await el.updateComplete;
    expect(text(rows(el)[1] as Element)).to.include('Отложена до 09.04.2025: Клиент в отпуске');
    (rows(el)[1]?.querySelector('.note + button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(rows(el)).to.have.length(2);
  });

  it('rules are editable: turning off the overdue rule and the untouched one leaves nothing', async () => {
    const el = await mount(new SnapshotAdapter(snapshot));
    await loaded(el);
    const boxes = [...(el.shadowRoot?.querySelectorAll('details.rules legend input[type="checkbox"]') ?? [])] as HTMLInputElement[];
    expect(boxes).to.have.length(4);
    for (const i of [0, 1]) {
      boxes[i]!.click();
      await el.updateComplete;
    }
    expect(el.activeRules.overdue.enabled).to.equal(false);
    expect(rows(el)).to.have.length(0);
    expect(text(el.shadowRoot?.querySelector('[part="empty"]') as Element)).to.include('Забытых сделок нет');
  });

  it('applies a filter view (Период = Апрель) and drills to the deal with a cancelable crm-record-open', async () => {
    const view = encodeView({ conditions: [{ field: { code: 'UF_CRM_PERIOD', label: 'Период' }, op: 'anyOf', options: [{ id: '4', label: 'Апрель' }] }] });
    const el = await mount(new SnapshotAdapter(snapshot), '900px', { view });
    await loaded(el);
    expect(rows(el).map((r) => text(r.querySelector('.link') as Element))).to.deep.equal(['Полис 1']);
    expect(text(el.shadowRoot?.querySelector('.chip') as Element)).to.equal('Период: Апрель');
    let opened: CrmRecordOpenEvent | undefined;
    el.addEventListener('crm-record-open', (e) => {
      opened = e;
      e.preventDefault();
    });
    const link = rows(el)[0]?.querySelector('.link') as HTMLButtonElement;
    link.focus();
    await sendKeys({ press: 'Enter' });
    expect(opened?.kind).to.equal('deal');
    expect(opened?.id).to.equal('1');
    expect(opened?.url).to.equal('https://crm.example/deal/1/');
  });

  it('flags a deal still NEW on the last day of its period (mock insurer portal data)', async () => {
    const now = Date.UTC(2025, 3, 30, 9);
    const mock = generateMockCrm({ scale: 'small', seed: 4, now });
    const el = await mount(new SnapshotAdapter(mock), '900px', { now });
    await loaded(el);
    expect(rows(el).length).to.be.greaterThan(0);
    expect(text(el.shadowRoot?.querySelector('[part="list"]') as Element)).to.match(/Период «[^»]+» (заканчивается|закончился)/);
  });

  it('is accessible and fits 360 px with data', async () => {
    const el = await mount(new SnapshotAdapter(snapshot), '360px');
    await loaded(el);
    await expect(el).to.be.accessible();
    expect(el.scrollWidth).to.be.at.most(360);
  });

  it('is accessible and fits 360 px when empty and when failed', async () => {
    for (const a of [emptyAdapter(), failingAdapter('network')]) {
      const el = await mount(a, '360px');
      await loaded(el);
      await expect(el).to.be.accessible();
      expect(el.scrollWidth, a.kind).to.be.at.most(360);
    }
  });

  it('is accessible and fits 360 px while loading', async () => {
    const pending = await mount(pendingAdapter(), '360px');
    await waitUntil(() => pending.shadowRoot?.querySelector('[part="loading"]'));
    await expect(pending).to.be.accessible();
    expect(pending.scrollWidth).to.be.at.most(360);
  });
});

dataWidgetSuite({
  name: '<crm-forgotten-deals> shared behaviour',
  data: snapshot.entities,
  emptyData: { deal: [], activity: [], funnel: snapshot.entities.funnel ?? [] },
  render: async (adapter) => {
    const wrap = await fixture<HTMLDivElement>(html`<div><crm-forgotten-deals lang="ru" .now=${NOW} .adapter=${adapter}></crm-forgotten-deals></div>`);
    return wrap.firstElementChild as HTMLElement;
  },
  showsData: (el) => deepText(el).includes('Полис 1'),
});

describe('forgotten rules in steps', () => {
  it('give the same list, with the same deal objects, as one findForgottenDeals call (mock portal, with a filter)', async () => {
    const { findForgottenDeals, runSteps } = await import('@crmkit/core');
    const { forgottenSteps } = await import('./forgotten-steps.js');
    const now = Date.UTC(2025, 3, 30, 9);
    const mock = generateMockCrm({ scale: 'small', seed: 4, now });
    const e = mock.entities;
    const data = {
      deals: (e.deal ?? []).filter((d) => d.stageSemantics === 'process'),
      activities: (e.activity ?? []).filter((a) => a.bindings.some((b) => b.kind === 'deal')),
      stageMoves: e.stageMove ?? [],
      funnels: e.funnel ?? [],
      fieldDefinitions: e.fieldDefinition ?? [],
      employees: e.employee ?? [],
      departments: e.department ?? [],
      origin: mock.origin ?? 'mock://crmkit',
      userId: mock.userId ?? '',
      timeZone: mock.timeZone ?? 'Europe/Moscow',
    };
    const rules = (await import('@crmkit/core')).DEFAULT_FORGOTTEN_RULES;
    // Judged three weeks after the portal's "now": many deals are forgotten by then.
    const at = now + 21 * 86_400_000;
    const whole = findForgottenDeals({ ...data, rules, now: at, timeZone: data.timeZone });
    expect(whole.length).to.be.greaterThan(3);
    const stepped = runSteps(forgottenSteps({ data, rules, now: at, conditions: [] }));
    expect(stepped).to.deep.equal(whole);
    stepped.forEach((f, i) => expect(f.deal).to.equal(whole[i]?.deal));
    // A filter (one manager) keeps exactly that manager's forgotten deals.
    const who = whole[0]?.deal.responsibleId as string;
    const conditions = [{ field: { code: 'responsibleId' }, op: 'anyOf' as const, options: [{ id: who }] }];
    const filtered = runSteps(forgottenSteps({ data, rules, now: at, conditions }));
    expect(filtered.length).to.be.greaterThan(0);
    expect(filtered).to.deep.equal(whole.filter((f) => f.deal.responsibleId === who));
  });
});
