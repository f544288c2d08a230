/// <reference types="mocha" />
/**
 * The data-adapter contract as a reusable mocha suite. Every adapter package runs it against its
 * own data (the mock's generated CRM, the Bitrix24 and 1C emulators) in its browser tests:
 *
 * ```ts
 * import { describeAdapterConformance } from '@crmkit/core/testing/adapter-conformance.js';
 * describeAdapterConformance('mock', () => createMockAdapter({ scale: 'small', persistBookings: false }));
 * ```
 *
 * It reads everything the adapter declares readable and checks each answer against core's own
 * evaluation of the query language (`matchesFilter`), so an adapter that translates filters
 * into its CRM's query language is held to exactly the same results. What the capabilities say
 * the adapter cannot do is skipped, not failed. Not exported from core's index: it imports
 * mocha's globals and `@open-wc/testing` (dev dependencies of whoever runs it).
 */
import { expect } from '@open-wc/testing';
import { CRM_ERROR_CODES, isAbortError, isCrmError, type CrmErrorCode } from '../adapter/errors.js';
import { matchesFilter } from '../adapter/match.js';
import type { AdapterCapabilities } from '../adapter/capabilities.js';
import type { DataAdapter, NewBooking } from '../adapter/data-adapter.js';
import type { Filter, FilterCondition, LoadProgress } from '../adapter/query.js';
import { ACTIVITY_KINDS } from '../model/activities.js';
import { RESOURCE_TYPES, type BookingResource } from '../model/booking.js';
import { RECORD_KINDS, recordKey, type Id, type RecordRef } from '../model/common.js';
import { INVOICE_STATUSES, STAGE_SEMANTICS } from '../model/deals.js';
import { ENTITY_NAMES, type EntityName } from '../model/entities.js';
import { FIELD_TYPES } from '../model/fields.js';
import { APARTMENT_STATUSES, type Apartment } from '../model/real-estate.js';

export interface AdapterConformanceOptions {
  /** Entities to test. Default: every entity of the model; those the capabilities do not declare readable are skipped. */
  readonly entities?: readonly EntityName[];
  /** What the dataset holds, when the caller knows: exact counts or minimums per entity. */
  readonly expected?: {
    readonly counts?: Readonly<Partial<Record<EntityName, number>>>;
    readonly minCounts?: Readonly<Partial<Record<EntityName, number>>>;
  };
  /** Run the write tests. Default: whatever `capabilities().writes` declares. */
  readonly supportsWrites?: boolean;
  /** Skip tests whose title contains one of these strings (say why where you pass them). */
  readonly skip?: readonly string[];
  /** Mocha timeout per test, ms. Default 20 000. */
  readonly timeout?: number;
  /** An hour no existing booking uses, for the write tests. Default: 400 days from now, 10:00–11:00 UTC. */
  readonly writeSlot?: { readonly start: number; readonly end: number };
  /** Called once after the suite (stop an emulator, dispose the adapter). Default: `adapter.dispose?.()`. */
  readonly teardown?: (adapter: DataAdapter) => void | Promise<void>;
}

interface Shape {
  readonly strings?: readonly string[];
  readonly numbers?: readonly string[];
  readonly timestamps?: readonly string[];
  readonly optionalTimestamps?: readonly string[];
  readonly booleans?: readonly string[];
  readonly arrays?: readonly string[];
  readonly objects?: readonly string[];
  readonly oneOf?: Readonly<Record<string, readonly string[]>>;
}

/** Required fields of each entity, from the core model. */
export const ENTITY_SHAPES: Readonly<Record<EntityName, Shape>> = {
  contact: { strings: ['id', 'kind', 'name'], timestamps: ['createdAt', 'modifiedAt'], arrays: ['comms', 'companyIds'], booleans: ['hasRequisites'], objects: ['fields'], oneOf: { kind: ['contact'] } },
  company: { strings: ['id', 'kind', 'title'], timestamps: ['createdAt', 'modifiedAt'], arrays: ['comms', 'contactIds'], booleans: ['hasRequisites'], objects: ['fields'], oneOf: { kind: ['company'] } },
  lead: { strings: ['id', 'title', 'status'], timestamps: ['createdAt', 'modifiedAt'], oneOf: { status: ['new', 'in-work', 'converted', 'junk'] } },
  deal: {
    strings: ['id', 'title', 'funnelId', 'stageId', 'stageSemantics', 'currency'],
    numbers: ['amount'],
    timestamps: ['createdAt', 'modifiedAt'],
    optionalTimestamps: ['closedAt', 'expectedCloseAt'],
    arrays: ['contactIds', 'products'],
    objects: ['fields'],
    oneOf: { stageSemantics: STAGE_SEMANTICS },
  },
  stageMove: { strings: ['id', 'dealId', 'funnelId', 'stageId', 'stageSemantics'], timestamps: ['at'], oneOf: { stageSemantics: STAGE_SEMANTICS } },
  invoice: { strings: ['id', 'number', 'title', 'currency', 'status'], numbers: ['amount'], timestamps: ['createdAt', 'modifiedAt'], optionalTimestamps: ['dueAt'], oneOf: { status: INVOICE_STATUSES } },
  payment: { strings: ['id', 'currency'], numbers: ['amount'], timestamps: ['paidAt'] },
  activity: {
    strings: ['id', 'kind', 'subject'],
    timestamps: ['createdAt'],
    optionalTimestamps: ['startAt', 'deadline', 'completedAt'],
    booleans: ['completed'],
    arrays: ['bindings'],
    oneOf: { kind: ACTIVITY_KINDS },
  },
  employee: { strings: ['id', 'name'], arrays: ['departmentIds'], booleans: ['active'] },
  department: { strings: ['id', 'name'] },
  funnel: { strings: ['id', 'name'], arrays: ['stages'] },
  product: { strings: ['id', 'name'] },
  fieldDefinition: { strings: ['id', 'code', 'owner', 'label', 'type'], booleans: ['multiple', 'builtIn'], oneOf: { type: FIELD_TYPES } },
  project: { strings: ['id', 'name'] },
  building: { strings: ['id', 'projectId', 'name'], arrays: ['sections'] },
  apartment: {
    strings: ['id', 'projectId', 'buildingId', 'sectionId', 'number', 'type', 'status', 'currency'],
    numbers: ['floor', 'floorSpan', 'column', 'columnSpan', 'rooms', 'areaTotal', 'price'],
    timestamps: ['statusAt'],
    oneOf: { status: APARTMENT_STATUSES },
  },
  pricePoint: { strings: ['id', 'apartmentId'], numbers: ['price'], timestamps: ['at'] },
  resource: { strings: ['id', 'type', 'name'], numbers: ['capacity'], objects: ['schedule'], arrays: ['exceptions'], oneOf: { type: RESOURCE_TYPES } },
  booking: { strings: ['id', 'resourceId', 'meetingId', 'title', 'status'], numbers: ['seats'], timestamps: ['start', 'end', 'createdAt'], arrays: ['clientRefs'], oneOf: { status: ['active', 'cancelled'] } },
};

const MIN_TS = Date.UTC(1970, 0, 2);
const MAX_TS = Date.UTC(2200, 0, 1);

type Row = Record<string, unknown> & { id: Id };

/** Problems of one record against its entity's shape; empty when it conforms. */
export function shapeProblems(entity: EntityName, record: unknown): string[] {
  const shape = ENTITY_SHAPES[entity];
  const out: string[] = [];
  if (typeof record !== 'object' || record === null) return [`${entity}: not an object`];
  const r = record as Record<string, unknown>;
  for (const f of shape.strings ?? []) if (typeof r[f] !== 'string') out.push(`${entity} ${String(r.id)}: ${f} must be a string, got ${typeof r[f]}`);
  for (const f of shape.numbers ?? []) if (typeof r[f] !== 'number' || !Number.isFinite(r[f])) out.push(`${entity} ${String(r.id)}: ${f} must be a finite number`);
  for (const f of shape.booleans ?? []) if (typeof r[f] !== 'boolean') out.push(`${entity} ${String(r.id)}: ${f} must be a boolean`);
  for (const f of shape.arrays ?? []) if (!Array.isArray(r[f])) out.push(`${entity} ${String(r.id)}: ${f} must be an array`);
  for (const f of shape.objects ?? []) if (typeof r[f] !== 'object' || r[f] === null || Array.isArray(r[f])) out.push(`${entity} ${String(r.id)}: ${f} must be an object`);
  const ts = (f: string, required: boolean) => {
    const v = r[f];
    if (v === undefined || v === null) {
      if (required) out.push(`${entity} ${String(r.id)}: ${f} is required`);
      return;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < MIN_TS || v > MAX_TS) out.push(`${entity} ${String(r.id)}: ${f} must be epoch milliseconds, got ${JSON.stringify(v)}`);
  };
  for (const f of shape.timestamps ?? []) ts(f, true);
  for (const f of shape.optionalTimestamps ?? []) ts(f, false);
  for (const [f, allowed] of Object.entries(shape.oneOf ?? {})) {
    if (r[f] !== undefined && !allowed.includes(r[f] as string)) out.push(`${entity} ${String(r.id)}: ${f} "${String(r[f])}" is not one of ${allowed.join(', ')}`);
  }
  if (entity === 'activity' && Array.isArray(r.bindings)) {
    for (const b of r.bindings as RecordRef[]) {
      if (!(RECORD_KINDS as readonly string[]).includes(b?.kind) || typeof b?.id !== 'string') out.push(`activity ${String(r.id)}: bad binding ${JSON.stringify(b)}`);
    }
  }
  return out;
}

/** Filters an adapter must answer exactly, derived from the data it returned. */
export function sampleFilters(entity: EntityName, records: readonly Row[]): { name: string; filter: Filter }[] {
  if (records.length === 0) return [];
  const shape = ENTITY_SHAPES[entity];
  const mid = records[Math.floor(records.length / 2)] as Row;
  const out: { name: string; filter: Filter }[] = [];
  const stringFields = (shape.strings ?? []).filter((f) => f !== 'id');
  for (const f of stringFields.slice(0, 3)) {
    out.push({ name: `${f} eq`, filter: [{ field: f, op: 'eq', value: mid[f] as string }] });
  }
  const first = stringFields[0];
  if (first) {
    const values = [...new Set(records.map((r) => r[first]).filter((v): v is string => typeof v === 'string'))].slice(0, 2);
    out.push({ name: `${first} in`, filter: [{ field: first, op: 'in', value: values }] });
    out.push({ name: `${first} ne`, filter: [{ field: first, op: 'ne', value: mid[first] as string }] });
  }
  for (const f of (shape.timestamps ?? []).slice(0, 1)) {
    const sorted = records.map((r) => r[f]).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    if (median !== undefined) {
      out.push({ name: `${f} gt`, filter: [{ field: f, op: 'gt', value: median }] });
      out.push({ name: `${f} lt`, filter: [{ field: f, op: 'lt', value: median }] });
      const lo = sorted[Math.floor(sorted.length / 4)] as number;
      out.push({ name: `${f} gte+lte`, filter: [{ field: f, op: 'gte', value: lo }, { field: f, op: 'lte', value: median }] });
    }
  }
  if (entity === 'activity') {
    const withBinding = records.find((r, i) => i >= records.length / 2 && Array.isArray(r.bindings) && (r.bindings as RecordRef[]).length > 0) ?? records.find((r) => (r.bindings as RecordRef[] | undefined)?.length);
    const b = (withBinding?.bindings as RecordRef[] | undefined)?.[0];
    if (b) out.push({ name: 'bindings has', filter: [{ field: 'bindings', op: 'has', value: recordKey(b) }] });
  }
  // Custom fields: the first scalar value found on a record from the middle on.
  const ordered = [...records.slice(Math.floor(records.length / 2)), ...records.slice(0, Math.floor(records.length / 2))];
  const seenCodes = new Set<string>();
  for (const r of ordered) {
    const fields = r.fields as Record<string, unknown> | undefined;
    if (!fields) break;
    for (const [code, v] of Object.entries(fields)) {
      if (seenCodes.has(code) || v === null || v === undefined || typeof v === 'object') continue;
      seenCodes.add(code);
      out.push({ name: `fields.${code} eq`, filter: [{ field: `fields.${code}`, op: 'eq', value: v as string | number | boolean }] });
      if (seenCodes.size >= 3) break;
    }
    if (seenCodes.size >= 3) break;
  }
  if (seenCodes.size > 0) {
    const code = [...seenCodes][0] as string;
    out.push({ name: `fields.${code} notEmpty`, filter: [{ field: `fields.${code}`, op: 'notEmpty' }] });
  }
  return out;
}

const sortedIds = (rows: readonly { id: Id }[]) => rows.map((r) => r.id).sort();

/** Runs `fn` and returns what it threw (fails when it does not throw). */
async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to reject, but it resolved');
}

function expectCrmError(e: unknown, code?: CrmErrorCode): void {
  expect(isCrmError(e), `expected a CrmError, got ${String(e)}`).to.equal(true);
  const err = e as { code: CrmErrorCode };
  expect(CRM_ERROR_CODES as readonly string[]).to.include(err.code);
  if (code) expect(err.code).to.equal(code);
}

/**
 * Declares the conformance suite for one adapter. `makeAdapter` is called once for the read
 * tests and once more for the write tests (so writes start from a fresh adapter).
 */
export function describeAdapterConformance(
  name: string,
  makeAdapter: () => Promise<DataAdapter> | DataAdapter,
  options: AdapterConformanceOptions = {},
): void {
  const entities = options.entities ?? ENTITY_NAMES;
  const skipped = (title: string) => (options.skip ?? []).some((s) => title.includes(s));
  const test = (title: string, fn: (this: Mocha.Context) => Promise<void>) => (skipped(title) ? it.skip(title, fn) : it(title, fn));

  describe(`adapter conformance: ${name}`, function () {
    this.timeout(options.timeout ?? 20_000);
    let adapter: DataAdapter;
    let caps: AdapterCapabilities;
    const cache = new Map<EntityName, Row[]>();

    before(async () => {
      adapter = await makeAdapter();
      caps = await adapter.capabilities();
    });
    after(async () => {
      if (!adapter) return;
      if (options.teardown) await options.teardown(adapter);
      else adapter.dispose?.();
    });

    const readable = (e: EntityName) => caps.entities[e]?.read === true;
    async function everything(e: EntityName): Promise<Row[]> {
      let rows = cache.get(e);
      if (!rows) {
        rows = (await adapter.list(e)).items as unknown as Row[];
        cache.set(e, rows);
      }
      return rows;
    }

    test('identity names an origin, a user and a valid time zone, and is stable', async () => {
      const id = await adapter.identity();
      expect(id.origin).to.be.a('string').and.not.equal('');
      expect(id.userId).to.be.a('string').and.not.equal('');
      expect(() => new Intl.DateTimeFormat('en', { timeZone: id.timeZone })).not.to.throw();
      expect(await adapter.identity()).to.deep.equal(id);
      expect(adapter.kind).to.be.a('string').and.not.equal('');
    });

    test('capabilities declare at least one readable entity, and write methods exist where declared', async () => {
      expect(Object.values(caps.entities).some((c) => c?.read)).to.equal(true);
      for (const key of Object.keys(caps.entities)) expect(ENTITY_NAMES as readonly string[]).to.include(key);
      if (caps.writes.apartmentBooking) {
        expect(adapter.holdApartment).to.be.a('function');
        expect(adapter.releaseApartment).to.be.a('function');
      }
      if (caps.writes.resourceBooking) {
        expect(adapter.createBookings).to.be.a('function');
        expect(adapter.cancelBooking).to.be.a('function');
      }
    });

    for (const entity of entities) {
      describe(entity, () => {
        beforeEach(function () {
          if (!readable(entity)) this.skip();
        });

        test('list returns records shaped like the model, with unique string ids', async () => {
          const rows = await everything(entity);
          const problems = rows.flatMap((r) => shapeProblems(entity, r)).slice(0, 10);
          expect(problems, problems.join('\n')).to.deep.equal([]);
          expect(new Set(rows.map((r) => r.id)).size).to.equal(rows.length);
          const exact = options.expected?.counts?.[entity];
          if (exact !== undefined) expect(rows.length).to.equal(exact);
          const min = options.expected?.minCounts?.[entity];
          if (min !== undefined) expect(rows.length).to.be.at.least(min);
        });

        test('count and listIds agree with list', async () => {
          const rows = await everything(entity);
          expect(await adapter.count(entity)).to.equal(rows.length);
          expect([...(await adapter.listIds(entity))].sort()).to.deep.equal(sortedIds(rows));
        });

        test('filters return exactly the matching records (eq, in, ne, dates, bindings, custom fields)', async function () {
          const rows = await everything(entity);
          const filters = sampleFilters(entity, rows);
          if (filters.length === 0) this.skip();
          for (const { name: what, filter } of filters) {
            const expected = sortedIds(rows.filter((r) => matchesFilter(r, filter)));
            const got = (await adapter.list(entity, { filter })).items as unknown as Row[];
            expect(sortedIds(got), `${entity} ${what} ${JSON.stringify(filter)}`).to.deep.equal(expected);
            expect(await adapter.count(entity, filter), `count ${what}`).to.equal(expected.length);
            expect([...(await adapter.listIds(entity, filter))].sort(), `listIds ${what}`).to.deep.equal(expected);
          }
        });

        test('a fields projection never drops a requested field', async function () {
          const rows = await everything(entity);
          if (rows.length === 0) this.skip();
          const shape = ENTITY_SHAPES[entity];
          const fields = [...(shape.strings ?? []), ...(shape.timestamps ?? [])].filter((f) => f !== 'id').slice(0, 3);
          const byId = new Map(rows.map((r) => [r.id, r]));
          const got = (await adapter.list(entity, { fields: fields as never })).items as unknown as Row[];
          expect(got.length).to.equal(rows.length);
          const dropped: string[] = [];
          for (const r of got) {
            const full = byId.get(r.id);
            if (!full) {
              dropped.push(`${entity} ${String(r.id)}: not in the full list`);
              continue;
            }
            for (const f of fields) if (full[f] !== undefined && JSON.stringify(r[f]) !== JSON.stringify(full[f])) dropped.push(`${entity} ${r.id}.${f}`);
          }
          expect(dropped.slice(0, 10)).to.deep.equal([]);
        });

        test('modifiedSince returns exactly the records modified since', async function () {
          const rows = await everything(entity);
          const stamps = rows.map((r) => r.modifiedAt).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
          if (!caps.entities[entity]?.incremental || stamps.length === 0 || stamps.length < rows.length) this.skip();
          const since = stamps[Math.floor(stamps.length / 2)] as number;
          const got = (await adapter.list(entity, { modifiedSince: since })).items as unknown as Row[];
          expect(sortedIds(got)).to.deep.equal(sortedIds(rows.filter((r) => (r.modifiedAt as number) >= since)));
        });

        test('limit and cursor page through every record exactly once', async function () {
          const rows = await everything(entity);
          if (rows.length === 0) this.skip();
          const limit = Math.max(1, Math.ceil(rows.length / 3));
          const seen: Id[] = [];
          let cursor: string | undefined;
          for (let page = 0; page <= rows.length + 1; page++) {
            const res = await adapter.list(entity, { limit, ...(cursor ? { cursor } : {}) });
            expect(res.items.length).to.be.at.most(limit);
            for (const r of res.items as unknown as Row[]) seen.push(r.id);
            cursor = res.nextCursor;
            if (!cursor) break;
          }
          expect(seen.length, 'no record twice').to.equal(new Set(seen).size);
          expect([...seen].sort()).to.deep.equal(sortedIds(rows));
        });

        test('get returns a record by id; a missing id rejects with not-found', async function () {
          const rows = await everything(entity);
          if (rows.length > 0) {
            const mid = rows[Math.floor(rows.length / 2)] as Row;
            expect(((await adapter.get(entity, mid.id)) as unknown as Row).id).to.equal(mid.id);
          }
          expectCrmError(await rejection(() => adapter.get(entity, 'crmkit-conformance-missing-id')), 'not-found');
        });

        test('progress reports are monotonic and end at the total', async () => {
          const reports: LoadProgress[] = [];
          const res = await adapter.list(entity, {}, { onProgress: (p) => reports.push(p) });
          for (let i = 1; i < reports.length; i++) expect((reports[i] as LoadProgress).loaded).to.be.at.least((reports[i - 1] as LoadProgress).loaded);
          for (const p of reports) {
            expect(p.entity).to.equal(entity);
            if (p.total !== undefined) expect(p.loaded).to.be.at.most(p.total);
          }
          const last = reports[reports.length - 1];
          if (last) {
            expect(last.loaded).to.equal(res.items.length);
            if (last.total !== undefined) expect(last.total).to.equal(res.items.length);
          }
        });
      });
    }

    describe('cancellation and errors', () => {
      const largest = async (): Promise<EntityName | undefined> => {
        let best: EntityName | undefined;
        let size = -1;
        for (const e of entities) {
          if (!readable(e)) continue;
          const n = await adapter.count(e);
          if (n > size) [best, size] = [e, n];
        }
        return best;
      };

      test('an already aborted signal rejects every call with an AbortError', async function () {
        const entity = entities.find(readable);
        if (!entity) this.skip();
        const ctrl = new AbortController();
        ctrl.abort();
        const signal = ctrl.signal;
        const calls: (() => Promise<unknown>)[] = [
          () => adapter.list(entity as EntityName, {}, { signal }),
          () => adapter.get(entity as EntityName, 'x', { signal }),
          () => adapter.count(entity as EntityName, undefined, { signal }),
          () => adapter.listIds(entity as EntityName, undefined, { signal }),
        ];
        for (const call of calls) {
          const e = await rejection(call);
          expect(isAbortError(e), `expected an AbortError, got ${String(e)}`).to.equal(true);
        }
      });

      test('aborting during a load rejects it with an AbortError, not partial data', async function () {
        const entity = await largest();
        if (!entity) this.skip();
        const ctrl = new AbortController();
        let aborted = false;
        const onProgress = (p: LoadProgress) => {
          if (!aborted && (p.total === undefined || p.loaded < p.total)) {
            aborted = true;
            ctrl.abort();
          }
        };
        let outcome: unknown;
        try {
          await adapter.list(entity as EntityName, {}, { signal: ctrl.signal, onProgress });
          outcome = 'resolved';
        } catch (e) {
          outcome = e;
        }
        // A load that finished in one step before any report had nothing to cancel.
        if (!aborted) this.skip();
        expect(isAbortError(outcome), `expected an AbortError, got ${String(outcome)}`).to.equal(true);
      });

      test('the adapter is still usable after a cancelled call', async function () {
        const entity = entities.find(readable);
        if (!entity) this.skip();
        const rows = await everything(entity as EntityName);
        expect(await adapter.count(entity as EntityName)).to.equal(rows.length);
      });
    });

    describe('writes', () => {
      let writer: DataAdapter;
      let writeCaps: AdapterCapabilities;
      before(async function () {
        if (options.supportsWrites === false) this.skip();
        writer = await makeAdapter();
        writeCaps = await writer.capabilities();
        if (options.supportsWrites !== true && !writeCaps.writes.apartmentBooking && !writeCaps.writes.resourceBooking) this.skip();
      });
      after(async () => {
        if (writer && writer !== adapter) {
          if (options.teardown) await options.teardown(writer);
          else writer.dispose?.();
        }
      });

      test('hold then a conflicting hold is refused with conflict; release frees the apartment', async function () {
        if (!writeCaps.writes.apartmentBooking) this.skip();
        const free = (await writer.list('apartment', { filter: [{ field: 'status', op: 'eq', value: 'free' }], limit: 1 })).items[0] as Apartment | undefined;
        if (!free) this.skip();
        const apartment = free as Apartment;
        const held = await (writer.holdApartment as NonNullable<DataAdapter['holdApartment']>)({
          apartmentId: apartment.id,
          ...(apartment.version !== undefined ? { expectedVersion: apartment.version } : {}),
          booking: { paid: false, clientName: 'Conformance test', expiresAt: Date.now() + 86_400_000 },
        });
        expect(held.status).to.equal('booked');
        expect((await writer.get('apartment', apartment.id)).status).to.equal('booked');
        // Someone who saw the apartment free tries to hold it too.
        expectCrmError(
          await rejection(() =>
            (writer.holdApartment as NonNullable<DataAdapter['holdApartment']>)({
              apartmentId: apartment.id,
              ...(apartment.version !== undefined ? { expectedVersion: apartment.version } : {}),
              booking: { paid: false, clientName: 'Second client' },
            }),
          ),
          'conflict',
        );
        const released = await (writer.releaseApartment as NonNullable<DataAdapter['releaseApartment']>)(apartment.id, held.version);
        expect(released.status).to.equal('free');
        expectCrmError(await rejection(() => (writer.releaseApartment as NonNullable<DataAdapter['releaseApartment']>)(apartment.id, released.version)), 'conflict');
      });

      test('booking over capacity is refused with conflict, and nothing of the meeting is written', async function () {
        if (!writeCaps.writes.resourceBooking) this.skip();
        const resources = (await writer.list('resource')).items as readonly BookingResource[];
        if (resources.length < 2) this.skip();
        const [small, other] = [...resources].sort((a, b) => a.capacity - b.capacity) as [BookingResource, BookingResource];
        const day = Math.floor(Date.now() / 86_400_000) + 400;
        const slot = options.writeSlot ?? { start: day * 86_400_000 + 10 * 3_600_000, end: day * 86_400_000 + 11 * 3_600_000 };
        const create = (writer.createBookings as NonNullable<DataAdapter['createBookings']>).bind(writer);
        const cancel = (writer.cancelBooking as NonNullable<DataAdapter['cancelBooking']>).bind(writer);
        const booking = (r: BookingResource, seats: number): NewBooking => ({ resourceId: r.id, start: slot.start, end: slot.end, seats, title: 'Conformance test', clientRefs: [] });
        const inSlot = async (r: BookingResource) =>
          ((await writer.list('booking', { filter: [{ field: 'resourceId', op: 'eq', value: r.id }, { field: 'start', op: 'eq', value: slot.start }, { field: 'status', op: 'eq', value: 'active' }] })).items).length;

        const created = await create([booking(small, small.capacity)]);
        expect(created.length).to.equal(1);
        try {
          expectCrmError(await rejection(() => create([booking(small, 1)])), 'conflict');
          const before = await inSlot(other);
          // The first booking fits, the second does not: neither may be written.
          expectCrmError(await rejection(() => create([booking(other, 1), booking(small, 1)])), 'conflict');
          expect(await inSlot(other), 'the fitting booking of the refused meeting was not written').to.equal(before);
          expect(await inSlot(small)).to.equal(1);
        } finally {
          for (const b of created) await cancel(b.id);
        }
        expect(await inSlot(small)).to.equal(0);
        expectCrmError(await rejection(() => cancel('crmkit-conformance-missing-id')), 'not-found');
      });
    });
  });
}

/** Re-exported for adapters' own tests. */
export { expectCrmError, rejection };
export type { FilterCondition };
