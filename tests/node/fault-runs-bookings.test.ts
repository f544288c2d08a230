/**
 * Bookings under faults: 1,000 seeded random runs of booking writes, half against the 1C
 * emulator's HTTP service (503, 500, dropped connections, gateway timeouts before the write
 * reaches 1C, and the same plus truncated JSON after 1C did the write: the lost answer), half
 * against the mock adapter with its failure simulation (failures before the write, answers lost
 * after it). Each run makes a random sequence of meetings (one or two bookings, some over
 * capacity) and cancellations, retrying an error whose outcome is unknown with the same booking
 * ids, as a widget should; then the stored bookings, read on a healthy server, are checked
 * against the model:
 * - every booking reported as made exists exactly once (never doubled by a retry);
 * - every refusal (`conflict`) left nothing; an error given up on left nothing or the one booking
 *   (never two); nothing else appeared;
 * - every cancellation reported as done is cancelled, and no other booking of the run is;
 * - on no resource do overlapping active bookings exceed its capacity;
 * - every failure is a typed CrmError.
 * The counts printed here are the ones SECURITY.md quotes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isCrmError, type Booking, type BookingResource, type DataAdapter, type NewBooking } from '@crmkit/core';
import { startOneCEmulator, type RunningEmulator } from '../../packages/adapter-1c/emulator/server.js';
import { fixtureSnapshot } from '../../packages/adapter-1c/emulator/fixture.js';
import { createOneCAdapter } from '../../packages/adapter-1c/src/adapter-1c.js';
import { MockAdapter, peakSeats } from '../../packages/adapter-mock/src/mock-adapter.js';
import type { CrmSnapshot } from '../../packages/adapter-mock/src/snapshot.js';
import { MemoryWriteStore } from '../../packages/adapter-mock/src/write-store.js';
import { prng } from '../support/prng.js';

/** 1,000 runs in all: HTTP round trips make a 1C run the slower one, so the mock runs more. */
const RUNS_1C = 250;
const RUNS_MOCK = 750;
const OPS_PER_RUN = 6;
const ATTEMPTS = 4;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;


/** A GUID from the run's generator (1C ids are GUIDs; the mock takes any string). */
function seededGuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface Tally {
  runs: number;
  /** Runs where every operation got a definite answer (made, refused, cancelled). */
  complete: number;
  /** CrmErrors met (every failed attempt). */
  typedErrors: number;
  /** Operations that succeeded after at least one failed attempt. */
  recovered: number;
  /** Meetings refused with `conflict` (over capacity), leaving nothing. */
  refused: number;
  /** Operations given up after every attempt failed (the run then ends with a clear error). */
  gaveUp: number;
  /** Bookings checked against the model at the end of the runs. */
  bookingsChecked: number;
}

const newTally = (): Tally => ({ runs: 0, complete: 0, typedErrors: 0, recovered: 0, refused: 0, gaveUp: 0, bookingsChecked: 0 });

type Outcome<T> = { ok: true; value: T; failures: number } | { ok: false; refused: boolean; failures: number };

/** Calls `op` until it succeeds, is refused (`conflict`, `not-found`) or runs out of attempts. */
async function attempt<T>(op: () => Promise<T>, tally: Tally): Promise<Outcome<T>> {
  let failures = 0;
  for (let i = 0; i < ATTEMPTS; i++) {
    try {
      const value = await op();
      if (failures > 0) tally.recovered++;
      return { ok: true, value, failures };
    } catch (e) {
      assert.ok(isCrmError(e), `a failed write is a typed CrmError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      tally.typedErrors++;
      failures++;
      if (e.code === 'conflict' || e.code === 'not-found' || e.code === 'invalid-input') return { ok: false, refused: true, failures };
    }
  }
  return { ok: false, refused: false, failures };
}

/**
 * One run: random meetings and cancellations through `adapter` (faults on), then the stored
 * bookings read through `healthy()` (faults off) are checked against what the calls reported.
 */
async function oneRun(run: number, adapter: DataAdapter, healthy: () => Promise<DataAdapter>, resources: readonly BookingResource[], day: number, tally: Tally): Promise<void> {
  const random = prng(50_000 + run);
  const made = new Map<string, NewBooking>();
  const refused = new Set<string>();
  const unknown = new Set<string>();
  const cancelled = new Set<string>();
  const cancelUnknown = new Set<string>();
  let definite = true;
  for (let op = 0; op < OPS_PER_RUN; op++) {
    const active = [...made.keys()].filter((id) => !cancelled.has(id) && !cancelUnknown.has(id));
    if (active.length > 0 && random() < 0.25) {
      const id = active[Math.floor(random() * active.length)]!;
      const out = await attempt(() => adapter.cancelBooking!(id), tally);
      if (out.ok) cancelled.add(id);
      else {
        assert.equal(out.refused, false, `cancelling booking ${id} that exists was refused`);
        cancelUnknown.add(id);
        tally.gaveUp++;
        definite = false;
      }
      continue;
    }
    // A meeting: one or two resources, half-hour steps in a four-hour window, so some collide.
    const count = resources.length > 1 && random() < 0.4 ? 2 : 1;
    const picked = [...resources].sort(() => random() - 0.5).slice(0, count);
    const start = day + 10 * HOUR + Math.floor(random() * 6) * (HOUR / 2);
    const end = start + (1 + Math.floor(random() * 3)) * (HOUR / 2);
    const meeting: NewBooking[] = picked.map((r) => ({
      id: seededGuid(random),
      resourceId: r.id,
      start,
      end,
      seats: 1 + Math.floor(random() * Math.min(2, r.capacity)),
      title: `Run ${run} op ${op}`,
      clientRefs: [],
    }));
    const out = await attempt(() => adapter.createBookings!(meeting), tally);
    if (out.ok) {
      assert.deepEqual(out.value.map((b) => b.id), meeting.map((b) => b.id), 'the made bookings are the ones asked for, under their ids');
      for (const b of meeting) made.set(b.id!, b);
    } else if (out.refused) {
      tally.refused++;
      for (const b of meeting) refused.add(b.id!);
    } else {
      tally.gaveUp++;
      definite = false;
      for (const b of meeting) unknown.add(b.id!);
    }
  }

  // The check, on a healthy server: a clear error above, and here the retry's complete data.
  const stored = (await (await healthy()).list('booking')).items;
  const byId = new Map<string, Booking[]>();
  for (const b of stored) byId.set(b.id, [...(byId.get(b.id) ?? []), b]);
  const ours = new Set([...made.keys(), ...refused, ...unknown]);
  for (const id of made.keys()) {
    const copies = byId.get(id) ?? [];
    assert.equal(copies.length, 1, `run ${run}: booking ${id} reported as made exists exactly once`);
    const b = copies[0]!;
    const asked = made.get(id)!;
    assert.deepEqual([b.resourceId, b.start, b.end, b.seats], [asked.resourceId, asked.start, asked.end, asked.seats], `run ${run}: booking ${id} is the one asked for`);
    if (cancelled.has(id)) assert.equal(b.status, 'cancelled', `run ${run}: booking ${id} reported cancelled is cancelled`);
    else if (!cancelUnknown.has(id)) assert.equal(b.status, 'active', `run ${run}: booking ${id} never cancelled is active`);
    tally.bookingsChecked++;
  }
  for (const id of refused) {
    assert.equal(byId.get(id)?.length ?? 0, 0, `run ${run}: refused booking ${id} left nothing`);
    tally.bookingsChecked++;
  }
  for (const id of unknown) {
    assert.ok((byId.get(id)?.length ?? 0) <= 1, `run ${run}: booking ${id} given up on exists at most once`);
    tally.bookingsChecked++;
  }
  // Nothing else appeared: every booking of this run (its title says so) has one of our ids.
  for (const b of stored) {
    if (b.title.startsWith(`Run ${run} `)) assert.ok(ours.has(b.id), `run ${run}: booking ${b.id} was never asked for (a double?)`);
  }
  for (const r of resources) {
    for (const b of stored) {
      if (b.resourceId !== r.id || b.status !== 'active') continue;
      assert.ok(peakSeats(stored, r.id, b.start, b.end) <= r.capacity, `run ${run}: ${r.name} over capacity around ${new Date(b.start).toISOString()}`);
    }
  }
  tally.runs++;
  if (definite) tally.complete++;
}

function report(name: string, t: Tally): void {
  console.log(
    `fault-runs.bookings.${name}: ${t.runs} runs, ${t.complete} complete, ${t.runs - t.complete} ended with a clear error (${t.gaveUp} operations given up), ${t.typedErrors} typed errors, ${t.recovered} operations recovered on retry, ${t.refused} meetings refused (conflict, nothing written), ${t.bookingsChecked} bookings checked, 0 lost, 0 doubled, 0 over capacity`,
  );
}

describe('booking writes under faults', { timeout: 600_000 }, () => {
  let onec: RunningEmulator;
  before(async () => {
    onec = await startOneCEmulator({ port: 0 });
  });
  after(async () => {
    await onec?.close();
  });

  test(`1C HTTP service: ${RUNS_1C} seeded runs, 503 / 500 / drop / timeout before the write, drop / 500 / timeout / truncated JSON after it`, async () => {
    const tally = newTally();
    // Only what bookings need: fewer rows to build per tenant and per write.
    const fixture = fixtureSnapshot();
    const { resource, booking, employee, contact, company } = fixture.entities;
    const snapshot: CrmSnapshot = { ...fixture, entities: { resource, booking, employee, contact, company } };
    const credentials = { user: 'Администратор', password: '' };
    const odataUrl = (base: string) => `${onec.origin}/${base}/odata/standard.odata/`;
    let resources: readonly BookingResource[] | undefined;
    for (let run = 0; run < RUNS_1C; run++) {
      const random = prng(90_000 + run);
      // A fresh tenant per run; eight names in turn, so finished runs' data is let go.
      const base = `crm1c-bookings-${run % 8}`;
      onec.addTenant(base, { snapshot });
      // A quarter of the runs read through OData (the re-read after a lost answer included).
      const mode = random() < 0.25 ? 'odata' : 'http-service';
      const healthy = async () => {
        onec.setHsFaults(base, undefined);
        return createOneCAdapter({ odataUrl: odataUrl(base), credentials, mode, checkPublication: false });
      };
      resources ??= (await (await healthy()).list('resource')).items;
      onec.setHsFaults(base, { rate: 0.1 + random() * 0.25, seed: run + 1, afterShare: 0.5 });
      const adapter = createOneCAdapter({ odataUrl: odataUrl(base), credentials, mode, checkPublication: false, retries: random() < 0.1 ? 1 : 0 });
      const day = Math.floor(Date.UTC(2026, 11, 1) / DAY) * DAY + (run % 5) * DAY;
      await oneRun(run, adapter, healthy, resources, day, tally);
    }
    report('1c', tally);
    assert.equal(tally.runs, RUNS_1C);
    assert.ok(tally.recovered > 0 && tally.refused > 0 && tally.typedErrors > 0, 'faults were met, recovered from, and conflicts refused');
  });

  test('1C: a write whose answer is lost is found by the re-read (OData), or reported as unknown and made once on retry (HTTP service)', async () => {
    const fixture = fixtureSnapshot();
    const credentials = { user: 'Администратор', password: '' };
    const day = Date.UTC(2027, 0, 11);
    for (const mode of ['odata', 'http-service'] as const) {
      const base = `crm1c-lost-answer-${mode}`;
      onec.addTenant(base, { snapshot: fixture });
      const odataUrl = `${onec.origin}/${base}/odata/standard.odata/`;
      const resource = (await createOneCAdapter({ odataUrl, credentials, mode, checkPublication: false }).list('resource')).items[0]!;
      const nb: NewBooking = { id: '0b0e8c7e-3f57-4c55-9a51-4d6f0c1a2b3c', resourceId: resource.id, start: day + 10 * HOUR, end: day + 11 * HOUR, seats: 1, title: `Lost answer ${mode}`, clientRefs: [] };
      // Every HTTP-service answer arrives truncated after the work was done.
      onec.setHsFaults(base, { rate: 1, kinds: ['truncate'] });
      const lossy = createOneCAdapter({ odataUrl, credentials, mode, checkPublication: false, retries: 0 });
      if (mode === 'odata') {
        // The re-read goes through OData, which answers: the booking is returned as made.
        const made = await lossy.createBookings!([nb]);
        assert.deepEqual(made.map((b) => b.id), [nb.id]);
      } else {
        // The re-read is an HTTP-service call too and fails: the error says the outcome is unknown.
        await assert.rejects(lossy.createBookings!([nb]), (e: unknown) => isCrmError(e) && e.code === 'bad-response' && /may have been made/.test(e.message));
      }
      onec.setHsFaults(base, undefined);
      const healthy = createOneCAdapter({ odataUrl, credentials, mode, checkPublication: false });
      const again = await healthy.createBookings!([nb]);
      assert.deepEqual(again.map((b) => b.id), [nb.id], 'the retry with the same id answers the stored booking');
      const stored = (await healthy.list('booking')).items.filter((b) => b.title === nb.title);
      assert.deepEqual(stored.map((b) => b.id), [nb.id], `${mode}: stored exactly once`);
    }
  });

  test(`mock adapter: ${RUNS_MOCK} seeded runs, failures before the write and answers lost after it`, async () => {
    const tally = newTally();
    const snapshot: CrmSnapshot = {
      format: 'crmkit-snapshot',
      version: 1,
      origin: 'https://mock.example',
      userId: '1',
      timeZone: 'Europe/Moscow',
      entities: {
        resource: [
          { id: 'room', type: 'meeting-room', name: 'Room', capacity: 2, schedule: { days: {}, slotMinutes: 60 }, exceptions: [] },
          { id: 'bus', type: 'bus', name: 'Bus', capacity: 3, schedule: { days: {}, slotMinutes: 60 }, exceptions: [] },
          { id: 'manager', type: 'manager', kind: 'sales', name: 'Manager', capacity: 1, schedule: { days: {}, slotMinutes: 60 }, exceptions: [] },
        ],
        booking: [],
      },
    };
    const resources = snapshot.entities.resource as readonly BookingResource[];
    for (let run = 0; run < RUNS_MOCK; run++) {
      const random = prng(70_000 + run);
      // In memory: the write path (all-or-nothing transaction, ids, capacity) is the one the
      // IndexedDB store runs; the browser group adapter-mock tests the store itself.
      const faults = { failureRate: 0.1 + random() * 0.3, lostAnswerRate: 0.1 + random() * 0.3 };
      const writeStore = new MemoryWriteStore();
      const adapter = new MockAdapter({ snapshot, seed: run + 1, writeStore, ...faults });
      // A second adapter over the same stored writes (a second tab), without failures: the truth.
      const healthy = async () => new MockAdapter({ snapshot, writeStore });
      await oneRun(run, adapter, healthy, resources, Date.UTC(2026, 11, 1), tally);
    }
    report('mock', tally);
    assert.equal(tally.runs, RUNS_MOCK);
    assert.ok(tally.recovered > 0 && tally.refused > 0 && tally.typedErrors > 0, 'faults were met, recovered from, and conflicts refused');
  });
});
