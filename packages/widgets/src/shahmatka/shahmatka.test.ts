import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createMockAdapter, SnapshotAdapter } from '@crmkit/adapter-mock';
import type { DataAdapter } from '@crmkit/core';
import { emptyAdapter, failingAdapter, pendingAdapter } from '../../../../stories/support/story-adapters.js';
import './crm-shahmatka.js';
import type { CrmShahmatka } from './shahmatka.js';
import { NOW, SHAHMATKA_SNAPSHOT, WritableShahmatkaAdapter } from './shahmatka.fixtures.js';
import type { CrmApartmentHoldEvent } from '../events/shahmatka.js';

async function mount(adapter: DataAdapter, attrs: { width?: string } = {}): Promise<CrmShahmatka> {
  const el = await fixture<CrmShahmatka>(
    html`<crm-shahmatka lang="ru" view="grid" .adapter=${adapter} .now=${NOW} style="inline-size: ${attrs.width ?? '1100px'}"></crm-shahmatka>`,
  );
  await waitUntil(() => el.shadowRoot?.querySelector('table.grid, .list, [part="empty"], [part="error"]'), 'rendered', { timeout: 5000 });
  await el.updateComplete;
  return el;
}

const root = (el: CrmShahmatka) => el.shadowRoot as ShadowRoot;
const cell = (el: CrmShahmatka, number: string) =>
  [...root(el).querySelectorAll<HTMLTableCellElement>('td[data-i]')].find((td) => td.textContent?.split('\n')[0] === number) as HTMLTableCellElement;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\u00a0|\u202f/g, ' ');
const active = (el: CrmShahmatka) => (root(el).activeElement as HTMLElement | null)?.textContent?.split('\n')[0];

describe('<crm-shahmatka>', () => {
  it('draws an irregular building: top floor first, spans, a lower wing, status as text', async () => {
    const el = await mount(new SnapshotAdapter(SHAHMATKA_SNAPSHOT));
    const grid = root(el).querySelector('table[role="grid"]') as HTMLTableElement;
    expect(grid.getAttribute('aria-label')).to.equal('Шахматка: Корпус 1');
    const floors = [...grid.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent);
    expect(floors).to.deep.equal(['5', '3', '2', '1']);
    expect(cell(el, '31').rowSpan).to.equal(2);
    expect(cell(el, 'К1').colSpan).to.equal(2);
    expect(cell(el, '201').colSpan).to.equal(2);
    expect(text(cell(el, '22'))).to.equal('22\n2к · 55\n9,9 млн\nсвоб.');
    expect(cell(el, '21').textContent).to.contain('продана');
    expect(cell(el, '21').className).to.contain('s-sold');
    const legend = root(el).querySelector('[part="legend"]')?.textContent?.replace(/\s+/g, ' ');
    expect(legend).to.contain('Свободна (своб.): 6');
    expect(legend).to.contain('Продана (продана): 1');
    // Exactly one cell is in the tab order.
    expect(grid.querySelectorAll('td[tabindex="0"]').length).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('moves through the grid with arrows, Home/End and Page keys, and opens the card with Enter', async () => {
    const el = await mount(new SnapshotAdapter(SHAHMATKA_SNAPSHOT));
    cell(el, '31').focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(active(el)).to.equal('52');
    await sendKeys({ press: 'ArrowDown' });
    expect(active(el)).to.equal('32');
    await sendKeys({ press: 'ArrowLeft' });
    expect(active(el)).to.equal('31'); // the lower level of the two-level apartment
    await sendKeys({ press: 'ArrowDown' });
    expect(active(el)).to.equal('21');
    await sendKeys({ press: 'End' });
    expect(active(el)).to.equal('203');
    await sendKeys({ press: 'ArrowLeft' });
    expect(active(el)).to.equal('201'); // a merged unit is one stop
    await sendKeys({ press: 'Home' });
    expect(active(el)).to.equal('21');
    await sendKeys({ press: 'PageUp' });
    expect(active(el)).to.equal('31');
    await sendKeys({ press: 'PageDown' });
    expect(active(el)).to.equal('К1');
    expect(root(el).querySelectorAll('td[tabindex="0"]').length).to.equal(1);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const card = root(el).querySelector('[part="card"]') as HTMLElement;
    expect(card.getAttribute('aria-label')).to.equal('Помещение № К1');
    expect(card.textContent).to.contain('Не в продаже на');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(root(el).querySelector('[part="card"]')).to.equal(null);
  });

  it('dims units outside the client\'s request and ranks the best fits', async () => {
    const el = await mount(new SnapshotAdapter(SHAHMATKA_SNAPSHOT));
    el.request = { rooms: [2], areaFrom: 50, areaTo: 60, budgetTo: 11_000_000 };
    await el.updateComplete;
    expect(cell(el, '22').classList.contains('d')).to.equal(false);
    expect(cell(el, '21').classList.contains('d')).to.equal(true);
    const fits = [...root(el).querySelectorAll('[part="best-fits"] li')].map((li) => li.textContent?.trim().split(' ')[1]);
    // Free with a special offer (32), then free 22, then the paid booking 52.
    expect(fits).to.deep.equal(['32', '22', '52']);
    expect(root(el).querySelector('[part="legend"]')?.textContent).to.contain('Подходит: 3');
    await expect(el).to.be.accessible();
  });

  it('colours by price per m² and switches cells to price per m²', async () => {
    const el = await mount(new SnapshotAdapter(SHAHMATKA_SNAPSHOT));
    el.heatmap = 'price-per-m2';
    el.priceMode = 'per-m2';
    await el.updateComplete;
    // 22: 9 900 000 / 55 m² = 180 000 per m².
    expect(text(cell(el, '22'))).to.contain('180 тыс./м²');
    expect([...cell(el, '22').classList].some((c) => /^h\d$/.test(c))).to.equal(true);
    expect(root(el).querySelector('[part="legend"]')?.textContent).to.contain('Цена за м²');
  });

  it('shows a card with the booking countdown, price history and no unsafe layout URL', async () => {
    const el = await mount(new SnapshotAdapter(SHAHMATKA_SNAPSHOT));
    cell(el, '52').click();
    await el.updateComplete;
    let card = root(el).querySelector('[part="card"]') as HTMLElement;
    expect(card.textContent).to.contain('Петрова А.');
    expect(card.querySelector('.countdown')?.textContent).to.equal('Осталось 5 ч 0 мин');
    expect(card.querySelector('.countdown')?.hasAttribute('data-urgent')).to.equal(true);
    cell(el, '22').click();
    await waitUntil(() => root(el).querySelectorAll('[part="card"] details tbody tr').length === 3, 'history', { timeout: 3000 });
    card = root(el).querySelector('[part="card"]') as HTMLElement;
    expect(card.querySelector('canvas')).to.not.equal(null);
    cell(el, '203').click();
    await el.updateComplete;
    expect(root(el).querySelector('[part="card"] img')).to.equal(null);
    expect(root(el).querySelector('[part="card"]')?.textContent).to.contain('Планировки нет');
    await expect(el).to.be.accessible();
  });

  it('books through the adapter after re-reading: of two concurrent bookings one wins, one gets a conflict', async () => {
    const adapter = new WritableShahmatkaAdapter();
    const one = await mount(adapter);
    const two = await mount(adapter);
    for (const el of [one, two]) {
      cell(el, '22').click();
      await el.updateComplete;
    }
    const book = (el: CrmShahmatka) => [...root(el).querySelectorAll<HTMLButtonElement>('[part="card"] button')].find((b) => b.textContent?.trim() === 'Забронировать') as HTMLButtonElement;
    book(one).click();
    book(two).click();
    const message = (el: CrmShahmatka) => root(el).querySelector('[part="card"] .message')?.textContent ?? '';
    await waitUntil(() => !/Проверяем/.test(message(one)) && !/Проверяем/.test(message(two)) && message(one) && message(two), 'both done', { timeout: 3000 });
    const texts = [message(one), message(two)].sort();
    expect(texts[0]).to.equal('Забронировано');
    expect(texts[1]).to.contain('Кто-то успел изменить');
    expect((await adapter.get('apartment', 'a-22')).status).to.equal('paid-booking');
    // Both screens now show the booking.
    await one.updateComplete;
    await two.updateComplete;
    expect(cell(one, '22').className).to.contain('s-paid-booking');
    expect(cell(two, '22').className).to.contain('s-paid-booking');
  });

  it('refuses to book an apartment someone booked since the screen loaded', async () => {
    const adapter = new WritableShahmatkaAdapter();
    const el = await mount(adapter);
    await adapter.holdApartment({ apartmentId: 'a-32', expectedVersion: '1', booking: { paid: false } });
    cell(el, '32').click();
    await el.updateComplete;
    [...root(el).querySelectorAll<HTMLButtonElement>('[part="card"] button')].find((b) => b.textContent?.trim() === 'Забронировать')?.click();
    await waitUntil(() => /нельзя/.test(root(el).querySelector('[part="card"] .message')?.textContent ?? ''), 'refused', { timeout: 3000 });
    expect(root(el).querySelector('[part="card"] .message')?.textContent).to.equal('Квартиру уже нельзя забронировать: Бронь.');
  });

  it('without write support emits a cancelable crm-apartment-hold instead', async () => {
    const el = await mount(new SnapshotAdapter(SHAHMATKA_SNAPSHOT));
    let got: CrmApartmentHoldEvent | undefined;
    el.addEventListener('crm-apartment-hold', (e) => {
      got = e;
      e.preventDefault();
    });
    cell(el, '22').click();
    await el.updateComplete;
    [...root(el).querySelectorAll<HTMLButtonElement>('[part="card"] button')].find((b) => b.textContent?.trim() === 'Забронировать')?.click();
    await el.updateComplete;
    expect(got?.apartment.number).to.equal('22');
    expect(got?.cancelable).to.equal(true);
    expect(root(el).querySelector('[part="card"] .message')?.textContent).to.equal('Запрос передан в CRM');
  });

  it('switches building and shows a per-section list at 360 px', async () => {
    await setViewport({ width: 360, height: 800 });
    try {
      const el = await fixture<CrmShahmatka>(html`<crm-shahmatka lang="en" .adapter=${new SnapshotAdapter(SHAHMATKA_SNAPSHOT)} .now=${NOW}></crm-shahmatka>`);
      await waitUntil(() => root(el).querySelector('.list'), 'list mode', { timeout: 5000 });
      const items = [...root(el).querySelectorAll('.list button')].map((b) => b.textContent?.trim().split(' ')[1]);
      expect(items).to.deep.equal(['31', '52', '32', '21', '22', 'К1']);
      expect(el.scrollWidth).to.be.at.most(360);
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });

  it('shows loading, error and empty states accessibly', async () => {
    for (const adapter of [pendingAdapter(), failingAdapter('network'), emptyAdapter()]) {
      const el = await fixture<CrmShahmatka>(html`<crm-shahmatka lang="ru" .adapter=${adapter}></crm-shahmatka>`);
      await waitUntil(() => root(el).querySelector('[part="loading"], [part="error"], [part="empty"]'), 'state', { timeout: 5000 });
      await expect(el).to.be.accessible();
    }
  });

  it('renders the mock CRM\'s project and books a free apartment through the mock adapter', async () => {
    const adapter = createMockAdapter({ scale: 'small', persistBookings: false });
    const el = await fixture<CrmShahmatka>(html`<crm-shahmatka lang="ru" view="grid" .adapter=${adapter} style="inline-size: 1100px"></crm-shahmatka>`);
    await waitUntil(() => root(el).querySelector('table.grid'), 'grid', { timeout: 10000 });
    const heads = [...root(el).querySelectorAll('thead th[scope="colgroup"]')].map((th) => th.textContent);
    expect(heads).to.deep.equal(['Секция 1', 'Секция 2']);
    const free = root(el).querySelector<HTMLElement>('td.s-free') as HTMLElement;
    const number = free.textContent?.split('\n')[0];
    free.click();
    await el.updateComplete;
    [...root(el).querySelectorAll<HTMLButtonElement>('[part="card"] button')].find((b) => b.textContent?.trim() === 'Забронировать')?.click();
    await waitUntil(() => root(el).querySelector('[part="card"] .message')?.textContent === 'Забронировано', 'booked', { timeout: 5000 });
    expect(cell(el, number as string).className).to.contain('s-paid-booking');
  });
});
