import { expect } from '@open-wc/testing';
import { CrmError, isCrmError, type Apartment } from './core.js';
import { createOneCAdapter, type OneCAdapterOptions } from './index.js';

/**
 * The adapter against the 1C emulator, reached on the test page's own origin through the
 * web-test-runner proxy (`/crm1c…`), as a reverse proxy would publish it. Each test makes its
 * own tenant (data, faults, publication) so test files never share state.
 */
interface TenantOptions {
  faultRate?: number;
  faultSeed?: number;
  htmlErrorSets?: string[];
  unpublished?: string[];
  restrictedRefs?: string[];
  challenge?: boolean;
}

async function tenant(options: TenantOptions = {}): Promise<{ odata: string }> {
  const res = await fetch('/crm1c-admin/tenants', { method: 'POST', body: JSON.stringify({ challenge: false, ...options }) });
  const body = (await res.json()) as { odata: string };
  return { odata: new URL(body.odata, location.href).href };
}

const USER = { user: 'Иванова Мария', password: 'пароль' };

function adapter(odata: string, extra: Partial<OneCAdapterOptions> = {}) {
  const urls: string[] = [];
  const a = createOneCAdapter({
    odataUrl: odata,
    credentials: USER,
    fetch: (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    },
    ...extra,
  });
  return { a, urls };
}

async function rejection(p: Promise<unknown>): Promise<CrmError> {
  try {
    await p;
  } catch (e) {
    if (isCrmError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('1C adapter, OData mode', () => {
  it('loads apartments with their current status and price, numbers and instants converted', async () => {
    const { odata } = await tenant();
    const { a, urls } = adapter(odata);
    const projects = await a.list('project');
    expect(projects.items.map((p) => p.name)).to.deep.equal(['ЖК «Северный»']);
    const flats = (await a.list('apartment', { filter: [{ field: 'projectId', op: 'eq', value: projects.items[0].id }] })).items;
    expect(flats).to.have.length(12); // the row marked for deletion is not among them
    const first = flats.find((f) => f.number === '1') as Apartment;
    expect(first.floor).to.equal(1); // Int64 "1" → 1
    expect(first.type).to.equal('studio');
    expect(first.status).to.equal('free');
    expect(first.price).to.be.greaterThan(1_000_000);
    // 2026-11-20T11:00:00 Moscow wall clock = 08:00 UTC
    expect(new Date(first.statusAt).toISOString()).to.equal('2026-11-20T08:00:00.000Z');
    const booked = flats.find((f) => f.status === 'booked') as Apartment;
    expect(booked.booking?.expiresAt).to.be.a('number');
    expect(booked.booking?.clientName).to.equal('Петров Иван Сергеевич'); // from Клиент____Presentation
    expect(booked.areaKitchen).to.equal(0);
    // Every data request asks for allowed rows only, excludes deletion marks, never uses `+` or `in`.
    const data = urls.filter((u) => !u.includes('$count') && /Catalog_|Document_/.test(decodeURIComponent(u)));
    expect(data.every((u) => u.includes('allowedOnly=true') && decodeURIComponent(u).includes('DeletionMark eq false'))).to.equal(true);
    expect(urls.some((u) => u.includes('+') || / in \(/.test(decodeURIComponent(u)))).to.equal(false);
    expect(urls.some((u) => decodeURIComponent(u).includes('/SliceLast('))).to.equal(true);
  });

  it('reads the price history of one apartment from the register record set', async () => {
    const { odata } = await tenant();
    const { a } = adapter(odata);
    const flat = (await a.list('apartment', { filter: [{ field: 'number', op: 'eq', value: '1' }] })).items[0];
    const history = (await a.list('pricePoint', { filter: [{ field: 'apartmentId', op: 'eq', value: flat.id }], order: { field: 'at', direction: 'asc' } })).items;
    expect(history.map((p) => p.price)).to.have.length(3);
    expect(history[2].price).to.equal(flat.price);
    expect((await a.get('pricePoint', history[0].id)).price).to.equal(history[0].price);
  });

  it('splits a long id list into several requests, none longer than the limit', async () => {
    const { odata } = await tenant();
    const { a, urls } = adapter(odata, { maxUrlBytes: 1200 });
    const all = (await a.list('contact')).items;
    const fake = Array.from({ length: 60 }, (_, i) => `00000000-0000-0000-0000-${String(i + 1).padStart(12, '0')}`);
    urls.length = 0;
    const found = await a.list('contact', { filter: [{ field: 'id', op: 'in', value: [...fake, ...all.map((c) => c.id)] }] });
    expect(found.items.map((c) => c.name).sort()).to.deep.equal(all.map((c) => c.name).sort());
    const pages = urls.filter((u) => u.includes('$top='));
    expect(pages.length).to.be.greaterThan(1);
    expect(Math.max(...urls.map((u) => new TextEncoder().encode(u).length))).to.be.at.most(1200);
  });

  it('counts with /$count and filters by substring with the needle first', async () => {
    const { odata } = await tenant();
    const { a, urls } = adapter(odata);
    expect(await a.count('contact')).to.equal(3);
    expect(urls.some((u) => u.includes('/$count'))).to.equal(true);
    const found = await a.list('contact', { filter: [{ field: 'name', op: 'contains', value: 'петров' }] });
    expect(found.items.map((c) => c.name)).to.deep.equal(['Петров Иван Сергеевич']);
    expect(urls.some((u) => decodeURIComponent(u).includes("substringof('петров', Description)"))).to.equal(true);
  });

  it('converts from the server time zone given in the options', async () => {
    const { odata } = await tenant();
    const moscow = (await adapter(odata).a.list('apartment')).items.find((f) => f.number === '1')!;
    const yekaterinburg = (await adapter(odata, { timeZone: 'Asia/Yekaterinburg' }).a.list('apartment')).items.find((f) => f.number === '1')!;
    expect(moscow.statusAt - yekaterinburg.statusAt).to.equal(2 * 3_600_000);
  });

  it('reads timeline data: activities of a contact across document sets, with bindings', async () => {
    const { odata } = await tenant();
    const { a } = adapter(odata);
    const petrov = (await a.list('contact', { filter: [{ field: 'name', op: 'eq', value: 'Петров Иван Сергеевич' }] })).items[0];
    const acts = (await a.list('activity', { filter: [{ field: 'bindings', op: 'has', value: `contact:${petrov.id}` }] })).items;
    expect(acts.map((x) => x.kind).sort()).to.deep.equal(['call', 'meeting']);
    expect(acts.find((x) => x.kind === 'call')?.durationSec).to.equal(320);
    expect(acts.find((x) => x.kind === 'call')?.direction).to.equal('incoming');
    const deals = (await a.list('deal')).items;
    expect(deals.map((d) => d.stageSemantics).sort()).to.deep.equal(['failure', 'process', 'success']);
  });

  it('reads booking resources with schedules and exceptions, and bookings with clients', async () => {
    const { odata } = await tenant();
    const { a } = adapter(odata);
    const room = (await a.list('resource', { filter: [{ field: 'type', op: 'eq', value: 'meeting-room' }] })).items[0];
    expect(room.capacity).to.equal(2);
    expect(room.schedule.days[1]).to.deep.equal({ start: '09:00', end: '18:00', breaks: [{ start: '13:00', end: '14:00' }] });
    expect(room.exceptions).to.deep.equal([{ date: '2026-12-31', hours: null, reason: 'Предпраздничный день' }]);
    const bookings = (await a.list('booking', { filter: [{ field: 'resourceId', op: 'eq', value: room.id }] })).items;
    expect(bookings).to.have.length(2);
    expect(bookings.some((b) => b.clientRefs[0]?.kind === 'company')).to.equal(true);
  });

  it('holds a free apartment through the HTTP service and detects a concurrent change', async () => {
    const { odata } = await tenant();
    const { a } = adapter(odata);
    const free = (await a.list('apartment', { filter: [{ field: 'number', op: 'eq', value: '1' }] })).items[0];
    const held = await a.holdApartment({ apartmentId: free.id, expectedVersion: free.version, booking: { paid: false, clientName: 'Тест' } });
    expect(held.status).to.equal('booked');
    expect((await a.get('apartment', free.id)).status).to.equal('booked');
    const err = await rejection(a.holdApartment({ apartmentId: free.id, expectedVersion: free.version, booking: { paid: false } }));
    expect(err.code).to.equal('conflict');
    const released = await a.releaseApartment(free.id, held.version);
    expect(released.status).to.equal('free');
  });

  it('names the entity sets that are not published', async () => {
    const { odata } = await tenant({ unpublished: ['Document_Задача', 'Catalog_Этажи'] });
    const { a } = adapter(odata);
    const problems = (await a.publicationProblems()).map((p) => p.message);
    expect(problems).to.include('Document_Задача is not published: publish Document_Задача in the standard OData interface');
    expect(problems).to.include('Catalog_Этажи is not published: publish Catalog_Этажи in the standard OData interface');
    expect((await a.capabilities()).entities.building).to.equal(undefined);
    expect((await a.list('project')).items).to.have.length(1);
  });

  it('survives seeded random faults by retrying', async () => {
    const { odata } = await tenant({ faultRate: 0.25, faultSeed: 7 });
    const { a } = adapter(odata, { retries: 8 });
    const flats = await a.list('apartment');
    expect(flats.items).to.have.length(12);
  });

  it('turns an HTML page with status 200 into a typed error', async () => {
    const { odata } = await tenant({ htmlErrorSets: ['Catalog_ЖилыеКомплексы'] });
    const { a } = adapter(odata, { retries: 0 });
    const err = await rejection(a.list('project'));
    expect(err.code).to.equal('bad-response');
    expect(err.detail).to.contain('HTML');
  });

  it('says the password is wrong when 1C answers 401', async () => {
    const { odata } = await tenant();
    const { a } = adapter(odata, { credentials: { user: 'Иванова Мария', password: 'неверный' } });
    const err = await rejection(a.list('project'));
    expect(err.code).to.equal('auth-expired');
  });

  it('skips rows hidden by row-level security (allowedOnly)', async () => {
    const { odata } = await tenant();
    const { a } = adapter(odata);
    const contacts = (await a.list('contact')).items;
    const restricted = await tenant({ restrictedRefs: [contacts[0].id] });
    const seen = (await adapter(restricted.odata).a.list('contact')).items;
    expect(seen.map((c) => c.id)).to.not.include(contacts[0].id);
    expect(seen).to.have.length(2);
  });

  it('stops when aborted', async () => {
    const { odata } = await tenant();
    const { a } = adapter(odata);
    const ctrl = new AbortController();
    const p = a.list('apartment', {}, { signal: ctrl.signal });
    ctrl.abort();
    let name = '';
    try {
      await p;
    } catch (e) {
      name = (e as Error).name;
    }
    expect(name).to.equal('AbortError');
  });
});

describe('1C adapter, HTTP-service mode', () => {
  it('reads the same apartments as the OData interface', async () => {
    const { odata } = await tenant();
    const viaOData = (await adapter(odata).a.list('apartment', { order: { field: 'number', direction: 'asc' } })).items;
    const { a, urls } = adapter(odata, { mode: 'http-service' });
    const viaHs = (await a.list('apartment', { order: { field: 'number', direction: 'asc' } })).items;
    expect(viaHs.map((x) => [x.id, x.status, x.price])).to.deep.equal(viaOData.map((x) => [x.id, x.status, x.price]));
    expect(urls.every((u) => u.includes('/hs/crmkit/v1/'))).to.equal(true);
    expect(await a.count('apartment', [{ field: 'status', op: 'eq', value: 'free' }])).to.equal(viaOData.filter((x) => x.status === 'free').length);
  });

  it('books a resource for a meeting and refuses a booking over capacity', async () => {
    const { odata } = await tenant();
    const { a } = adapter(odata, { mode: 'http-service' });
    const manager = (await a.list('resource', { filter: [{ field: 'type', op: 'eq', value: 'manager' }] })).items[0];
    const start = Date.UTC(2026, 11, 2, 8, 0, 0);
    const made = await a.createBookings([{ resourceId: manager.id, start, end: start + 3_600_000, seats: 1, title: 'Консультация', clientRefs: [] }]);
    expect(made).to.have.length(1);
    const err = await rejection(a.createBookings([{ resourceId: manager.id, start, end: start + 3_600_000, seats: 1, title: 'Вторая', clientRefs: [] }]));
    expect(err.code).to.equal('conflict');
    await a.cancelBooking(made[0].id);
    expect((await a.get('booking', made[0].id)).status).to.equal('cancelled');
  });
});
