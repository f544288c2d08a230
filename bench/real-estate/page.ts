// Runs in headless Chromium (bundled by run.mjs). Exposes the measurements on `window.bench`.
import { SnapshotAdapter, type CrmSnapshot } from '@crmkit/adapter-mock';
import {
  layoutBuilding,
  type Apartment,
  type Booking,
  type BookingResource,
  type Building,
  type NewBooking,
  type CallOptions,
  type AdapterCapabilities,
  RESOURCE_TYPES,
} from '@crmkit/core';
import { createCalendar, destroyCalendar, ResourceTimeline } from '@event-calendar/core';
import '../../packages/widgets/src/shahmatka/crm-shahmatka.js';
import '../../packages/widgets/src/booking-calendar/crm-booking-calendar.js';

/** Deterministic pseudo-random numbers (LCG), so every run draws the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const STATUSES = ['free', 'booked', 'paid-booking', 'sold', 'not-for-sale'] as const;

// ---- шахматка data: 10 sections × 30 floors × 24 positions = 7,200 apartments ----------------
function shahmatkaSnapshot(sections = 10, floors = 30, columns = 24): CrmSnapshot {
  const r = rng(7);
  const building: Building = {
    id: 'b',
    projectId: 'p',
    name: 'Корпус 1',
    sections: Array.from({ length: sections }, (_, s) => ({ id: `s${s}`, name: `Секция ${s + 1}`, floors: Array.from({ length: floors }, (_, f) => f + 1), columns })),
  };
  const apartments: Apartment[] = [];
  for (let s = 0; s < sections; s++)
    for (let f = 1; f <= floors; f++)
      for (let c = 0; c < columns; c++) {
        const rooms = 1 + Math.floor(r() * 4);
        const area = Math.round((25 + rooms * 18 + r() * 10) * 10) / 10;
        apartments.push({
          id: `a${s}-${f}-${c}`,
          projectId: 'p',
          buildingId: 'b',
          sectionId: `s${s}`,
          number: String(s * 1000 + f * 30 + c),
          floor: f,
          floorSpan: 1,
          column: c,
          columnSpan: 1,
          type: 'apartment',
          rooms,
          areaTotal: area,
          price: Math.round(area * (160_000 + r() * 60_000)),
          currency: 'RUB',
          status: STATUSES[Math.floor(r() * STATUSES.length)],
          statusAt: 0,
        });
      }
  return {
    format: 'crmkit-snapshot',
    version: 1,
    entities: { project: [{ id: 'p', name: 'ЖК' }], building: [building], apartment: apartments, pricePoint: [] },
  };
}

const frame = () => new Promise<void>((res) => requestAnimationFrame(() => setTimeout(res, 0)));
const until = async (test: () => unknown) => {
  while (!test()) await new Promise((res) => setTimeout(res, 0));
};

const SH_CSS = `table.plain{table-layout:fixed;border-collapse:separate;border-spacing:2px;font:11px/1.25 system-ui}
table.plain td{width:76px;height:56px;padding:2px 4px;vertical-align:top;white-space:pre-line;overflow:hidden}
.s-free{background:#d8f0dc}.s-booked{background:#fff1c2}.s-paid-booking{background:#ffd9a8}.s-sold{background:#e3e6ea}.s-not-for-sale{background:#f3f4f6}`;

/** The floor: the same cells as a plain `<table>` built with DOM calls, texts formatted the same way. */
function plainTable(snapshot: CrmSnapshot): HTMLTableElement {
  const building = snapshot.entities.building![0];
  const layout = layoutBuilding(building, snapshot.entities.apartment!);
  const compact = new Intl.NumberFormat('ru', { notation: 'compact', maximumFractionDigits: 1 });
  const area = new Intl.NumberFormat('ru', { maximumFractionDigits: 1 });
  const table = document.createElement('table');
  table.className = 'plain';
  // A width makes `table-layout: fixed` apply, the fastest a browser lays out a table.
  table.style.width = `${(layout.columnCount + 1) * 78 + 48}px`;
  const body = table.createTBody();
  for (const row of layout.rows) {
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.textContent = String(row.floor);
    tr.append(th);
    for (const item of row.items) {
      const td = tr.insertCell();
      if (item.kind === 'unit') {
        const a = item.apartment;
        td.className = `s-${a.status}`;
        td.textContent = `${a.number}\n${a.rooms}к · ${area.format(a.areaTotal)}\n${compact.format(a.price)}\n${a.status}`;
      }
    }
  }
  return table;
}

async function shahmatkaOnce(snapshot: CrmSnapshot): Promise<{ crmkit: number; table: number; cells: number }> {
  const host = document.createElement('div');
  document.body.append(host);
  // The plain table.
  let t0 = performance.now();
  const table = plainTable(snapshot);
  host.append(table);
  void table.offsetHeight;
  await frame();
  const tableMs = performance.now() - t0;
  table.remove();
  // The element, its adapter answering from memory.
  const adapter = new SnapshotAdapter(snapshot, { pageSize: 1_000_000 });
  t0 = performance.now();
  const el = document.createElement('crm-shahmatka');
  el.setAttribute('view', 'grid');
  el.adapter = adapter;
  host.append(el);
  await until(() => el.shadowRoot?.querySelector('table.grid'));
  void (el.shadowRoot!.querySelector('table.grid') as HTMLElement).offsetHeight;
  await frame();
  const crmkitMs = performance.now() - t0;
  const cells = el.shadowRoot!.querySelectorAll('td[data-i]').length;
  host.remove();
  return { crmkit: crmkitMs, table: tableMs, cells };
}

// ---- booking data: 50 resources × 7 days × 12 hourly slots, 1,400 bookings -------------------
const WEEK = '2026-03-23';
function bookingSnapshot(): CrmSnapshot {
  const r = rng(11);
  const day = { start: '09:00', end: '21:00', breaks: [] };
  const resources: BookingResource[] = Array.from({ length: 50 }, (_, i) => ({
    id: `r${i}`,
    type: RESOURCE_TYPES[i % RESOURCE_TYPES.length],
    ...(i % RESOURCE_TYPES.length === 3 ? { kind: ['ОП', 'ИК', 'ОСС'][i % 3] } : {}),
    name: `Ресурс ${i + 1}`,
    capacity: 2 + (i % 6),
    schedule: { days: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: day, 7: day }, slotMinutes: 60 },
    exceptions: [],
  }));
  const base = Date.parse(`${WEEK}T06:00:00Z`); // 09:00 Moscow, Monday
  const bookings: Booking[] = Array.from({ length: 1400 }, (_, i) => {
    const res = resources[Math.floor(r() * resources.length)];
    const start = base + Math.floor(r() * 7) * 86_400_000 + Math.floor(r() * 12) * 3_600_000;
    return {
      id: `bk${i}`,
      resourceId: res.id,
      meetingId: `m${i}`,
      start,
      end: start + 3_600_000,
      seats: 1,
      title: `Встреча ${i}`,
      clientRefs: [],
      clientNames: [`Клиент ${i}`],
      createdAt: i,
      status: 'active',
    };
  });
  return { format: 'crmkit-snapshot', version: 1, timeZone: 'Europe/Moscow', entities: { resource: resources, booking: bookings } };
}

/** Snapshot adapter with an in-memory `createBookings`, so a booking can be added between renders. */
class BenchBookingAdapter extends SnapshotAdapter {
  private readonly store: Booking[];
  constructor(snapshot: CrmSnapshot) {
    super(snapshot, { pageSize: 1_000_000 });
    this.store = [...(snapshot.entities.booking ?? [])];
  }
  protected override records<E extends keyof CrmSnapshot['entities']>(entity: E) {
    return (entity === 'booking' ? this.store : super.records(entity)) as never;
  }
  override async capabilities(o?: CallOptions): Promise<AdapterCapabilities> {
    return { ...(await super.capabilities(o)), writes: { apartmentBooking: false, resourceBooking: true } };
  }
  async createBookings(list: readonly NewBooking[]): Promise<readonly Booking[]> {
    const made = list.map((n, i): Booking => ({ ...n, id: `new${this.store.length + i}`, meetingId: 'mnew', createdAt: Date.now(), status: 'active' }));
    this.store.push(...made);
    return made;
  }
}

async function bookingCrmkit(snapshot: CrmSnapshot): Promise<{ render: number; rerender: number; flow: number; slots: number; slotsAfter: number }> {
  const adapter = new BenchBookingAdapter(snapshot);
  const host = document.createElement('div');
  document.body.append(host);
  let t0 = performance.now();
  const el = document.createElement('crm-booking-calendar');
  el.setAttribute('date', WEEK);
  el.adapter = adapter;
  host.append(el);
  await until(() => el.shadowRoot?.querySelector('table.cal .slot'));
  void (el.shadowRoot!.querySelector('table.cal') as HTMLElement).offsetHeight;
  await frame();
  const render = performance.now() - t0;
  const slots = el.shadowRoot!.querySelectorAll('table.cal .slot').length;
  // Let the first render settle (the rows in the observer's margin are drawn when the page is
  // idle after the first paint), as the peer's is let settle below: the re-render measures the
  // booking only.
  await frame();
  await new Promise<void>((res) => requestIdleCallback(() => res()));
  await el.updateComplete;
  await frame();
  // Re-render after a booking (the peer's addEvent): a booking made elsewhere arrives and the
  // calendar shows it, without a reload.
  const root = el.shadowRoot!;
  const free = () => [...root.querySelectorAll<HTMLElement>('table.cal .slot')].find((x) => !x.classList.contains('full') && !x.classList.contains('closed'))!;
  let slot = free();
  let key = slot.dataset.k;
  const text = (k: string | undefined) => root.querySelector(`.slot[data-k="${k}"]`)?.textContent ?? '';
  let before = text(key);
  const [ri, di, si] = (key as string).split('-').map(Number);
  const resourceId = `r${ri}`;
  const startAt = Date.parse(`${WEEK}T06:00:00Z`) + di * 86_400_000 + si * 3_600_000;
  t0 = performance.now();
  el.showBookings([{ id: 'pushed', resourceId, meetingId: 'pushed', start: startAt, end: startAt + 3_600_000, seats: 1, title: 'Новая', clientRefs: [], createdAt: 0, status: 'active' }]);
  await until(() => text(key) !== before);
  void (root.querySelector('table.cal') as HTMLElement).offsetHeight;
  await frame();
  const rerender = performance.now() - t0;
  const slotsAfter = el.shadowRoot!.querySelectorAll('table.cal .slot').length;
  // The whole flow as a person does it: pick a free slot, press «Забронировать встречу»
  // (checked against bookings re-read from the adapter, then written), see the new load.
  slot = free();
  key = slot.dataset.k;
  before = text(key);
  t0 = performance.now();
  slot.click();
  await el.updateComplete;
  [...root.querySelectorAll<HTMLElement>('[part="meeting"] button')].find((b) => b.hasAttribute('data-primary'))!.click();
  await until(() => text(key) !== before);
  void (root.querySelector('table.cal') as HTMLElement).offsetHeight;
  await frame();
  const flow = performance.now() - t0;
  host.remove();
  return { render, rerender, flow, slots, slotsAfter };
}

/**
 * First render only: element created → laid-out week → next frame. `all` draws every row's slot
 * buttons (as for print) instead of only the rows in view: the figure without row windowing.
 */
async function bookingCrmkitRender(snapshot: CrmSnapshot, keep = false, all = false): Promise<{ render: number; slots: number }> {
  const adapter = new BenchBookingAdapter(snapshot);
  const host = document.createElement('div');
  document.body.append(host);
  performance.mark('bk-start');
  const t0 = performance.now();
  const el = document.createElement('crm-booking-calendar');
  el.setAttribute('date', WEEK);
  el.adapter = adapter;
  host.append(el);
  if (all) window.dispatchEvent(new Event('beforeprint'));
  await until(() => el.shadowRoot?.querySelector('table.cal .slot'));
  void (el.shadowRoot!.querySelector('table.cal') as HTMLElement).offsetHeight;
  await frame();
  const render = performance.now() - t0;
  performance.mark('bk-end');
  const slots = el.shadowRoot!.querySelectorAll('table.cal .slot').length;
  if (!keep) host.remove();
  return { render, slots };
}

async function bookingEventCalendar(snapshot: CrmSnapshot): Promise<{ render: number; rerender: number; events: number }> {
  const host = document.createElement('div');
  host.style.height = '900px';
  document.body.append(host);
  const resources = (snapshot.entities.resource ?? []).map((r) => ({ id: r.id, title: r.name }));
  const events = (snapshot.entities.booking ?? []).map((b) => ({ id: b.id, resourceIds: [b.resourceId], start: new Date(b.start), end: new Date(b.end), title: b.title }));
  let t0 = performance.now();
  const ec = createCalendar(host, [ResourceTimeline], {
    view: 'resourceTimelineWeek',
    date: new Date(`${WEEK}T12:00:00Z`),
    resources,
    events,
    slotDuration: '01:00',
    slotMinTime: '09:00',
    slotMaxTime: '21:00',
    height: '900px',
  } as never);
  await until(() => host.querySelector('.ec-event'));
  void host.offsetHeight;
  await frame();
  const render = performance.now() - t0;
  const count = host.querySelectorAll('.ec-event').length;
  await frame();
  await frame();
  t0 = performance.now();
  const start = Date.parse(`${WEEK}T06:00:00Z`);
  (ec as unknown as { addEvent(e: object): void }).addEvent({ id: 'new', resourceIds: ['r0'], start: new Date(start), end: new Date(start + 3_600_000), title: 'Новая' });
  await until(() => host.querySelectorAll('.ec-event').length > count);
  void host.offsetHeight;
  await frame();
  const rerender = performance.now() - t0;
  await destroyCalendar(ec);
  host.remove();
  return { render, rerender, events: count };
}

declare global {
  interface Window {
    bench: Record<string, () => Promise<unknown>>;
  }
}

const style = document.createElement('style');
style.textContent = SH_CSS;
document.head.append(style);
const sh = shahmatkaSnapshot();
const bk = bookingSnapshot();
window.bench = {
  shahmatka: () => shahmatkaOnce(sh),
  bookingCrmkit: () => bookingCrmkit(bk),
  bookingCrmkitRender: () => bookingCrmkitRender(bk),
  bookingCrmkitShow: () => bookingCrmkitRender(bk, true),
  bookingCrmkitAllRows: () => bookingCrmkitRender(bk, false, true),
  bookingEventCalendar: () => bookingEventCalendar(bk),
};

