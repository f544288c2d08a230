import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CrmRowActivateEvent } from '../../events/row-activate.js';
import { sortRows, type DataTableColumn } from './columns.js';
import './crm-data-table.js';
import type { CrmDataTable } from './data-table.js';

interface Deal {
  readonly id: number;
  readonly title: string;
  readonly amount?: number;
}

const columns: readonly DataTableColumn<Deal>[] = [
  { key: 'title', label: 'Сделка', value: (d) => d.title },
  { key: 'amount', label: 'Сумма', value: (d) => d.amount, align: 'end', width: '8rem' },
];

const deals: Deal[] = [
  { id: 1, title: 'Сделка 10', amount: 300 },
  { id: 2, title: 'Сделка 9', amount: 100 },
  { id: 3, title: 'Альфа' },
  { id: 4, title: 'Бета', amount: 200 },
];

function shadow(el: CrmDataTable<Deal>): ShadowRoot {
  return el.shadowRoot as ShadowRoot;
}

/** Texts of the first cell of the rendered body rows, top to bottom. */
function firstColumn(el: CrmDataTable<Deal>): string[] {
  return [...shadow(el).querySelectorAll<HTMLElement>('.body [role="row"]')]
    .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
    .map((r) => r.querySelector('[role="gridcell"]')?.textContent?.trim() ?? '');
}

function header(el: CrmDataTable<Deal>, i: number): HTMLElement {
  return shadow(el).querySelectorAll<HTMLElement>('[role="columnheader"]')[i] as HTMLElement;
}

async function table(rows: readonly Deal[] = deals): Promise<CrmDataTable<Deal>> {
  return fixture<CrmDataTable<Deal>>(html`<crm-data-table label="Сделки" .columns=${columns} .rows=${rows}></crm-data-table>`);
}

describe('sortRows', () => {
  it('compares numbers inside text as numbers and keeps ties stable', () => {
    const rows = [{ t: 'Deal 10', n: 1 }, { t: 'deal 9', n: 2 }, { t: 'Deal 9', n: 3 }];
    expect(sortRows(rows, { value: (r) => r.t }, 'asc', 'en').map((r) => r.n)).to.deep.equal([2, 3, 1]);
    expect(sortRows(rows, { value: (r) => r.t }, 'desc', 'en').map((r) => r.n)).to.deep.equal([1, 2, 3]);
  });

  it('puts empty values last in both directions and sorts dates by time', () => {
    const rows = [{ v: undefined as Date | undefined, n: 1 }, { v: new Date(2025, 1, 1), n: 2 }, { v: new Date(2024, 1, 1), n: 3 }];
    expect(sortRows(rows, { value: (r) => r.v }, 'asc').map((r) => r.n)).to.deep.equal([3, 2, 1]);
    expect(sortRows(rows, { value: (r) => r.v }, 'desc').map((r) => r.n)).to.deep.equal([2, 3, 1]);
  });

  it('returns rows that arrive sorted in the same order, as a new array, and still sorts rows that do not', () => {
    const rows = [{ n: 1, v: 1 }, { n: 2, v: 2 }, { n: 3, v: 2 }, { n: 4, v: 'b' }, { n: 5, v: 'B' }, { n: 6, v: null }];
    const asc = sortRows(rows, { value: (r) => r.v }, 'asc', 'en');
    expect(asc).to.not.equal(rows);
    expect(asc.map((r) => r.n)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(sortRows(asc, { value: (r) => r.v }, 'desc', 'en').map((r) => r.n)).to.deep.equal([4, 5, 2, 3, 1, 6]);
    // Out of order by one pair, or an empty value in the middle: sorted.
    const swapped = [rows[1], rows[0], ...rows.slice(2)] as typeof rows;
    expect(sortRows(swapped, { value: (r) => r.v }, 'asc', 'en').map((r) => r.n)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    const gap = [rows[0], rows[5], ...rows.slice(1, 5)] as typeof rows;
    expect(sortRows(gap, { value: (r) => r.v }, 'asc', 'en').map((r) => r.n)).to.deep.equal([1, 2, 3, 4, 5, 6]);
  });

  it('uses sortValue when given', () => {
    const rows = [{ name: 'Иван Петров', last: 'Петров' }, { name: 'Анна Сидорова', last: 'Сидорова' }, { name: 'Яна Иванова', last: 'Иванова' }];
    const sorted = sortRows(rows, { value: (r) => r.name, sortValue: (r) => r.last }, 'asc');
    expect(sorted.map((r) => r.last)).to.deep.equal(['Иванова', 'Петров', 'Сидорова']);
  });
});

describe('<crm-data-table>', () => {
  it('shows a labelled grid with a row count and is accessible', async () => {
    const el = await table();
    const grid = shadow(el).querySelector('[role="grid"]') as HTMLElement;
    expect(grid.getAttribute('aria-label')).to.equal('Сделки');
    expect(grid.getAttribute('aria-rowcount')).to.equal('5');
    expect(firstColumn(el)).to.deep.equal(['Сделка 10', 'Сделка 9', 'Альфа', 'Бета']);
    expect(shadow(el).querySelector('[part="footer"]')?.textContent).to.equal('4 строки');
    await expect(el).to.be.accessible();
  });

  it('shows the empty message and stays accessible with no rows', async () => {
    const el = await table([]);
    expect(shadow(el).querySelector('[part="empty"]')?.textContent).to.equal('Нет данных');
    expect(shadow(el).querySelector('[part="footer"]')?.textContent).to.equal('0 строк');
    await expect(el).to.be.accessible();
  });

  it('sorts by click, Enter and Space on a header button, with aria-sort', async () => {
    const el = await table();
    const button = header(el, 1).querySelector('button') as HTMLButtonElement;
    button.click();
    await el.updateComplete;
    expect(header(el, 1).getAttribute('aria-sort')).to.equal('ascending');
    expect(header(el, 0).getAttribute('aria-sort')).to.equal('none');
    expect(firstColumn(el)).to.deep.equal(['Сделка 9', 'Бета', 'Сделка 10', 'Альфа']);

    button.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(header(el, 1).getAttribute('aria-sort')).to.equal('descending');
    expect(firstColumn(el)).to.deep.equal(['Сделка 10', 'Бета', 'Сделка 9', 'Альфа']);

    const titleButton = header(el, 0).querySelector('button') as HTMLButtonElement;
    titleButton.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.sort).to.deep.equal({ key: 'title', direction: 'asc' });
    expect(firstColumn(el)).to.deep.equal(['Альфа', 'Бета', 'Сделка 9', 'Сделка 10']);
    await expect(el).to.be.accessible();
  });

  it('moves between rows with the keyboard and activates with Enter', async () => {
    const el = await table();
    const rows = () => [...shadow(el).querySelectorAll<HTMLElement>('.body [role="row"]')];
    expect(rows().filter((r) => r.tabIndex === 0)).to.have.length(1);
    rows()[0]?.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect((shadow(el).activeElement as HTMLElement).dataset.index).to.equal('1');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect((shadow(el).activeElement as HTMLElement).dataset.index).to.equal('3');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect((shadow(el).activeElement as HTMLElement).dataset.index).to.equal('0');
    await sendKeys({ press: 'PageDown' });
    await el.updateComplete;
    expect(Number((shadow(el).activeElement as HTMLElement).dataset.index)).to.be.greaterThan(0);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;

    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const event = (await oneEvent(el, 'crm-row-activate')) as CrmRowActivateEvent<Deal>;
    expect(event).to.be.instanceOf(CrmRowActivateEvent);
    expect(event.row.title).to.equal('Сделка 10');
    expect(event.index).to.equal(0);
  });

  it('activates a row on click, but not when a link inside it is clicked', async () => {
    const withLink: readonly DataTableColumn<Deal>[] = [
      ...columns,
      { key: 'open', label: 'Ссылка', value: () => '', render: (d) => html`<a href="#deal-${d.id}" @click=${(e: Event) => e.preventDefault()}>открыть</a>`, sortable: false },
    ];
    const el = await fixture<CrmDataTable<Deal>>(html`<crm-data-table .columns=${withLink} .rows=${deals}></crm-data-table>`);
    const seen: Deal[] = [];
    el.addEventListener('crm-row-activate', (e) => seen.push((e as CrmRowActivateEvent<Deal>).row));
    (shadow(el).querySelector('[data-index="1"] [role="gridcell"]') as HTMLElement).click();
    (shadow(el).querySelector('[data-index="2"] a') as HTMLElement).click();
    expect(seen.map((d) => d.id)).to.deep.equal([2]);
    expect(header(el, 2).querySelector('button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('renders only a window of 100,000 rows, and scrolling to the end shows the last row', async () => {
    const many: Deal[] = Array.from({ length: 100_000 }, (_, i) => ({ id: i, title: `Сделка ${i + 1}`, amount: i }));
    const el = await table(many);
    const rendered = shadow(el).querySelectorAll('.body [role="row"]').length;
    expect(rendered).to.be.greaterThan(5).and.lessThan(60);
    expect(shadow(el).querySelector('[role="grid"]')?.getAttribute('aria-rowcount')).to.equal('100001');

    const scroller = shadow(el).querySelector('.scroller') as HTMLElement;
    scroller.scrollTop = scroller.scrollHeight;
    // The browser fires `scroll` on an animation frame, which a background test page may not
    // get (two pages run at once); the position itself is already set, so say it now.
    scroller.dispatchEvent(new Event('scroll'));
    await el.updateComplete;
    const last = shadow(el).querySelector('[data-index="99999"]') as HTMLElement;
    expect(last.getAttribute('aria-rowindex')).to.equal('100001');
    expect(last.textContent).to.contain('Сделка 100000');
    const box = last.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    expect(box.bottom).to.be.at.most(view.bottom + 1);
    expect(box.top).to.be.at.least(view.top);
    expect(shadow(el).querySelectorAll('.body [role="row"]').length).to.be.lessThan(60);
  });

  it('reaches the last of 100,000 rows with End from the first', async () => {
    const many: Deal[] = Array.from({ length: 100_000 }, (_, i) => ({ id: i, title: `Сделка ${i + 1}` }));
    const el = await table(many);
    (shadow(el).querySelector('[data-index="0"]') as HTMLElement).focus();
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    const focused = shadow(el).activeElement as HTMLElement;
    expect(focused.dataset.index).to.equal('99999');
    expect(focused.textContent).to.contain('Сделка 100000');
  });

  it('fits 360 px: only its own scroller scrolls sideways', async () => {
    const wide = [...columns, { key: 'x', label: 'Ещё', value: () => 'x' }, { key: 'y', label: 'И ещё', value: () => 'y' }];
    const el = await fixture<CrmDataTable<Deal>>(html`<crm-data-table style="inline-size: 360px" .columns=${wide} .rows=${deals}></crm-data-table>`);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth);
    const scroller = shadow(el).querySelector('.scroller') as HTMLElement;
    expect(scroller.scrollWidth).to.be.greaterThan(scroller.clientWidth);
  });
});
