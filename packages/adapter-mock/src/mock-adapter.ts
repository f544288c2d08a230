import {
  CrmError,
  type AdapterCapabilities,
  type Apartment,
  type ApartmentHoldRequest,
  type Booking,
  type CallOptions,
  type CrmErrorCode,
  type EntityMap,
  type EntityName,
  type Id,
  type NewBooking,
} from '@crmkit/core';
import { generateMockCrmAsync, MOCK_ORIGIN, type MockCrmOptions, type MockGenerationProgress } from './generator/generate.js';
import { Random } from './generator/random.js';
import { SnapshotAdapter } from './snapshot-adapter.js';
import type { CrmSnapshot } from './snapshot.js';
import { IdbWriteStore, MemoryWriteStore, type StoredWrite, type WriteStore } from './write-store.js';

export interface MockAdapterOptions extends MockCrmOptions {
  /** Serve this snapshot instead of generating one (`scale`, `seed` and `now` are then ignored). */
  readonly snapshot?: CrmSnapshot;
  /** Mean delay of every call, in ms (each call waits 50–150 % of it). Default 0. */
  readonly latencyMs?: number;
  /** Share of data calls and writes that fail (0…1), decided by a seeded generator. Default 0. */
  readonly failureRate?: number;
  /** Codes a simulated failure picks from. Default `network`, `rate-limited`, `bad-response`. */
  readonly failureCodes?: readonly CrmErrorCode[];
  /**
   * Share of writes (0…1) whose answer is lost after the write was stored: the call rejects with
   * a `network` CrmError although the booking or hold exists, as when a connection drops on the
   * way back. Seeded like `failureRate`. Default 0.
   */
  readonly lostAnswerRate?: number;
  /** Keep holds and bookings in IndexedDB across reloads. Default: true where IndexedDB exists. */
  readonly persistBookings?: boolean;
  /** IndexedDB database name. Default `crmkit-mock:<origin>` (one per mock CRM origin). */
  readonly dbName?: string;
  /**
   * Where writes are kept, instead of the IndexedDB or memory store chosen above: two adapters
   * given one store see each other's writes, as two tabs share IndexedDB (tests).
   */
  readonly writeStore?: WriteStore;
  /** Progress of the lazy generation, when no snapshot is given. */
  readonly onGenerationProgress?: (progress: MockGenerationProgress) => void;
}

const DEFAULT_FAILURE_CODES: readonly CrmErrorCode[] = ['network', 'rate-limited', 'bad-response'];
const EMPTY: CrmSnapshot = { format: 'crmkit-snapshot', version: 1, entities: {} };

/**
 * The mock CRM as a {@link DataAdapter}: a generated (or given) snapshot served through the
 * query language, with simulated latency and seeded failures (always typed CrmErrors, raised
 * before any data is returned, so never a partial result), and the two booking writes.
 *
 * Writes:
 * - `holdApartment` / `releaseApartment` re-read the apartment (other tabs' writes included)
 *   and refuse with `conflict` when its version differs from the expected one or its status does
 *   not allow the change (hold: only `free`; release: only `booked` / `paid-booking`).
 * - `createBookings` writes every booking of a meeting or none, under the caller's
 *   `NewBooking.id` when given: ids already stored with the same resource and times answer the
 *   stored bookings and write nothing (a retry after a lost answer never doubles a booking);
 *   an id stored with other content is a `conflict`. Its capacity check is the
 *   simple one: for each new booking, the most seats taken at any instant of its time range by
 *   active bookings of the same resource (existing ones and the others of this batch), plus
 *   its own seats, must not exceed the resource's capacity; otherwise `conflict`. Schedules,
 *   breaks and days off are not checked here; those rules live in core.
 * - `cancelBooking` marks a booking cancelled (idempotent); `not-found` for an unknown id.
 */
export class MockAdapter extends SnapshotAdapter {
  override readonly kind: string = 'mock';
  private readonly options: MockAdapterOptions;
  private readonly chaos: Random;
  private store: WriteStore;
  private loading?: Promise<void>;
  private overlay = new Map<string, StoredWrite>();
  private merged: { booking?: Booking[]; apartment?: Apartment[] } = {};
  private disposed = false;

  constructor(options: MockAdapterOptions = {}) {
    super(options.snapshot ?? EMPTY);
    this.options = options;
    this.chaos = new Random((options.seed ?? 1) ^ 0x5eed5eed);
    const persist = options.persistBookings ?? typeof indexedDB !== 'undefined';
    const origin = options.snapshot?.origin ?? MOCK_ORIGIN;
    this.store = options.writeStore ?? (persist ? new IdbWriteStore(options.dbName ?? `crmkit-mock:${origin}`) : new MemoryWriteStore());
  }

  /** Generates (or takes) the data and merges stored writes; every call awaits it. */
  ready(signal?: AbortSignal): Promise<void> {
    this.loading ??= (async () => {
      if (!this.options.snapshot) {
        this.snapshot = await generateMockCrmAsync(
          { ...(this.options.scale ? { scale: this.options.scale } : {}), ...(this.options.seed !== undefined ? { seed: this.options.seed } : {}), ...(this.options.now !== undefined ? { now: this.options.now } : {}) },
          { ...(this.options.onGenerationProgress ? { onProgress: this.options.onGenerationProgress } : {}) },
        );
      }
      try {
        this.setOverlay(await this.store.readAll());
      } catch (e) {
        // IndexedDB unavailable (private mode, blocked storage): keep writes in memory only.
        console.warn('crmkit mock adapter: bookings will not persist, IndexedDB failed', e);
        this.store.close();
        this.store = new MemoryWriteStore();
        this.setOverlay([]);
      }
    })();
    // A failed load is retried by the next call.
    this.loading.catch(() => (this.loading = undefined));
    return abortable(this.loading, signal);
  }

  /** The snapshot being served (generated on first use), without the user's writes. */
  async data(signal?: AbortSignal): Promise<CrmSnapshot> {
    await this.ready(signal);
    return this.snapshot;
  }

  /** Forgets every stored hold and booking (the demo's "reset"). */
  async clearWrites(): Promise<void> {
    await this.store.clear();
    this.setOverlay([]);
  }

  dispose(): void {
    this.disposed = true;
    this.store.close();
  }

  protected override async prepare(call: string, signal: AbortSignal | undefined): Promise<void> {
    if (this.disposed) throw new CrmError('not-supported', { detail: 'the adapter was disposed', source: `mock/${call}` });
    await this.ready(signal);
    await this.network(call, signal);
  }

  /** Latency for every call; seeded failures for data calls and writes. */
  private async network(call: string, signal: AbortSignal | undefined): Promise<void> {
    const latency = this.options.latencyMs ?? 0;
    if (latency > 0) await sleep(latency * (0.5 + this.chaos.next()), signal);
    const rate = this.options.failureRate ?? 0;
    if (rate > 0 && call !== 'identity' && call !== 'capabilities' && this.chaos.chance(rate)) {
      const codes = this.options.failureCodes?.length ? this.options.failureCodes : DEFAULT_FAILURE_CODES;
      const code = this.chaos.pick(codes);
      throw new CrmError(code, {
        detail: 'simulated failure',
        source: `mock/${call}`,
        ...(code === 'rate-limited' ? { retryAfterMs: 1000 } : {}),
      });
    }
  }

  protected override records<E extends EntityName>(entity: E): readonly EntityMap[E][] {
    if (entity === 'booking' || entity === 'apartment') return this.mergedList(entity) as unknown as readonly EntityMap[E][];
    return super.records(entity);
  }

  override async capabilities(options: CallOptions = {}): Promise<AdapterCapabilities> {
    const caps = await super.capabilities(options);
    return { ...caps, writes: { apartmentBooking: true, resourceBooking: true } };
  }

  // --- Writes ---------------------------------------------------------------------------------

  async holdApartment(request: ApartmentHoldRequest, options: CallOptions = {}): Promise<Apartment> {
    const { signal } = options;
    signal?.throwIfAborted();
    await this.prepare('holdApartment', signal);
    signal?.throwIfAborted();
    let result: Apartment | undefined;
    const all = await this.store.transact((current) => {
      const apartment = this.currentApartment(request.apartmentId, current);
      checkVersion(apartment, request.expectedVersion);
      if (apartment.status !== 'free') {
        throw new CrmError('conflict', { detail: `apartment ${apartment.number} is ${apartment.status}, not free`, source: 'mock/holdApartment' });
      }
      const now = Date.now();
      result = {
        ...apartment,
        status: request.booking.paid ? 'paid-booking' : 'booked',
        statusAt: now,
        booking: { ...request.booking, bookedAt: now },
        version: nextVersion(apartment.version),
      };
      return [{ key: `apartment:${apartment.id}`, kind: 'apartment', record: result, writtenAt: now }];
    });
    this.setOverlay(all);
    return result as Apartment;
  }

  async releaseApartment(apartmentId: Id, expectedVersion: string | undefined, options: CallOptions = {}): Promise<Apartment> {
    const { signal } = options;
    signal?.throwIfAborted();
    await this.prepare('releaseApartment', signal);
    signal?.throwIfAborted();
    let result: Apartment | undefined;
    const all = await this.store.transact((current) => {
      const apartment = this.currentApartment(apartmentId, current);
      checkVersion(apartment, expectedVersion);
      if (apartment.status !== 'booked' && apartment.status !== 'paid-booking') {
        throw new CrmError('conflict', { detail: `apartment ${apartment.number} is ${apartment.status}, not booked`, source: 'mock/releaseApartment' });
      }
      const now = Date.now();
      const { booking: _released, ...rest } = apartment;
      result = { ...rest, status: 'free', statusAt: now, version: nextVersion(apartment.version) };
      return [{ key: `apartment:${apartment.id}`, kind: 'apartment', record: result, writtenAt: now }];
    });
    this.setOverlay(all);
    return result as Apartment;
  }

  async createBookings(bookings: readonly NewBooking[], options: CallOptions = {}): Promise<readonly Booking[]> {
    const { signal } = options;
    signal?.throwIfAborted();
    await this.prepare('createBookings', signal);
    signal?.throwIfAborted();
    if (bookings.length === 0) throw new CrmError('invalid-input', { detail: 'no bookings to create', source: 'mock/createBookings' });
    const resources = new Map(super.records('resource').map((r) => [r.id, r]));
    for (const b of bookings) {
      if (!resources.has(b.resourceId)) throw new CrmError('invalid-input', { detail: `unknown resource ${b.resourceId}`, source: 'mock/createBookings' });
      if (!(b.end > b.start)) throw new CrmError('invalid-input', { detail: 'a booking must end after it starts', source: 'mock/createBookings' });
      if (!Number.isInteger(b.seats) || b.seats < 1) throw new CrmError('invalid-input', { detail: 'seats must be a positive integer', source: 'mock/createBookings' });
    }
    const meetingId = bookings.find((b) => b.meetingId)?.meetingId ?? `meeting-${uid()}`;
    let created: Booking[] = [];
    const all = await this.store.transact((current) => {
      const merged = this.mergeBookings(current);
      const known = bookings.map((nb) => (nb.id === undefined ? undefined : merged.find((b) => b.id === nb.id)));
      if (known.some(Boolean)) {
        // A repeat of a write that was made (its answer lost): answer it, write nothing.
        const same = known.every((b, i) => b && b.resourceId === bookings[i]!.resourceId && b.start === bookings[i]!.start && b.end === bookings[i]!.end && b.seats === bookings[i]!.seats);
        if (!same) throw new CrmError('conflict', { detail: 'a booking with this id exists with other content', source: 'mock/createBookings' });
        created = known as Booking[];
        return [];
      }
      const existing = merged.filter((b) => b.status === 'active');
      const now = Date.now();
      const accepted: Booking[] = [];
      for (const nb of bookings) {
        const resource = resources.get(nb.resourceId) as NonNullable<ReturnType<typeof resources.get>>;
        const peak = peakSeats([...existing, ...accepted], nb.resourceId, nb.start, nb.end);
        if (peak + nb.seats > resource.capacity) {
          throw new CrmError('conflict', {
            detail: `${resource.name}: ${peak} of ${resource.capacity} seats already taken, ${nb.seats} more do not fit`,
            source: 'mock/createBookings',
          });
        }
        accepted.push({
          id: nb.id ?? `w-${uid()}`,
          resourceId: nb.resourceId,
          meetingId,
          start: nb.start,
          end: nb.end,
          seats: nb.seats,
          title: nb.title,
          clientRefs: nb.clientRefs,
          ...(nb.clientNames ? { clientNames: nb.clientNames } : {}),
          createdById: this.snapshot.userId ?? '1',
          createdAt: now,
          status: 'active',
          version: '1',
        });
      }
      created = accepted;
      return accepted.map((b) => ({ key: `booking:${b.id}`, kind: 'booking' as const, record: b, writtenAt: now }));
    });
    this.setOverlay(all);
    this.loseAnswer('createBookings');
    return created;
  }

  async cancelBooking(bookingId: Id, options: CallOptions = {}): Promise<void> {
    const { signal } = options;
    signal?.throwIfAborted();
    await this.prepare('cancelBooking', signal);
    signal?.throwIfAborted();
    const all = await this.store.transact((current) => {
      const booking = this.mergeBookings(current).find((b) => b.id === bookingId);
      if (!booking) throw new CrmError('not-found', { source: `mock/booking/${bookingId}` });
      if (booking.status === 'cancelled') return [];
      const now = Date.now();
      return [{ key: `booking:${booking.id}`, kind: 'booking', record: { ...booking, status: 'cancelled', version: nextVersion(booking.version) }, writtenAt: now }];
    });
    this.setOverlay(all);
    this.loseAnswer('cancelBooking');
  }

  /** After a stored write: now and then its answer is "lost" (`lostAnswerRate`). */
  private loseAnswer(call: string): void {
    const rate = this.options.lostAnswerRate ?? 0;
    if (rate > 0 && this.chaos.chance(rate)) throw new CrmError('network', { detail: 'simulated lost answer: the write was stored', source: `mock/${call}` });
  }

  // --- Merging stored writes over the snapshot ---------------------------------------------------

  private setOverlay(writes: readonly StoredWrite[]): void {
    this.overlay = new Map(writes.map((w) => [w.key, w]));
    this.merged = {};
  }

  private mergedList(entity: 'booking' | 'apartment'): readonly (Booking | Apartment)[] {
    if (entity === 'booking') return (this.merged.booking ??= this.mergeBookings(this.overlay));
    return (this.merged.apartment ??= mergeById(super.records('apartment'), this.overlay, 'apartment'));
  }

  private mergeBookings(writes: ReadonlyMap<string, StoredWrite>): Booking[] {
    return mergeById(super.records('booking'), writes, 'booking');
  }

  private currentApartment(id: Id, writes: ReadonlyMap<string, StoredWrite>): Apartment {
    const stored = writes.get(`apartment:${id}`);
    if (stored?.kind === 'apartment') return stored.record;
    const base = super.records('apartment').find((a) => a.id === id);
    if (!base) throw new CrmError('not-found', { source: `mock/apartment/${id}` });
    return base;
  }
}

/** Base records with stored writes of that kind replacing them by id, and new ones appended. */
function mergeById<T extends { id: Id }>(base: readonly T[], writes: ReadonlyMap<string, StoredWrite>, kind: StoredWrite['kind']): T[] {
  const byId = new Map<Id, T>();
  for (const w of writes.values()) if (w.kind === kind) byId.set(w.record.id, w.record as unknown as T);
  if (byId.size === 0) return base as T[];
  const out = base.map((r) => {
    const w = byId.get(r.id);
    if (w) byId.delete(r.id);
    return w ?? r;
  });
  for (const w of byId.values()) out.push(w);
  return out;
}

function checkVersion(apartment: Apartment, expected: string | undefined): void {
  if (expected !== undefined && expected !== apartment.version) {
    throw new CrmError('conflict', { detail: `apartment ${apartment.number} changed (version ${apartment.version ?? '?'}, expected ${expected})`, source: 'mock/apartment' });
  }
}

function nextVersion(v: string | undefined): string {
  const n = Number.parseInt(v ?? '1', 10);
  return String(Number.isFinite(n) ? n + 1 : 2);
}

/**
 * The most seats taken at any instant of [start, end) by active bookings of `resourceId`.
 * A sweep over the overlapping bookings' edges.
 */
export function peakSeats(bookings: readonly Booking[], resourceId: Id, start: number, end: number): number {
  const edges: [number, number][] = [];
  for (const b of bookings) {
    if (b.resourceId !== resourceId || b.status !== 'active' || b.start >= end || b.end <= start) continue;
    edges.push([Math.max(b.start, start), b.seats], [Math.min(b.end, end), -b.seats]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let load = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    load += delta;
    if (load > peak) peak = load;
  }
  return peak;
}

function uid(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Waits for `promise`, or rejects as soon as `signal` aborts (the work itself goes on, shared). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A mock adapter; the data is generated on first use, in slices that never freeze the page. */
export function createMockAdapter(options: MockAdapterOptions = {}): MockAdapter {
  return new MockAdapter(options);
}

/**
 * A mock adapter whose data is ready: generates it (reporting progress) before resolving, so
 * the first widget call is instant. Rejects with an AbortError when `signal` aborts.
 */
export async function createMockAdapterAsync(
  options: MockAdapterOptions & { readonly onProgress?: (progress: MockGenerationProgress) => void; readonly signal?: AbortSignal } = {},
): Promise<MockAdapter> {
  const { onProgress, signal, ...rest } = options;
  const adapter = new MockAdapter({ ...rest, ...(onProgress ? { onGenerationProgress: onProgress } : {}) });
  await adapter.ready(signal);
  return adapter;
}
