import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { generateMockCrm, SnapshotAdapter } from '@crmkit/adapter-mock';
import type { CrmRecordOpenEvent, DataAdapter } from '@crmkit/core';
import { emptyAdapter, failingAdapter, pendingAdapter } from '../../../../stories/support/story-adapters.js';
import { clientsSnapshot, CLIENTS_NOW } from '../client-timeline/client-fixtures.js';
import './crm-client-base.js';
import type { CrmClientBase } from './client-base.js';

const adapter = () => new SnapshotAdapter(clientsSnapshot);

async function mount(a: DataAdapter, width = '900px', extra: Partial<CrmClientBase> = {}): Promise<CrmClientBase> {
  const wrap = await fixture<HTMLDivElement>(html`<div style="inline-size: ${width}">
    <crm-client-base lang="ru" no-persist .now=${CLIENTS_NOW} .adapter=${a} .forgottenDays=${extra.forgottenDays ?? 30}></crm-client-base>
  </div>`);
  return wrap.querySelector('crm-client-base') as CrmClientBase;
}
const ready = (el: CrmClientBase) => waitUntil(() => el.shadowRoot?.querySelector('crm-data-table'), 'client base not loaded', { timeout: 8000 });
const tile = (el: CrmClientBase, s: string) => el.shadowRoot?.querySelector(`.tile[data-segment="${s}"]`) as HTMLButtonElement;
const n = (el: CrmClientBase, s: string) => tile(el, s).querySelector('.n')?.textContent;
async function rowCount(el: CrmClientBase): Promise<number> {
  await el.updateComplete;
  const t = el.shadowRoot?.querySelector('crm-data-table') as HTMLElement & { updateComplete: Promise<unknown> };
  await t.updateComplete;
  return Number(t.shadowRoot?.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')) - 1;
}

describe('<crm-client-base>', () => {
  it('counts clients B2B / B2C and classes them, with the evidence', async () => {
    const el = await mount(adapter());
    await ready(el);
    // A (company, paid on day 6): active; B (company of Петров, whose deal D2 was lost): requests;
    // Сидорова (B2C, one call): dialogs; Пустой Контакт: no contacts.
    expect([n(el, 'all'), n(el, 'b2b'), n(el, 'b2c')]).to.deep.equal(['4', '2', '2']);
    expect([n(el, 'active'), n(el, 'sleeping'), n(el, 'lost'), n(el, 'requests'), n(el, 'dialogs'), n(el, 'contacts'), n(el, 'no-contacts')]).to.deep.equal(['1', '0', '0', '1', '1', '0', '1']);
    const byName = new Map(el.rows.map((r) => [r.client.name, r]));
    expect(byName.get('АО «Бета»')?.evidence).to.deep.equal({ class: 'requests', dealCount: 1, invoiceCount: 0 });
    expect(el.shadowRoot?.textContent).to.include('Данные на');
  });

  it('drills down from a number to its clients and searches by name', async () => {
    const el = await mount(adapter());
    await ready(el);
    expect(await rowCount(el)).to.equal(4);
    tile(el, 'dialogs').click();
    expect(await rowCount(el)).to.equal(1);
    const grid = el.shadowRoot?.querySelector('crm-data-table')?.shadowRoot?.textContent ?? '';
    expect(grid).to.include('Сидорова Анна').and.include('1 диалог, последний');
    tile(el, 'all').click();
    const search = el.shadowRoot?.querySelector('input[type="search"]') as HTMLInputElement;
    search.focus();
    await sendKeys({ type: 'бета' });
    expect(await rowCount(el)).to.equal(1);
  });

  it('lists forgotten clients: nothing for N days and nothing planned', async () => {
    const el = await mount(adapter(), '900px', { forgottenDays: 5 });
    await ready(el);
    (el.shadowRoot?.querySelector('[data-view="forgotten"]') as HTMLButtonElement).click();
    // A has a planned task (via its deal): not forgotten. B: 8 days; Сидорова: 7; Пустой: never.
    expect(await rowCount(el)).to.equal(3);
    expect(el.visibleRows.map((r) => r.client.name)).to.have.members(['АО «Бета»', 'Сидорова Анна', 'Пустой Контакт']);
  });

  it('shows manager control and exports it to CSV and XLSX', async () => {
    const el = await mount(adapter());
    await ready(el);
    (el.shadowRoot?.querySelector('[data-view="control"]') as HTMLButtonElement).click();
    expect(await rowCount(el)).to.equal(6); // every activity but the comment
    const csv = el.exportList('csv').replace(/^\uFEFF/, '').split(/\r\n/);
    expect(csv[0]).to.equal('Тип дела;Тема;Поставил;Когда поставлено;Ответственный;Срок;Закрыл;Когда закрыто;От постановки до закрытия;Просрочка;Статус');
    const call = csv.find((l) => l.includes('Входящий звонок')) ?? '';
    expect(call).to.include('Звонок;Входящий звонок;Козлов Игорь;').and.include(';Смирнова Ольга;');
    const xlsx = await el.exportList('xlsx');
    expect(String.fromCharCode(xlsx[0], xlsx[1])).to.equal('PK');
  });

  it('exports the client list to CSV', async () => {
    const el = await mount(adapter());
    await ready(el);
    tile(el, 'active').click();
    await el.updateComplete;
    const lines = el.exportList('csv').replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).to.equal('Клиент;Тип;Класс;Почему;Последняя оплата;Последнее общение;Изменён;Ответственный');
    expect(lines).to.have.length(2);
    expect(lines[1]).to.match(/^ООО «Альфа»;B2B;Активные;Последняя оплата .* \(4 дня назад\), 1 оплата;/);
  });

  it('opens a client with a cancelable crm-record-open', async () => {
    const el = await mount(adapter());
    await ready(el);
    const opened: CrmRecordOpenEvent[] = [];
    el.addEventListener('crm-record-open', (e) => {
      e.preventDefault();
      opened.push(e);
    });
    const table = el.shadowRoot?.querySelector('crm-data-table') as HTMLElement;
    const row = table.shadowRoot?.querySelector('[part="row"]') as HTMLElement;
    row.focus();
    await sendKeys({ press: 'Enter' });
    expect(opened).to.have.length(1);
    expect(['company', 'contact']).to.include(opened[0].kind);
  });

  it('classifies the mock portal', async () => {
    const snap = generateMockCrm({ scale: 'small', seed: 1, now: CLIENTS_NOW });
    const el = await mount(new SnapshotAdapter(snap));
    await ready(el);
    const total = Number(n(el, 'all')?.replace(/\D/g, ''));
    expect(total).to.be.greaterThan(10);
    expect(Number(n(el, 'b2b')?.replace(/\D/g, '')) + Number(n(el, 'b2c')?.replace(/\D/g, ''))).to.equal(total);
    const leadsOnly = snap.situations.leadsOnly[0];
    const row = el.rows.find((r) => r.client.ref.id === leadsOnly.id && r.client.ref.kind === leadsOnly.kind);
    if (row) expect(['contacts', 'no-contacts']).to.include(row.class);
  });

  for (const [name, make, selector] of [
    ['loaded', adapter, 'crm-data-table'],
    ['loading', pendingAdapter, '[part="loading"]'],
    ['empty', emptyAdapter, '[part="empty"]'],
    // A fresh origin, so no cached copy from another test hides the failure.
    ['error', () => failingAdapter('network', new SnapshotAdapter({ ...clientsSnapshot, origin: `mock://failing-${Math.random()}` })), '[part="error"]'],
  ] as const) {
    it(`is accessible and fits 360 px when ${name}`, async () => {
      const el = await mount(make(), '360px');
      await waitUntil(() => el.shadowRoot?.querySelector(selector), `${name} not shown`, { timeout: 8000 });
      await expect(el, name).to.be.accessible();
      expect(el.scrollWidth, name).to.be.at.most(360);
    });
  }
});
