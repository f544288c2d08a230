import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createMockAdapter, SnapshotAdapter, type CrmSnapshot } from '@crmkit/adapter-mock';
import type { DataAdapter } from '@crmkit/core';
import { emptyAdapter, failingAdapter, pendingAdapter } from '../../../../stories/support/story-adapters.js';
import './crm-booking-calendar.js';
import type { CrmBookingCalendar } from './booking-calendar.js';
import { BOOKING_BOOKINGS, BOOKING_NOW, BOOKING_SNAPSHOT, BOOKING_WEEK, WritableBookingAdapter } from './booking-calendar.fixtures.js';
import type { CrmMeetingCreateEvent } from '../events/booking-calendar.js';

async function mount(adapter: DataAdapter, view = 'calendar'): Promise<CrmBookingCalendar> {
  const el = await fixture<CrmBookingCalendar>(
    html`<crm-booking-calendar lang="ru" view=${view} date=${BOOKING_WEEK} .adapter=${adapter} .now=${BOOKING_NOW} style="inline-size: 1400px"></crm-booking-calendar>`,
  );
  await waitUntil(() => el.shadowRoot?.querySelector('table, [part="empty"], [part="error"]'), 'rendered', { timeout: 5000 });
  await el.updateComplete;
  return el;
}

const root = (el: CrmBookingCalendar) => el.shadowRoot as ShadowRoot;
/** Slot buttons of a resource row (by its name) in a day column (0 = Monday). */
function slots(el: CrmBookingCalendar, resource: string, day: number): HTMLButtonElement[] {
  const row = [...root(el).querySelectorAll('table.cal tbody tr')].find((tr) => tr.querySelector('th')?.textContent?.includes(resource));
  const cell = row?.querySelectorAll('td')[day];
  return [...(cell?.querySelectorAll<HTMLButtonElement>('.slot') ?? [])];
}
const texts = (list: HTMLElement[]) => list.map((b) => b.textContent?.trim());
const detail = (el: CrmBookingCalendar) => root(el).querySelector('[part="detail"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<crm-booking-calendar>', () => {
  it('shows load against capacity per slot, overbooking, breaks and days off, in the CRM zone across DST', async () => {
    const el = await mount(new SnapshotAdapter(BOOKING_SNAPSHOT));
    expect(texts(slots(el, 'Переговорная 1', 0))).to.deep.equal(['09:00 (0/2)', '10:00 (3/2)', '11:00 · перерыв', '12:00 (0/2)']);
    expect(slots(el, 'Переговорная 1', 0)[1].classList.contains('over')).to.equal(true);
    // Sunday 29 March: Berlin is on summer time; the 09:00 booking (07:00 UTC) is still at 09:00.
    expect(texts(slots(el, 'Переговорная 1', 6))).to.deep.equal(['09:00 (1/2)', '10:00 (0/2)', '11:00 (0/2)', '12:00 (0/2)']);
    const busRow = [...root(el).querySelectorAll('table.cal tbody tr')].find((tr) => tr.querySelector('th')?.textContent?.includes('Автобус'));
    expect(busRow?.querySelectorAll('td')[2].textContent?.trim()).to.equal('выходной');
    expect(texts(slots(el, 'Зита', 1))[1]).to.equal('10:00 (1/1)');
    await expect(el).to.be.accessible();
  });

  it('moves between slots with the keyboard and tells who holds the focused slot', async () => {
    const el = await mount(new SnapshotAdapter(BOOKING_SNAPSHOT));
    const first = root(el).querySelector<HTMLButtonElement>('.slot[tabindex="0"]') as HTMLButtonElement;
    expect(first).to.not.equal(null);
    first.focus();
    const focused = () => (root(el).activeElement as HTMLElement).textContent?.trim();
    // Rows follow the resource types: meeting rooms first.
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(focused()).to.equal('10:00 (3/2)');
    expect(detail(el)).to.contain('Переговорная 1');
    expect(detail(el)).to.contain('перебронировано');
    expect(detail(el)).to.contain('Юлия К. (1 место); Кристина (2 места)');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(focused()).to.equal('10:00 (0/2)');
    expect(detail(el)).to.contain('никто');
    await sendKeys({ press: 'PageDown' });
    expect(focused()).to.equal('10:00 (0/6)');
    await sendKeys({ press: 'PageDown' });
    expect(focused()).to.equal('11:00 (0/20)');
    await sendKeys({ press: 'Home' });
    expect(focused()).to.equal('10:00 (0/20)');
    // Enter picks the slot for the meeting (and the bus as its resource).
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect((root(el).activeElement as HTMLElement).getAttribute('aria-pressed')).to.equal('true');
    expect(root(el).querySelector('[part="meeting"]')?.textContent).to.contain('Выбрано слотов: 1');
    expect(root(el).querySelectorAll('table.cal .slot[tabindex="0"]').length).to.equal(1);
  });

  it('recommends resources for the party and books a meeting with gapped slots through the adapter', async () => {
    const adapter = new WritableBookingAdapter();
    const el = await mount(adapter);
    const panel = root(el).querySelector('[part="meeting"]') as HTMLElement;
    const [clients, guests] = [...panel.querySelectorAll('input')] as HTMLInputElement[];
    clients.value = 'Иванов';
    clients.dispatchEvent(new Event('input'));
    guests.value = '2';
    guests.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(panel.textContent).to.contain('Участников: 3');
    const roomSelect = [...panel.querySelectorAll('label')].find((l) => l.textContent?.includes('Переговорная'))?.querySelector('select') as HTMLSelectElement;
    expect([...roomSelect.options].map((o) => `${o.textContent?.trim()}${o.disabled ? ' [x]' : ''}`)).to.deep.equal([
      'не нужен',
      'Переговорная 2 (6)',
      'Переговорная 1 — мала (2) [x]',
    ]);
    // Tuesday 09:00 and 11:00 in the big room (a gap), and the sales manager at 09:00.
    slots(el, 'Переговорная 2', 1)[0].click();
    slots(el, 'Переговорная 2', 1)[2].click();
    slots(el, 'Юлия', 1)[0].click();
    await el.updateComplete;
    expect(slots(el, 'Переговорная 2', 1)[0].getAttribute('aria-pressed')).to.equal('true');
    // Where both chosen resources are free, slots carry the overlay mark.
    expect(slots(el, 'Переговорная 2', 1)[1].classList.contains('common')).to.equal(true);
    [...panel.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Забронировать встречу')?.click();
    await waitUntil(() => panel.querySelector('.ok'), 'booked', { timeout: 3000 });
    expect(panel.querySelector('.ok')?.textContent).to.equal('Встреча забронирована (3 брон.)');
    const made = adapter.store.filter((b) => !BOOKING_BOOKINGS.some((old) => old.id === b.id));
    expect(made.map((b) => `${b.resourceId} ${new Date(b.start).toISOString().slice(11, 16)} ${b.seats}`)).to.deep.equal([
      'room-l 08:00 3',
      'room-l 10:00 3',
      'm-sales 08:00 1',
    ]);
    expect(new Set(made.map((b) => b.meetingId)).size).to.equal(1);
    await waitUntil(() => texts(slots(el, 'Переговорная 2', 1))[0] === '09:00 (3/6)', 'reloaded', { timeout: 3000 });
  });

  it('refuses a conflicting meeting with a clear message before anything is written', async () => {
    const adapter = new WritableBookingAdapter();
    const el = await mount(adapter);
    slots(el, 'Зита', 1)[1].click(); // Tuesday 10:00, already 1/1
    await el.updateComplete;
    const panel = root(el).querySelector('[part="meeting"]') as HTMLElement;
    [...panel.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Забронировать встречу')?.click();
    await el.updateComplete;
    const alert = panel.querySelector('[role="alert"]');
    expect(alert?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('«Зита (Менеджер ИК)» в вт, 24 мар. 10:00 уже занят: Иванова. Встреча не сохранена.');
    expect(adapter.writes).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('a retry after a lost answer finds the meeting made instead of booking it twice', async () => {
    const adapter = new WritableBookingAdapter();
    adapter.loseNextAnswer = true;
    const el = await mount(adapter);
    slots(el, 'Переговорная 2', 0)[0].click(); // Monday 09:00, capacity 6: a double would fit
    await el.updateComplete;
    const panel = root(el).querySelector('[part="meeting"]') as HTMLElement;
    const book = () => [...panel.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Забронировать встречу')?.click();
    book();
    await waitUntil(() => panel.querySelector('[role="alert"]'), 'lost answer reported', { timeout: 3000 });
    expect(panel.querySelector('[role="alert"]')?.textContent).to.contain('Нет связи с CRM');
    await el.updateComplete;
    book();
    await waitUntil(() => panel.querySelector('.ok'), 'retry done', { timeout: 3000 });
    expect(panel.querySelector('.ok')?.textContent).to.equal('Встреча забронирована (1 брон.)');
    const made = adapter.store.filter((b) => !BOOKING_BOOKINGS.some((old) => old.id === b.id));
    expect(made.length).to.equal(1);
    expect(adapter.writes).to.equal(1);
  });

  it('without write support emits a cancelable crm-meeting-create', async () => {
    const el = await mount(new SnapshotAdapter(BOOKING_SNAPSHOT));
    let got: CrmMeetingCreateEvent | undefined;
    el.addEventListener('crm-meeting-create', (e) => (got = e));
    slots(el, 'Переговорная 2', 0)[0].click();
    await el.updateComplete;
    [...root(el).querySelectorAll<HTMLButtonElement>('[part="meeting"] button')].find((b) => b.textContent?.trim() === 'Забронировать встречу')?.click();
    await el.updateComplete;
    expect(got?.bookings.length).to.equal(1);
    expect(got?.cancelable).to.equal(true);
  });

  it('reports meetings to reschedule and slot occupancy with an hour × weekday heatmap', async () => {
    const el = await mount(new SnapshotAdapter(BOOKING_SNAPSHOT), 'reschedule');
    const rows = [...root(el).querySelectorAll('[part="report"] tbody tr')].map((tr) => tr.lastElementChild?.textContent?.trim());
    expect(rows).to.deep.equal(['слот перебронирован', 'выходной день']);
    await expect(el).to.be.accessible();
    el.view = 'occupancy';
    el.groupBy = 'type';
    await el.updateComplete;
    const table = root(el).querySelector('[part="report"]') as HTMLTableElement;
    const bus = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')?.textContent === 'Автобус');
    // Bus: 4 open days × 2 slots × 20 seats = 160; the Wednesday booking is on a day off.
    expect([...(bus?.querySelectorAll('td') ?? [])].map((td) => td.textContent?.trim().replace(/\u00a0|\u202f/g, ' '))).to.deep.equal(['8', '160', '0', '160', '0 %']);
    const heat = root(el).querySelector('table.heat') as HTMLTableElement;
    const ten = [...heat.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')?.textContent === '10:00');
    expect(ten?.querySelectorAll('td')[0].textContent?.trim()).to.not.equal('—');
    await expect(el).to.be.accessible();
  });

  it('lays out vertically at 360 px', async () => {
    await setViewport({ width: 360, height: 800 });
    try {
      const el = await fixture<CrmBookingCalendar>(
        html`<crm-booking-calendar lang="en" date=${BOOKING_WEEK} .adapter=${new SnapshotAdapter(BOOKING_SNAPSHOT)} .now=${BOOKING_NOW}></crm-booking-calendar>`,
      );
      await waitUntil(() => el.hasAttribute('data-narrow') && root(el).querySelector('table.cal'), 'narrow', { timeout: 5000 });
      await el.updateComplete;
      expect(el.scrollWidth).to.be.at.most(360);
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });

  it('shows loading, error and empty states accessibly', async () => {
    for (const adapter of [pendingAdapter(), failingAdapter('network'), emptyAdapter()]) {
      const el = await fixture<CrmBookingCalendar>(html`<crm-booking-calendar lang="ru" .adapter=${adapter}></crm-booking-calendar>`);
      await waitUntil(() => root(el).querySelector('[part="loading"], [part="error"], [part="empty"]'), 'state', { timeout: 5000 });
      await expect(el).to.be.accessible();
    }
  });

  it('renders the mock CRM\'s resources and books a meeting through the mock adapter', async () => {
    const adapter = createMockAdapter({ scale: 'small', persistBookings: false });
    const el = await fixture<CrmBookingCalendar>(html`<crm-booking-calendar lang="ru" range="day" .adapter=${adapter} style="inline-size: 1400px"></crm-booking-calendar>`);
    await waitUntil(() => root(el).querySelector('table.cal, [part="empty"]'), 'calendar', { timeout: 10000 });
    const rows = root(el).querySelectorAll('table.cal tbody tr');
    expect(rows.length).to.be.greaterThan(0);
    const open = [...root(el).querySelectorAll<HTMLButtonElement>('table.cal .slot')].find((b) => b.getAttribute('aria-disabled') === 'false' && !b.classList.contains('full'));
    if (!open) return; // a day off for every resource: nothing to book today
    const before = (await adapter.list('booking')).items.length;
    open.click();
    await el.updateComplete;
    [...root(el).querySelectorAll<HTMLButtonElement>('[part="meeting"] button')].find((b) => b.textContent?.trim() === 'Забронировать встречу')?.click();
    await waitUntil(() => root(el).querySelector('[part="meeting"] .ok, [part="meeting"] [role="alert"]'), 'done', { timeout: 5000 });
    expect(root(el).querySelector('[part="meeting"] .ok')?.textContent).to.contain('Встреча забронирована');
    expect((await adapter.list('booking')).items.length).to.equal(before + 1);
  });

  it('shows a booking made elsewhere at once with showBookings()', async () => {
    const el = await mount(new SnapshotAdapter(BOOKING_SNAPSHOT));
    expect(texts(slots(el, 'Переговорная 2', 0))[0]).to.equal('09:00 (0/6)');
    const start = Date.parse('2026-03-23T08:00:00Z'); // Monday 09:00 Berlin
    el.showBookings([{ id: 'push', resourceId: 'room-l', meetingId: 'push', start, end: start + 3_600_000, seats: 4, title: 'Показ', clientRefs: [], createdAt: 99, status: 'active' }]);
    await el.updateComplete;
    expect(texts(slots(el, 'Переговорная 2', 0))[0]).to.equal('09:00 (4/6)');
    expect(texts(slots(el, 'Переговорная 1', 0))[0]).to.equal('09:00 (0/2)');
  });
});

describe('<crm-booking-calendar> with many resources', () => {
  // 40 meeting rooms open 09:00–21:00 every day (12 slots a day); one booking far down the list.
  const day = { start: '09:00', end: '21:00', breaks: [] };
  const many: CrmSnapshot = {
    format: 'crmkit-snapshot',
    version: 1,
    timeZone: 'Europe/Moscow',
    entities: {
      resource: Array.from({ length: 40 }, (_, i) => ({
        id: `r${String(i).padStart(2, '0')}`,
        type: 'meeting-room' as const,
        name: `Комната ${String(i + 1).padStart(2, '0')}`,
        capacity: 1,
        schedule: { days: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: day, 7: day }, slotMinutes: 60 },
        exceptions: [],
      })),
      booking: [
        // Monday 23 March 09:00 Moscow in the last room: its only seat.
        { id: 'far', resourceId: 'r39', meetingId: 'm', start: Date.parse('2026-03-23T06:00:00Z'), end: Date.parse('2026-03-23T07:00:00Z'), seats: 1, title: 'Показ', clientRefs: [], clientNames: ['Орлова'], createdAt: 1, status: 'active' },
      ],
    },
  };
  const rows = (el: CrmBookingCalendar) => [...root(el).querySelectorAll<HTMLTableRowElement>('table.cal tbody tr')];
  const drawn = (tr: HTMLTableRowElement) => tr.querySelectorAll('.slot').length;

  it('draws the slots of the rows in view; the rest show free slots per day until scrolled to or reached by keys', async () => {
    const el = await mount(new SnapshotAdapter(many));
    const all = rows(el);
    expect(all.length).to.equal(40);
    const firstSummary = all.findIndex((tr) => drawn(tr) === 0);
    expect(firstSummary).to.be.greaterThan(0);
    expect(drawn(all[0])).to.equal(7 * 12);
    // A summary row still names its resource and tells, per day, what is free.
    const last = all[39];
    expect(last.querySelector('th')?.textContent).to.contain('Комната 40');
    expect([...last.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent?.trim())).to.deep.equal(['свободно 11 из 12', 'свободно 12 из 12']);
    await expect(el).to.be.accessible();
    // Page Down from the last drawn row onto a summary row draws it and moves there.
    root(el).querySelector<HTMLElement>(`.slot[data-k="${firstSummary - 1}-0-3"]`)?.focus();
    await sendKeys({ press: 'PageDown' });
    await waitUntil(() => (root(el).activeElement as HTMLElement | null)?.dataset.k === `${firstSummary}-0-3`, 'moved onto the summary row', { timeout: 5000 });
    expect((root(el).activeElement as HTMLElement).textContent?.trim()).to.equal('12:00 (0/1)');
    expect(drawn(rows(el)[firstSummary])).to.equal(7 * 12);
    // Scrolling to the end draws the last rows, with the load and who holds the slot.
    const main = root(el).querySelector('.main') as HTMLElement;
    main.scrollTop = main.scrollHeight;
    await waitUntil(() => drawn(rows(el)[39]) > 0, 'last row drawn', { timeout: 5000 });
    const booked = rows(el)[39].querySelector<HTMLElement>('td .slot') as HTMLElement;
    expect(booked.textContent?.trim()).to.equal('09:00 (1/1)');
    expect(booked.classList.contains('full')).to.equal(true);
    booked.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(detail(el)).to.contain('Орлова');
  });

  it('draws every row for print', async () => {
    const el = await mount(new SnapshotAdapter(many));
    expect(rows(el).some((tr) => drawn(tr) === 0)).to.equal(true);
    window.dispatchEvent(new Event('beforeprint'));
    // Synchronously: the print layout follows right after the event.
    expect(rows(el).every((tr) => drawn(tr) === 7 * 12)).to.equal(true);
  });
});
