import { expect } from '@open-wc/testing';
import { isCrmError, type Booking, type CrmErrorCode, type DataAdapter, type NewBooking } from '@crmkit/core';
import { describeAdapterConformance, expectCrmError, rejection } from '@crmkit/core/testing/adapter-conformance.js';
import { createMockAdapter, createMockAdapterAsync, generateMockCrm, loadSnapshotFromUrl, MOCK_SCALE_TARGETS, SnapshotAdapter, type CrmSnapshot, type MockAdapter } from '@crmkit/adapter-mock';

const NOW = Date.UTC(2026, 10, 25, 9, 0);
const small = generateMockCrm({ scale: 'small', seed: 1, now: NOW });
const run = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
let dbCounter = 0;
const freshDb = () => `crmkit-mock-test-${run}-${++dbCounter}`;

describeAdapterConformance('mock adapter, small scale', () => createMockAdapter({ snapshot: small, persistBookings: false }), {
  expected: {
    counts: { deal: small.entities.deal?.length ?? 0, activity: small.entities.activity?.length ?? 0 },
    minCounts: { contact: 50, company: 5, employee: 20, apartment: 100, resource: 5, booking: 50 },
  },
});

describeAdapterConformance(
  'mock adapter with latency and IndexedDB writes',
  () => createMockAdapter({ scale: 'small', seed: 3, now: NOW, latencyMs: 2, dbName: freshDb() }),
  { entities: ['deal', 'booking'] },
);

/** A hand-made snapshot with one record of a few entities, served read-only. */
const tiny: CrmSnapshot = {
  format: 'crmkit-snapshot',
  version: 1,
  origin: 'mock://tiny',
  userId: '1',
  timeZone: 'Europe/Moscow',
  entities: {
    employee: [{ id: '1', name: 'Анна Петрова', departmentIds: [], active: true }],
    contact: [
      { id: '1', kind: 'contact', name: 'Иванов Иван', companyIds: [], createdAt: 1_700_000_000_000, modifiedAt: 1_700_000_100_000, comms: [], hasRequisites: false, fields: { UF_CRM_SEGMENT: 'vip' } },
      { id: '2', kind: 'contact', name: 'Петров Пётр', companyIds: [], createdAt: 1_700_000_200_000, modifiedAt: 1_700_000_300_000, comms: [], hasRequisites: false, fields: {} },
    ],
  },
};
describeAdapterConformance('snapshot adapter (read-only)', () => new SnapshotAdapter(tiny), { entities: ['employee', 'contact', 'deal'] });

describe('mock adapter: simulated failures', () => {
  const codes: CrmErrorCode[] = ['network', 'rate-limited'];

  it('fails some calls with typed errors of the given codes and never returns partial data', async () => {
    const adapter = createMockAdapter({ snapshot: small, failureRate: 0.5, failureCodes: codes, persistBookings: false });
    const total = small.entities.activity?.length ?? 0;
    let ok = 0;
    let failed = 0;
    for (let i = 0; i < 30; i++) {
      try {
        const res = await adapter.list('activity');
        expect(res.items.length).to.equal(total);
        ok++;
      } catch (e) {
        expect(isCrmError(e), String(e)).to.equal(true);
        expect(codes).to.include((e as { code: CrmErrorCode }).code);
        failed++;
      }
    }
    expect(ok).to.be.greaterThan(0);
    expect(failed).to.be.greaterThan(0);
  });

  it('writes nothing when a write fails', async () => {
    const adapter = createMockAdapter({ snapshot: small, failureRate: 0.5, persistBookings: false });
    const clean = createMockAdapter({ snapshot: small, persistBookings: false });
    const resource = (await clean.list('resource')).items[0];
    expect(resource).to.exist;
    const day = Math.floor(NOW / 86_400_000) + 300;
    let failures = 0;
    for (let i = 0; i < 12; i++) {
      const nb: NewBooking = { resourceId: resource!.id, start: (day + i) * 86_400_000, end: (day + i) * 86_400_000 + 3_600_000, seats: 1, title: 'Тест', clientRefs: [] };
      let before: number;
      try {
        before = (await adapter.listIds('booking')).length;
      } catch {
        continue; // the read failed; try the next one
      }
      try {
        await adapter.createBookings([nb]);
      } catch (e) {
        expect(isCrmError(e)).to.equal(true);
        failures++;
        // Read until the simulated network lets us: the failed write left nothing behind.
        for (;;) {
          try {
            expect((await adapter.listIds('booking')).length).to.equal(before);
            break;
          } catch (err) {
            if (!isCrmError(err)) throw err;
          }
        }
      }
    }
    expect(failures).to.be.greaterThan(0);
  });
});

describe('mock adapter: writes', () => {
  const oneHour = (day: number, hour: number) => ({ start: day * 86_400_000 + hour * 3_600_000, end: day * 86_400_000 + (hour + 1) * 3_600_000 });
  const farDay = Math.floor(NOW / 86_400_000) + 500;

  it('refuses a hold on an apartment whose version changed', async () => {
    const adapter = createMockAdapter({ snapshot: small, persistBookings: false });
    const free = (await adapter.list('apartment', { filter: [{ field: 'status', op: 'eq', value: 'free' }] })).items[0]!;
    await adapter.holdApartment({ apartmentId: free.id, expectedVersion: free.version, booking: { paid: false } });
    const released = await adapter.releaseApartment(free.id, undefined);
    expect(released.status).to.equal('free');
    // The apartment is free again, but not the one the user saw.
    expectCrmError(await rejection(() => adapter.holdApartment({ apartmentId: free.id, expectedVersion: free.version, booking: { paid: false } })), 'conflict');
    expectCrmError(await rejection(() => adapter.holdApartment({ apartmentId: 'no-such-apartment', booking: { paid: false } })), 'not-found');
  });

  it('refuses invalid bookings with invalid-input', async () => {
    const adapter = createMockAdapter({ snapshot: small, persistBookings: false });
    const slot = oneHour(farDay, 10);
    expectCrmError(await rejection(() => adapter.createBookings([])), 'invalid-input');
    expectCrmError(await rejection(() => adapter.createBookings([{ resourceId: 'nope', ...slot, seats: 1, title: 'x', clientRefs: [] }])), 'invalid-input');
    expectCrmError(await rejection(() => adapter.createBookings([{ resourceId: '1', start: slot.end, end: slot.start, seats: 1, title: 'x', clientRefs: [] }])), 'invalid-input');
  });

  it('gives the bookings of one meeting one meeting id', async () => {
    const adapter = createMockAdapter({ snapshot: small, persistBookings: false });
    const slot = oneHour(farDay, 12);
    const made = await adapter.createBookings([
      { resourceId: '1', ...slot, seats: 3, title: 'Встреча', clientRefs: [{ kind: 'contact', id: '1' }] },
      { resourceId: '6', ...slot, seats: 1, title: 'Встреча', clientRefs: [{ kind: 'contact', id: '1' }] },
    ]);
    expect(made.length).to.equal(2);
    expect(made[0]!.meetingId).to.equal(made[1]!.meetingId);
    const listed = (await adapter.list('booking', { filter: [{ field: 'meetingId', op: 'eq', value: made[0]!.meetingId }] })).items;
    expect(listed.map((b: Booking) => b.resourceId).sort()).to.deep.equal(['1', '6']);
  });

  it('keeps bookings and holds in IndexedDB across adapter instances (a reload)', async () => {
    const dbName = freshDb();
    const first = createMockAdapter({ snapshot: small, dbName });
    const slot = oneHour(farDay, 14);
    const [booking] = await first.createBookings([{ resourceId: '2', ...slot, seats: 2, title: 'Показ квартиры', clientRefs: [] }]);
    const free = (await first.list('apartment', { filter: [{ field: 'status', op: 'eq', value: 'free' }] })).items[0]!;
    await first.holdApartment({ apartmentId: free.id, expectedVersion: free.version, booking: { paid: false, clientName: 'Иванов И. И.' } });
    first.dispose();

    const second = createMockAdapter({ snapshot: small, dbName });
    const again = await second.get('booking', booking!.id);
    expect(again.title).to.equal('Показ квартиры');
    const apartment = await second.get('apartment', free.id);
    expect(apartment.status).to.equal('booked');
    expect(apartment.booking?.clientName).to.equal('Иванов И. И.');
    second.dispose();
  });

  it('lets two tabs book without overwriting each other, and checks capacity against the other tab', async () => {
    const dbName = freshDb();
    const tabA = createMockAdapter({ snapshot: small, dbName });
    const tabB = createMockAdapter({ snapshot: small, dbName });
    await Promise.all([tabA.count('booking'), tabB.count('booking')]); // both loaded before either writes
    const manager = (await tabA.list('resource', { filter: [{ field: 'capacity', op: 'eq', value: 1 }] })).items[0]!;
    const s1 = oneHour(farDay, 9);
    const s2 = oneHour(farDay, 11);
    const [a] = await tabA.createBookings([{ resourceId: manager.id, ...s1, seats: 1, title: 'Вкладка A', clientRefs: [] }]);
    const [b] = await tabB.createBookings([{ resourceId: manager.id, ...s2, seats: 1, title: 'Вкладка B', clientRefs: [] }]);
    // Tab B has not reloaded, but its write re-reads the store: tab A's booking fills the slot.
    expectCrmError(await rejection(() => tabB.createBookings([{ resourceId: manager.id, ...s1, seats: 1, title: 'Вкладка B', clientRefs: [] }])), 'conflict');
    const reloaded = createMockAdapter({ snapshot: small, dbName });
    const ids = await reloaded.listIds('booking', [{ field: 'resourceId', op: 'eq', value: manager.id }, { field: 'start', op: 'gte', value: s1.start }]);
    expect([...ids].sort()).to.deep.equal([a!.id, b!.id].sort());
    for (const x of [tabA, tabB, reloaded]) x.dispose();
  });

  it('a booking whose answer was lost is found, not doubled, when retried with its id (IndexedDB)', async () => {
    const dbName = freshDb();
    // Every write is stored, then its answer "lost".
    const lossy = createMockAdapter({ snapshot: small, dbName, lostAnswerRate: 1 });
    const manager = (await lossy.list('resource', { filter: [{ field: 'capacity', op: 'eq', value: 1 }] })).items[0]!;
    const slot = oneHour(farDay, 15);
    const nb: NewBooking = { id: `retry-${run}`, resourceId: manager.id, ...slot, seats: 1, title: 'Повтор после обрыва', clientRefs: [] };
    expectCrmError(await rejection(() => lossy.createBookings([nb])), 'network');
    lossy.dispose();
    // The retry (another tab, healthy network) with the same id answers the stored booking.
    const retry = createMockAdapter({ snapshot: small, dbName });
    const [made] = await retry.createBookings([nb]);
    expect(made!.id).to.equal(nb.id);
    const inSlot = await retry.list('booking', { filter: [{ field: 'resourceId', op: 'eq', value: manager.id }, { field: 'start', op: 'eq', value: slot.start }] });
    expect(inSlot.items.map((b) => b.id)).to.deep.equal([nb.id]);
    // The same id with other content is refused, not overwritten.
    expectCrmError(await rejection(() => retry.createBookings([{ ...nb, seats: 2 }])), 'conflict');
    retry.dispose();
  });

  it('clearWrites forgets stored bookings', async () => {
    const dbName = freshDb();
    const adapter = createMockAdapter({ snapshot: small, dbName });
    const before = await adapter.count('booking');
    await adapter.createBookings([{ resourceId: '1', ...oneHour(farDay, 16), seats: 1, title: 'x', clientRefs: [] }]);
    expect(await adapter.count('booking')).to.equal(before + 1);
    await adapter.clearWrites();
    const reloaded = createMockAdapter({ snapshot: small, dbName });
    expect(await reloaded.count('booking')).to.equal(before);
    adapter.dispose();
    reloaded.dispose();
  });
});

describe('mock adapter: generation on demand', () => {
  // The default scale's counts are checked in test-node/ (a few hundred ms there, more here).
  it('generates asynchronously with progress, within the scale targets', async () => {
    const reports: number[] = [];
    const adapter: MockAdapter = await createMockAdapterAsync({ scale: 'small', seed: 5, now: NOW, persistBookings: false, onProgress: (p) => reports.push(p.loaded) });
    const t = MOCK_SCALE_TARGETS.small;
    const clients = (await adapter.count('company')) + (await adapter.count('contact', [{ field: 'companyIds', op: 'empty' }]));
    expect(clients).to.equal(t.clients);
    expect(await adapter.count('deal')).to.be.greaterThan(t.clients);
    expect(reports.length).to.be.greaterThan(0);
    expect(reports[reports.length - 1]).to.equal(t.clients);
    expect((await adapter.identity()).origin).to.equal('mock://crmkit');
    expect((await adapter.capabilities()).writes).to.deep.equal({ apartmentBooking: true, resourceBooking: true });
  });

  it('rejects with an AbortError when generation is cancelled', async () => {
    const ctrl = new AbortController();
    const pending = createMockAdapterAsync({ scale: 'small', seed: 6, now: NOW, persistBookings: false, signal: ctrl.signal });
    ctrl.abort();
    const e = await rejection(() => pending);
    expect((e as Error).name).to.equal('AbortError');
  });

  it('serves a generated adapter as a DataAdapter', async () => {
    const adapter: DataAdapter = createMockAdapter({ scale: 'small', seed: 1, now: NOW, persistBookings: false });
    expect(adapter.kind).to.equal('mock');
    expect(await adapter.count('deal')).to.equal(small.entities.deal?.length);
  });
});

describe('loading a snapshot from a URL', () => {
  const url = (value: unknown) => URL.createObjectURL(new Blob([typeof value === 'string' ? value : JSON.stringify(value)], { type: 'application/json' }));

  it('loads and validates a snapshot file', async () => {
    const s = await loadSnapshotFromUrl(url(tiny));
    expect(s.entities.contact?.length).to.equal(2);
    const adapter = createMockAdapter({ snapshot: s, persistBookings: false });
    expect((await adapter.identity()).origin).to.equal('mock://tiny');
  });

  it('says what is wrong with a bad file', async () => {
    const e = await rejection(() => loadSnapshotFromUrl(url({ ...tiny, entities: { contact: [{ id: '1', createdAt: '2024-05-01' }] } })));
    expectCrmError(e, 'bad-response');
    expect((e as Error).message).to.contain('entities.contact[0].createdAt must be epoch milliseconds');
    expectCrmError(await rejection(() => loadSnapshotFromUrl(url('<html>'))), 'bad-response');
  });

  it('rejects a missing file with not-found and a cancelled load with an AbortError', async () => {
    expectCrmError(await rejection(() => loadSnapshotFromUrl('/no-such-snapshot-file.json')), 'not-found');
    const ctrl = new AbortController();
    ctrl.abort();
    expect(((await rejection(() => loadSnapshotFromUrl(url(tiny), ctrl.signal))) as Error).name).to.equal('AbortError');
  });
});
