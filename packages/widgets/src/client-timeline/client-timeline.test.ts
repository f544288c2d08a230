import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SnapshotAdapter, generateMockCrm } from '@crmkit/adapter-mock';
import type { CrmRecordOpenEvent, DataAdapter } from '@crmkit/core';
import { emptyAdapter, failingAdapter, pendingAdapter } from '../../../../stories/support/story-adapters.js';
import './crm-client-timeline.js';
import type { CrmClientTimeline } from './client-timeline.js';
import { clientsSnapshot, CLIENTS_NOW } from './client-fixtures.js';

const adapter = () => new SnapshotAdapter(clientsSnapshot);

async function mount(a: DataAdapter, type = 'company', id = 'A', width = '900px'): Promise<CrmClientTimeline> {
  const wrap = await fixture<HTMLDivElement>(html`<div style="inline-size: ${width}">
    <crm-client-timeline lang="ru" entity-type=${type} entity-id=${id} .now=${CLIENTS_NOW} .adapter=${a}></crm-client-timeline>
  </div>`);
  return wrap.querySelector('crm-client-timeline') as CrmClientTimeline;
}

async function loaded(el: CrmClientTimeline): Promise<void> {
  await waitUntil(() => el.shadowRoot?.querySelector('crm-data-table, [part="empty"], [part="error"]'), 'timeline did not load', { timeout: 5000 });
  await el.updateComplete;
}

const table = (el: CrmClientTimeline) => el.shadowRoot?.querySelector('crm-data-table') as HTMLElement & { updateComplete: Promise<unknown> };
async function rowCount(el: CrmClientTimeline): Promise<number> {
  await el.updateComplete;
  const t = table(el);
  await t.updateComplete;
  return Number(t.shadowRoot?.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')) - 1;
}
const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

describe('<crm-client-timeline>', () => {
  it('shows a company\'s full history with its contacts and deals, planned and overdue above', async () => {
    const el = await mount(adapter());
    await loaded(el);
    expect(text(el)).to.include('История: ООО «Альфа»');
    expect(await rowCount(el)).to.equal(11);
    const upcoming = [...(el.shadowRoot?.querySelectorAll('[part="upcoming"] li') ?? [])].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(upcoming).to.have.length(2);
    expect(upcoming[0]).to.include('Просрочено').and.include('Перезвонить');
    expect(upcoming[1]).to.include('Запланировано').and.include('через сделку Поставка');
    // The call came through a contact and says so; the table shows the source.
    const grid = table(el).shadowRoot?.textContent ?? '';
    expect(grid).to.include('через контакт Иванов Иван');
    const people = [...(table(el).shadowRoot?.querySelectorAll('crm-employee') ?? [])].map((e) => (e as HTMLElement & { employee?: { name: string } }).employee?.name);
    expect(people).to.include('Козлов Игорь').and.include('Смирнова Ольга');
  });

  it('switches scope with the radio group (keyboard) and narrows the history', async () => {
    const el = await mount(adapter());
    await loaded(el);
    const radio = el.shadowRoot?.querySelector('input[value="deals"]') as HTMLInputElement;
    radio.focus();
    await sendKeys({ press: 'ArrowLeft' }); // deals → contacts
    await el.updateComplete;
    expect(el.scope).to.equal('contacts');
    expect(await rowCount(el)).to.equal(11);
    expect(el.shadowRoot?.querySelectorAll('[part="upcoming"] li')).to.have.length(1);
    await sendKeys({ press: 'ArrowLeft' }); // contacts → record
    await el.updateComplete;
    expect(el.scope).to.equal('record');
    expect(await rowCount(el)).to.equal(8);
  });

  it('filters by type chips with counts, by text and by employee', async () => {
    const el = await mount(adapter());
    await loaded(el);
    const chip = el.shadowRoot?.querySelector('.chip[data-category="deal"]') as HTMLButtonElement;
    expect(chip.textContent?.replace(/\s+/g, ' ')).to.include('Сделки 5');
    chip.click();
    await el.updateComplete;
    expect(chip.getAttribute('aria-pressed')).to.equal('true');
    expect(await rowCount(el)).to.equal(5);
    chip.click();
    const search = el.shadowRoot?.querySelector('input[type="search"]') as HTMLInputElement;
    search.focus();
    await sendKeys({ type: 'Петров' });
    expect(await rowCount(el)).to.equal(2);
    search.value = '';
    search.dispatchEvent(new Event('input'));
    const select = [...(el.shadowRoot?.querySelectorAll('select') ?? [])][1] as HTMLSelectElement;
    select.value = 'e2';
    select.dispatchEvent(new Event('change'));
    // Козлов authored D1's creation, K and C, and is responsible for deal D2 (created, lost).
    expect(await rowCount(el)).to.equal(5);
  });

  it('filters by a date preset and a custom period', async () => {
    const el = await mount(adapter());
    await loaded(el);
    const period = el.shadowRoot?.querySelector('select') as HTMLSelectElement;
    period.value = 'custom';
    period.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const [from, to] = [...(el.shadowRoot?.querySelectorAll('input[type="date"]') ?? [])] as HTMLInputElement[];
    // 7–8 January 2024 (days 6 and 7 of the scenario, Moscow): S, P1, C, K.
    from.value = '2024-01-07';
    from.dispatchEvent(new Event('change'));
    to.value = '2024-01-08';
    to.dispatchEvent(new Event('change'));
    expect(await rowCount(el)).to.equal(4);
  });

  it('opens a record with a cancelable crm-record-open', async () => {
    const el = await mount(adapter());
    await loaded(el);
    const opened: CrmRecordOpenEvent[] = [];
    el.addEventListener('crm-record-open', (e) => {
      e.preventDefault();
      opened.push(e);
    });
    (el.shadowRoot?.querySelector('[part="upcoming"] .link') as HTMLButtonElement).click();
    expect(opened.map((e) => [e.kind, e.id])).to.deep.equal([['activity', 'O']]);
    const row = table(el).shadowRoot?.querySelector('[part="row"]') as HTMLElement;
    row.focus();
    await sendKeys({ press: 'Enter' });
    expect(opened[1].kind).to.equal('activity');
    expect(opened[1].cancelable).to.equal(true);
  });

  it('applies a counter\'s drill-down and clears it', async () => {
    const el = await mount(adapter());
    await loaded(el);
    el.applyDrillDown({ entity: 'deal', filter: [{ field: 'id', op: 'in', value: ['D2'] }], label: 'Проигранные сделки' });
    expect(await rowCount(el)).to.equal(2);
    expect(text(el)).to.include('Показано: Проигранные сделки');
    (el.shadowRoot?.querySelector('.drill button') as HTMLButtonElement).click();
    expect(await rowCount(el)).to.equal(11);
  });

  it('exports the filtered view to CSV', async () => {
    const el = await mount(adapter());
    await loaded(el);
    (el.shadowRoot?.querySelector('.chip[data-category="call"]') as HTMLButtonElement).click();
    await el.updateComplete;
    const csv = el.toCsv();
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).to.equal('Когда;Записано в CRM;Тип;Событие;Статус;Источник;Сумма;Ответственный;Автор');
    expect(lines).to.have.length(2);
    expect(lines[1]).to.include('Входящий звонок').and.include('через контакт Иванов Иван').and.include('Смирнова Ольга;Козлов Игорь');
  });

  it('shows a contact in two companies with each company\'s context', async () => {
    const el = await mount(adapter(), 'contact', '2');
    await loaded(el);
    const grid = table(el).shadowRoot?.textContent ?? '';
    expect(grid).to.include('через компанию ООО «Альфа»');
  });

  it('renders the mock portal\'s B2B company', async () => {
    const snap = generateMockCrm({ scale: 'small', seed: 1, now: CLIENTS_NOW });
    const ref = snap.situations.b2bCompanySeveralManagers[0];
    const el = await mount(new SnapshotAdapter(snap), ref.kind, ref.id);
    await loaded(el);
    expect(await rowCount(el)).to.be.greaterThan(0);
  });

  it('is accessible and fits 360 px when loaded, loading, empty and failed', async () => {
    const cases: [string, DataAdapter, string, string, string][] = [
      ['loaded', adapter(), 'company', 'A', 'crm-data-table'],
      ['loading', pendingAdapter(), 'company', 'A', '[part="loading"]'],
      ['empty', adapter(), 'contact', 'Z', '[part="empty"]'],
      ['error', failingAdapter('network'), 'company', 'A', '[part="error"]'],
    ];
    for (const [name, a, type, id, selector] of cases) {
      const el = await mount(a, type, id, '360px');
      await waitUntil(() => el.shadowRoot?.querySelector(selector), `${name} state not shown`, { timeout: 5000 });
      await expect(el, name).to.be.accessible();
      expect(el.scrollWidth, `overflow when ${name}`).to.be.at.most(360);
    }
  });

  it('says what failed and offers a retry', async () => {
    const failed = await mount(failingAdapter('network'), 'company', 'A', '360px');
    await loaded(failed);
    const error = failed.shadowRoot?.querySelector('[part="error"]');
    expect(error?.textContent).to.include('Нет связи с CRM');
    expect(error?.querySelector('button')?.textContent).to.include('Повторить');
  });
});
