import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SnapshotAdapter, generateMockCrm, type CrmSnapshot } from '@crmkit/adapter-mock';
import type { CrmDrillDownEvent, CrmRecordOpenEvent, DataAdapter, Deal } from '@crmkit/core';
import { dataWidgetSuite, deepText } from '@crmkit/core/testing/data-widget-suite.js';
import { emptyAdapter, failingAdapter, pendingAdapter } from '../../../../stories/support/story-adapters.js';
import './crm-registry-conversion.js';
import type { CrmRegistryConversion } from './registry-conversion.js';

const msk = (y: number, m: number, d: number, h = 12) => Date.UTC(y, m - 1, d, h - 3);
const NOW = msk(2025, 4, 15);
const won = { stageId: 'WON', stageSemantics: 'success' as const };
const lost = { stageId: 'LOSE', stageSemantics: 'failure' as const };

function deal(id: string, client: string, patch: Partial<Deal>, fields: Deal['fields']): Deal {
  return {
    id,
    title: `Сделка ${id}`,
    funnelId: '0',
    stageId: 'NEW',
    stageSemantics: 'process',
    amount: 1000,
    currency: 'RUB',
    contactIds: [client],
    responsibleId: '7',
    createdAt: msk(2025, 4, 2),
    modifiedAt: msk(2025, 4, 2),
    products: [],
    fields,
    url: `https://crm.example/deal/${id}/`,
    ...patch,
  };
}

/** April's registries: a prolongation registry (3 deals) and a new-business one (2 deals). */
const snapshot: CrmSnapshot = {
  format: 'crmkit-snapshot',
  version: 1,
  origin: 'https://crm.example',
  userId: '7',
  timeZone: 'Europe/Moscow',
  entities: {
    deal: [
      deal('h1', 'K1', { ...won, amount: 900, createdAt: msk(2024, 3, 1), closedAt: msk(2024, 3, 5) }, { UF_CRM_PERIOD: '3', UF_CRM_PRODUCT: ['p1'], UF_CRM_REGISTRY_TYPE: 'r1' }),
      deal('1', 'K1', { ...won, amount: 1000, createdAt: msk(2025, 3, 10), closedAt: msk(2025, 4, 10) }, { UF_CRM_PERIOD: '4', UF_CRM_PRODUCT: ['p1'], UF_CRM_REGISTRY_TYPE: 'r1' }),
      deal('2', 'K2', { stageId: 'WORK' }, { UF_CRM_PERIOD: '4', UF_CRM_PRODUCT: ['p1'], UF_CRM_REGISTRY_TYPE: 'r1' }),
      deal('3', 'K3', { responsibleId: '8' }, { UF_CRM_PERIOD: '4', UF_CRM_PRODUCT: ['p1'], UF_CRM_REGISTRY_TYPE: 'r1' }),
      deal('4', 'K1', { ...won, amount: 3000, closedAt: msk(2025, 4, 12) }, { UF_CRM_PERIOD: '4', UF_CRM_PRODUCT: ['p2'], UF_CRM_REGISTRY_TYPE: 'r2' }),
      deal('5', 'K4', { ...lost, responsibleId: '8' }, { UF_CRM_PERIOD: '4', UF_CRM_PRODUCT: ['p2'], UF_CRM_REGISTRY_TYPE: 'r2' }),
      deal('6', 'K5', {}, { UF_CRM_PERIOD: '5', UF_CRM_PRODUCT: ['p2'], UF_CRM_REGISTRY_TYPE: 'r2' }),
    ],
    funnel: [
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
    ],
    fieldDefinition: [
      { id: 'deal:UF_CRM_PERIOD', code: 'UF_CRM_PERIOD', owner: 'deal', label: 'Период', type: 'enumeration', multiple: false, builtIn: false, options: [{ id: '3', label: 'Март' }, { id: '4', label: 'Апрель' }, { id: '5', label: 'Май' }] },
      { id: 'deal:UF_CRM_PRODUCT', code: 'UF_CRM_PRODUCT', owner: 'deal', label: 'Продукт', type: 'enumeration', multiple: true, builtIn: false, options: [{ id: 'p1', label: 'Ипотека' }, { id: 'p2', label: 'КАСКО' }] },
      { id: 'deal:UF_CRM_REGISTRY_TYPE', code: 'UF_CRM_REGISTRY_TYPE', owner: 'deal', label: 'Тип реестра', type: 'enumeration', multiple: false, builtIn: false, options: [{ id: 'r1', label: 'Пролонгация' }, { id: 'r2', label: 'Новый бизнес — тёплый' }] },
    ],
    employee: [
      { id: '7', name: 'Иванов Иван', departmentIds: ['d1'], active: true },
      { id: '8', name: 'Петрова Анна', departmentIds: ['d1'], active: true },
    ],
    department: [{ id: 'd1', name: 'Филиал Центр' }],
    product: [],
    payment: [],
  },
};

async function mount(a: DataAdapter, width = '1200px', now = NOW): Promise<CrmRegistryConversion> {
  const wrap = await fixture<HTMLDivElement>(html`<div style="inline-size: ${width}">
    <crm-registry-conversion lang="ru" .now=${now} .adapter=${a}></crm-registry-conversion>
  </div>`);
  return wrap.querySelector('crm-registry-conversion') as CrmRegistryConversion;
}
async function loaded(el: CrmRegistryConversion): Promise<void> {
  await waitUntil(() => el.shadowRoot?.querySelector('table, [part="empty"], [part="error"]'), 'did not load', { timeout: 8000 });
  await el.updateComplete;
}
const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
const bodyRows = (el: CrmRegistryConversion) => [...(el.shadowRoot?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.children].map((c) => text(c)));
const totalRow = (el: CrmRegistryConversion) => [...(el.shadowRoot?.querySelectorAll('tfoot tr > *') ?? [])].map((c) => text(c));

describe('<crm-registry-conversion>', () => {
  it('groups April\'s registries (by Период) by registry type then seller, with subtotals, total and denominators', async () => {
    const el = await mount(new SnapshotAdapter(snapshot));
    await loaded(el);
    const rows = bodyRows(el);
    expect(rows.map((r) => [r[0], r[1]])).to.deep.equal([
      ['Пролонгация', '3'],
      ['Иванов Иван', '2'],
      ['Петрова Анна', '1'],
      ['Новый бизнес — тёплый', '2'],
      ['Иванов Иван', '1'],
      ['Петрова Анна', '1'],
    ]);
    const total = totalRow(el);
    expect(total[0]).to.equal('Итого');
    expect(total[1]).to.equal('5');
    // Coverage: 4 of 5 left the first stage (deal 3 is still NEW).
    expect(total[2]).to.include('80 %').and.include('4 из 5');
    // Created in the period: deals 2–5 (deal 1 was loaded in March): 1 won of 4; overall 2 of 5.
    expect(total[7]).to.include('25 %').and.include('1 из 4');
    expect(total[8]).to.include('40 %').and.include('2 из 5');
    // Kinds of the won deals: deal 1 renews K1's mortgage (prolongation), deal 4 adds КАСКО (explicit "new" wins, flagged).
    expect(total.slice(10, 14)).to.deep.equal(['1', '0', '1', '1']);
    expect(text(el.shadowRoot?.querySelector('.legend'))).to.include('Норма 90 %, цель 100 %').and.include('Темп на сегодня: 50 %');
  });

  it('every cell drills down to its deals (cancelable crm-drill-down), and a deal opens with crm-record-open', async () => {
    const el = await mount(new SnapshotAdapter(snapshot));
    await loaded(el);
    let drill: CrmDrillDownEvent | undefined;
    el.addEventListener('crm-drill-down', (e) => (drill = e));
    const prolongationLoaded = el.shadowRoot?.querySelector('tbody tr td button.cell') as HTMLButtonElement;
    expect(prolongationLoaded.getAttribute('aria-label')).to.equal('Загружено, Пролонгация: 3. Показать сделки');
    prolongationLoaded.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(drill?.detail.count).to.equal(3);
    expect(drill?.detail.filter).to.deep.equal([{ field: 'id', op: 'in', value: ['1', '2', '3'] }]);
    const panel = el.shadowRoot?.querySelector('[part="drill"]');
    expect(text(panel?.querySelector('h3'))).to.equal('Загружено — Пролонгация: 3 сделки');
    let opened: CrmRecordOpenEvent | undefined;
    el.addEventListener('crm-record-open', (e) => {
      opened = e;
      e.preventDefault();
    });
    (panel?.querySelector('.link') as HTMLButtonElement).click();
    expect(opened?.id).to.equal('1');
    // A canceled drill-down shows nothing of its own.
    el.addEventListener('crm-drill-down', (e) => e.preventDefault());
    (el.shadowRoot?.querySelector('[part="drill"] .crm-button') as HTMLButtonElement).click();
    await el.updateComplete;
    (el.shadowRoot?.querySelector('tfoot button.cell') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part="drill"]')).to.equal(null);
  });

  it('changes grouping and the period field', async () => {
    const el = await mount(new SnapshotAdapter(snapshot));
    await loaded(el);
    const selects = [...(el.shadowRoot?.querySelectorAll('.controls select') ?? [])] as HTMLSelectElement[];
    selects[0]!.value = 'product';
    selects[0]!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const s2 = [...(el.shadowRoot?.querySelectorAll('.controls select') ?? [])] as HTMLSelectElement[];
    s2[1]!.value = '';
    s2[1]!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(bodyRows(el).map((r) => [r[0], r[1]])).to.deep.equal([
      ['Ипотека', '3'],
      ['КАСКО', '2'],
    ]);
    // By creation date, April holds deals 2–6 (deal 6 is May's registry, created in April).
    const periodField = [...(el.shadowRoot?.querySelectorAll('.controls select') ?? [])][3] as HTMLSelectElement;
    periodField.value = 'createdAt';
    periodField.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(totalRow(el)[1]).to.equal('5');
    expect(bodyRows(el).map((r) => [r[0], r[1]])).to.deep.equal([
      ['КАСКО', '3'],
      ['Ипотека', '2'],
    ]);
  });

  it('loads Chart.js only when the chart is shown, and destroys it when hidden', async () => {
    const el = await mount(new SnapshotAdapter(snapshot));
    await loaded(el);
    expect(el.shadowRoot?.querySelector('canvas')).to.equal(null);
    const toggle = el.shadowRoot?.querySelector('button[aria-expanded]') as HTMLButtonElement;
    toggle.click();
    await el.updateComplete;
    const chart = (el as unknown as { chart: { drawn: boolean } }).chart;
    await waitUntil(() => chart.drawn, 'chart not drawn', { timeout: 8000 });
    expect(el.shadowRoot?.querySelector('canvas')?.getAttribute('aria-label')).to.equal('Охват и конверсия по продавцам');
    toggle.click();
    await el.updateComplete;
    expect(chart.drawn).to.equal(false);
  });

  it('shows the mock insurer portal with prolongations and cross-sales', async () => {
    const now = Date.UTC(2025, 3, 15, 9);
    const el = await mount(new SnapshotAdapter(generateMockCrm({ scale: 'small', seed: 4, now })), '1200px', now);
    await loaded(el);
    expect(Number(totalRow(el)[1]?.replace(/\s/g, ''))).to.be.greaterThan(0);
    expect(bodyRows(el).length).to.be.greaterThan(1);
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
  name: '<crm-registry-conversion> shared behaviour',
  data: snapshot.entities,
  emptyData: { deal: [], funnel: snapshot.entities.funnel ?? [] },
  render: async (adapter) => {
    const wrap = await fixture<HTMLDivElement>(html`<div><crm-registry-conversion lang="ru" .now=${NOW} .adapter=${adapter}></crm-registry-conversion></div>`);
    return wrap.firstElementChild as HTMLElement;
  },
  showsData: (el) => deepText(el).includes('Пролонгация'),
});

describe('registry computation in the compute worker', () => {
  it('gives the same table and pivots in the worker as on the main thread (mock insurer portal)', async () => {
    const { runInWorker, findKindField, findPeriodField, resolveDatePreset } = await import('@crmkit/core');
    const { registryComputeTask } = await import('@crmkit/core/worker/deals/tasks.js');
    const now = Date.UTC(2025, 3, 15, 9);
    const e = generateMockCrm({ scale: 'small', seed: 4, now }).entities;
    const defs = e.fieldDefinition ?? [];
    const kind = findKindField(defs);
    const input = {
      deals: e.deal ?? [],
      funnels: e.funnel ?? [],
      fieldDefinitions: defs,
      employees: e.employee ?? [],
      departments: e.department ?? [],
      products: e.product ?? [],
      payments: e.payment ?? [],
      periodField: findPeriodField(defs)?.code ?? 'createdAt',
      period: resolveDatePreset('thisMonth', now, 'Europe/Moscow'),
      dimensions: [kind ? `fields.${kind.code}` : 'kind', 'responsibleId', 'responsibleId'],
      timeZone: 'Europe/Moscow',
      levels: [0, 1],
      extraPivots: [[2]],
    };
    const inWorker = await runInWorker(registryComputeTask, input);
    const onMain = await runInWorker(registryComputeTask, input, { mode: 'main' });
    expect(inWorker.table.n).to.be.greaterThan(0);
    expect(inWorker.pivot.rows.length).to.be.greaterThan(0);
    expect(inWorker).to.deep.equal(onMain);
    // A field filter travels as the ids it keeps.
    const includeIds = input.deals.filter((_, i) => i % 2 === 0).map((d) => d.id);
    const filtered = await runInWorker(registryComputeTask, { ...input, includeIds });
    expect(filtered.table.n).to.be.below(inWorker.table.n);
    expect(filtered).to.deep.equal(await runInWorker(registryComputeTask, { ...input, includeIds }, { mode: 'main' }));
  });
});
