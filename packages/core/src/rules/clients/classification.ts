import { ACTIVITY_KINDS, activityTime, type Activity, type ActivityKind } from '../../model/activities.js';
import type { Id, Timestamp } from '../../model/common.js';
import type { Deal, Invoice, Payment } from '../../model/deals.js';
import { commFlagNames, type ClientIndex, type CommFlagName } from './clients.js';
import { calendarDay } from './days.js';
import { runSteps, runStepsSliced, type SliceOptions, type Steps } from './slices.js';

/**
 * The client base's classification (seed 001).
 *
 * Clients **with payments** are classed by whole calendar days since their last payment, in the
 * CRM's time zone:
 * - **active** (*Активные*): at most `activeDays` days (default **90**, a quarter);
 * - **sleeping** (*Спящие*): more than `activeDays`, at most `sleepingDays` (default **365**, a year);
 * - **lost** (*Потерянные*): more than `sleepingDays`.
 * Both thresholds are inclusive: a payment exactly 90 days ago is still active.
 *
 * Clients **without payments**, in this precedence (the first that holds):
 * 1. **requests** (*С заявками*): any deal or invoice, open, won, lost or cancelled. A lead is
 *    not a request (the seed says so explicitly), so leads are not read at all.
 * 2. **dialogs** (*С диалогами*): a call, e-mail, messenger or open-line dialog that took place
 *    (completed, or its time has come). A planned call that has not happened is not a dialog.
 * 3. **contacts** (*С контактами*): any phone, e-mail, site or messenger on the company or any of
 *    its contacts, or requisites.
 * 4. **no-contacts** (*Без контактов*): usually junk or unfinished cards.
 */
export const CLIENT_CLASSES = ['active', 'sleeping', 'lost', 'requests', 'dialogs', 'contacts', 'no-contacts'] as const;
export type ClientClass = (typeof CLIENT_CLASSES)[number];
export const PAYMENT_CLASSES = ['active', 'sleeping', 'lost'] as const satisfies readonly ClientClass[];
export const NO_PAYMENT_CLASSES = ['requests', 'dialogs', 'contacts', 'no-contacts'] as const satisfies readonly ClientClass[];

/** Activity kinds that are a dialog with the client. */
export const DIALOG_KINDS = ['call', 'email', 'messenger', 'open-line'] as const satisfies readonly ActivityKind[];

export interface ClassificationThresholds {
  /** Last payment at most this many days ago: active. */
  readonly activeDays: number;
  /** Last payment at most this many days ago (and more than `activeDays`): sleeping; beyond: lost. */
  readonly sleepingDays: number;
}

/** A quarter and a year: the common "active this quarter / lost after a year" convention. */
export const DEFAULT_THRESHOLDS: ClassificationThresholds = { activeDays: 90, sleepingDays: 365 };

export interface ClassificationOptions {
  /** "Today" for day counts. */
  readonly now: Timestamp;
  /** The CRM's time zone (IANA); days are counted between calendar dates there. Default UTC. */
  readonly timeZone?: string;
  readonly thresholds?: Partial<ClassificationThresholds>;
  /** Fewest gaps between payments needed to suggest thresholds (default 20). */
  readonly minGapsForSuggestion?: number;
}

/**
 * Thresholds suggested by the portal's own rhythm: the gaps (in calendar days) between a client's
 * consecutive payments, over every client with two or more payments on different days.
 * - `activeDays` = 75th percentile of the gaps (nearest rank): three in four repeat payments came
 *   at most this long after the previous one, so a client quiet for longer is late.
 * - `sleepingDays` = the larger of the 95th percentile and `activeDays + 1`: hardly any returning
 *   client waited longer, so beyond it the client is probably gone.
 */
export interface ThresholdSuggestion extends ClassificationThresholds {
  readonly gapCount: number;
  readonly medianGapDays: number;
}

/** Minimal shapes the classification reads, so a worker receives only what it needs. */
export type ClassifiedDeal = Pick<Deal, 'id' | 'companyId' | 'contactIds' | 'createdAt' | 'lastActivityAt'>;
export type ClassifiedInvoice = Pick<Invoice, 'id' | 'companyId' | 'contactId' | 'dealId' | 'createdAt'>;
export type ClassifiedPayment = Pick<Payment, 'id' | 'companyId' | 'contactId' | 'dealId' | 'invoiceId' | 'paidAt'>;
export type ClassifiedActivity = Pick<Activity, 'id' | 'kind' | 'bindings' | 'createdAt' | 'startAt' | 'completedAt' | 'deadline' | 'completed'>;

export interface ClassificationRecords {
  readonly deals: readonly ClassifiedDeal[];
  readonly invoices: readonly ClassifiedInvoice[];
  readonly payments: readonly ClassifiedPayment[];
  readonly activities: readonly ClassifiedActivity[];
}

/**
 * The records reduced to typed-array columns, one entry per (record, client) pair. Transferable
 * to a worker without copying, so 1,000,000 activities cross threads without blocking the page.
 */
export interface PackedClassificationInput {
  readonly clientCount: number;
  readonly commFlags: Uint8Array;
  /**
   * Per client, the latest `lastActivityAt` the CRM keeps on its cards and its deals (NaN when
   * none): an interaction even when the activity itself was not read.
   */
  readonly touchedAt: Float64Array;
  readonly payClient: Int32Array;
  readonly payAt: Float64Array;
  /** Deals (kind 0) and invoices (kind 1). */
  readonly reqClient: Int32Array;
  readonly reqKind: Uint8Array;
  readonly reqAt: Float64Array;
  readonly actClient: Int32Array;
  /** Index into `ACTIVITY_KINDS`. */
  readonly actKind: Uint8Array;
  /** When it happened ({@link activityTime}). */
  readonly actAt: Float64Array;
  /** Deadline (or planned start) of an open activity; NaN when none. */
  readonly actDue: Float64Array;
  readonly actOpen: Uint8Array;
}

/** Per-client figures; index = {@link Client.index}. NaN / -1 mean "none". */
export interface PackedClassificationResult {
  readonly classCode: Uint8Array;
  readonly lastPaymentAt: Float64Array;
  readonly daysSincePayment: Int32Array;
  readonly paymentCount: Int32Array;
  readonly dealCount: Int32Array;
  readonly invoiceCount: Int32Array;
  readonly dialogCount: Int32Array;
  readonly lastDialogAt: Float64Array;
  /** Last payment, deal, invoice or activity that took place. */
  readonly lastInteractionAt: Float64Array;
  /** Open activities not yet due (or without a deadline). */
  readonly plannedCount: Int32Array;
  /** Open activities past their deadline. */
  readonly overdueCount: Int32Array;
  readonly commFlags: Uint8Array;
  readonly thresholds: ClassificationThresholds;
  readonly suggestion?: ThresholdSuggestion;
}

/** Why a client is in its class: the evidence found, for the list's "why" column. */
export type ClassEvidence =
  | {
      readonly class: 'active' | 'sleeping' | 'lost';
      readonly lastPaymentAt: Timestamp;
      readonly daysSincePayment: number;
      readonly paymentCount: number;
      readonly thresholds: ClassificationThresholds;
    }
  | { readonly class: 'requests'; readonly dealCount: number; readonly invoiceCount: number }
  | { readonly class: 'dialogs'; readonly dialogCount: number; readonly lastDialogAt: Timestamp }
  | { readonly class: 'contacts'; readonly comms: readonly CommFlagName[] }
  | { readonly class: 'no-contacts' };

const KIND_CODE = new Map<string, number>(ACTIVITY_KINDS.map((k, i) => [k, i]));
const DIALOG_CODES = new Set<number>(DIALOG_KINDS.map((k) => KIND_CODE.get(k) as number));

type NumberArray = Float64Array | Int32Array | Uint8Array;

/** A growable typed-array column (stored in its final type: no conversion when finishing). */
class Column<A extends NumberArray> {
  private data: A;
  length = 0;
  constructor(private readonly make: (n: number) => A, capacity = 1024) {
    this.data = make(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + (this.length >> 1) + 1024);
    this.data[this.length++] = v;
  }
  /** Makes room for `n` more values at once, so a known record count allocates one buffer. */
  reserve(n: number): void {
    if (this.length + n > this.data.length) this.grow(this.length + n);
  }
  private grow(capacity: number): void {
    const next = this.make(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  /**
   * The values, in the column's own buffer (no copy: copying 8 MB columns churns the heap the
   * page must collect). A view shorter than its buffer transfers fine; the spare tail goes along.
   */
  finish(): A {
    return (this.length === this.data.length ? this.data : this.data.subarray(0, this.length)) as A;
  }
}

const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);
const u8 = (n: number) => new Uint8Array(n);

/**
 * A map from ids split over 32 maps. One `Map` of 250,000 deals rehashes all its entries at once
 * each time it doubles (tens of milliseconds in one piece); 32 maps of ~8,000 rehash in well
 * under a millisecond each, so packing in slices stays smooth.
 */
class ShardedMap<V> {
  private readonly shards = Array.from({ length: 32 }, () => new Map<Id, V>());
  private shard(id: Id): Map<Id, V> {
    const n = id.length;
    let h = 2166136261;
    for (let i = Math.max(0, n - 4); i < n; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
    return this.shards[(h >>> 27) & 31];
  }
  get(id: Id): V | undefined {
    return this.shard(id).get(id);
  }
  set(id: Id, value: V): void {
    this.shard(id).set(id, value);
  }
}

/** The three kinds of packed rows: payments, requests (deals and invoices), activities. */
export type PackedKind = 'pay' | 'req' | 'act';

/**
 * One chunk of packed rows of a kind, in the column order of {@link PackedClassificationInput}:
 * `pay` = payClient, payAt; `req` = reqClient, reqKind, reqAt; `act` = actClient, actKind, actAt,
 * actDue, actOpen.
 */
export interface PackedChunk {
  readonly kind: PackedKind;
  readonly cols: readonly (Float64Array | Int32Array | Uint8Array)[];
}

/** Where a streaming packer sends each full chunk (e.g. posts it to the worker, transferring its buffers). */
export type PackedChunkSink = (chunk: PackedChunk) => void;

/** Rows per streamed chunk: about 1.4 MB of activity columns, so the page never holds many. */
export const PACKED_CHUNK_ROWS = 65_536;

/** Incremental packer: feed records in chunks (so the page can breathe between them), then finish. */
export class ClassificationPacker {
  private readonly index: ClientIndex;
  private readonly sink?: PackedChunkSink;
  private readonly chunkRows: number;
  private readonly dealClients = new ShardedMap<readonly number[]>();
  private readonly invoiceClients = new ShardedMap<readonly number[]>();
  /** Deals' `lastActivityAt` per client (NaN when none); the cards' own join at the end. */
  private readonly dealTouchedAt: Float64Array;
  private payClient: Column<Int32Array>;
  private payAt: Column<Float64Array>;
  private reqClient: Column<Int32Array>;
  private reqKind: Column<Uint8Array>;
  private reqAt: Column<Float64Array>;
  private actClient: Column<Int32Array>;
  private actKind: Column<Uint8Array>;
  private actAt: Column<Float64Array>;
  private actDue: Column<Float64Array>;
  private actOpen: Column<Uint8Array>;

  /** Room for `n` more records of a kind (about one client each), so the columns grow once. */
  reserve(kind: 'requests' | 'payments' | 'activities', n: number): void {
    runSteps(this.reserveSteps(kind, n));
  }

  /** {@link reserve} as steps: one column (up to 10 MB zero-filled) per step. */
  *reserveSteps(kind: 'requests' | 'payments' | 'activities', n: number): Steps<void> {
    if (this.sink) return; // streaming: fixed-size chunks
    const cols = kind === 'requests' ? [this.reqClient, this.reqKind, this.reqAt] : kind === 'payments' ? [this.payClient, this.payAt] : [this.actClient, this.actKind, this.actAt, this.actDue, this.actOpen];
    for (const c of cols) {
      c.reserve(n);
      yield;
    }
  }

  /**
   * With a `sink`, the packer streams: each kind's columns are sent as a {@link PackedChunk}
   * every `chunkRows` rows (and the rest by {@link finish}), so the page holds one chunk per
   * kind instead of tens of megabytes of columns; `finish` then returns empty columns.
   */
  constructor(index: ClientIndex, sink?: PackedChunkSink, chunkRows = PACKED_CHUNK_ROWS) {
    this.index = index;
    this.sink = sink;
    this.chunkRows = chunkRows;
    this.dealTouchedAt = new Float64Array(index.clients.length).fill(Number.NaN);
    const cap = sink ? chunkRows : 1024;
    this.payClient = new Column(i32, cap);
    this.payAt = new Column(f64, cap);
    this.reqClient = new Column(i32, cap);
    this.reqKind = new Column(u8, cap);
    this.reqAt = new Column(f64, cap);
    this.actClient = new Column(i32, cap);
    this.actKind = new Column(u8, cap);
    this.actAt = new Column(f64, cap);
    this.actDue = new Column(f64, cap);
    this.actOpen = new Column(u8, cap);
  }

  /** Sends a kind's rows so far as one chunk and starts new columns (streaming only). */
  private flush(kind: PackedKind): void {
    const sink = this.sink;
    if (!sink) return;
    const cap = this.chunkRows;
    if (kind === 'pay') {
      if (this.payClient.length === 0) return;
      const cols = [this.payClient.finish(), this.payAt.finish()];
      this.payClient = new Column(i32, cap);
      this.payAt = new Column(f64, cap);
      sink({ kind, cols });
    } else if (kind === 'req') {
      if (this.reqClient.length === 0) return;
      const cols = [this.reqClient.finish(), this.reqKind.finish(), this.reqAt.finish()];
      this.reqClient = new Column(i32, cap);
      this.reqKind = new Column(u8, cap);
      this.reqAt = new Column(f64, cap);
      sink({ kind, cols });
    } else {
      if (this.actClient.length === 0) return;
      const cols = [this.actClient.finish(), this.actKind.finish(), this.actAt.finish(), this.actDue.finish(), this.actOpen.finish()];
      this.actClient = new Column(i32, cap);
      this.actKind = new Column(u8, cap);
      this.actAt = new Column(f64, cap);
      this.actDue = new Column(f64, cap);
      this.actOpen = new Column(u8, cap);
      sink({ kind, cols });
    }
  }

  /** Deals first: invoices, payments and activities bound only to a deal follow its clients. */
  addDeals(deals: readonly ClassifiedDeal[], from = 0, to = deals.length): void {
    for (let i = from; i < to; i++) {
      const d = deals[i];
      const clients = this.index.ofParties(d.companyId, d.contactIds);
      this.dealClients.set(d.id, clients);
      const touched = d.lastActivityAt;
      for (const c of clients) {
        if (touched !== undefined && !(this.dealTouchedAt[c] >= touched)) this.dealTouchedAt[c] = touched;
        if (this.sink && this.reqClient.length === this.chunkRows) this.flush('req');
        this.reqClient.push(c);
        this.reqKind.push(0);
        this.reqAt.push(d.createdAt);
      }
    }
  }

  addInvoices(invoices: readonly ClassifiedInvoice[], from = 0, to = invoices.length): void {
    for (let i = from; i < to; i++) {
      const inv = invoices[i];
      let clients = this.index.ofParties(inv.companyId, [inv.contactId]);
      if (!clients.length && inv.dealId !== undefined) clients = this.dealClients.get(inv.dealId) ?? clients;
      this.invoiceClients.set(inv.id, clients);
      for (const c of clients) {
        if (this.sink && this.reqClient.length === this.chunkRows) this.flush('req');
        this.reqClient.push(c);
        this.reqKind.push(1);
        this.reqAt.push(inv.createdAt);
      }
    }
  }

  addPayments(payments: readonly ClassifiedPayment[], from = 0, to = payments.length): void {
    for (let i = from; i < to; i++) {
      const p = payments[i];
      let clients = this.index.ofParties(p.companyId, [p.contactId]);
      if (!clients.length && p.invoiceId !== undefined) clients = this.invoiceClients.get(p.invoiceId) ?? clients;
      if (!clients.length && p.dealId !== undefined) clients = this.dealClients.get(p.dealId) ?? clients;
      for (const c of clients) {
        if (this.sink && this.payClient.length === this.chunkRows) this.flush('pay');
        this.payClient.push(c);
        this.payAt.push(p.paidAt);
      }
    }
  }

  addActivities(activities: readonly ClassifiedActivity[], from = 0, to = activities.length): void {
    const scratch: number[] = [];
    for (let i = from; i < to; i++) {
      const a = activities[i];
      scratch.length = 0;
      // Companies bound win; then contacts; then deals (a call logged only on a deal).
      for (const b of a.bindings) if (b.kind === 'company') for (const c of this.index.ofCompany(b.id)) if (!scratch.includes(c)) scratch.push(c);
      if (!scratch.length) for (const b of a.bindings) if (b.kind === 'contact') for (const c of this.index.ofContact(b.id)) if (!scratch.includes(c)) scratch.push(c);
      if (!scratch.length) for (const b of a.bindings) if (b.kind === 'deal') for (const c of this.dealClients.get(b.id) ?? []) if (!scratch.includes(c)) scratch.push(c);
      if (!scratch.length) continue;
      const kind = KIND_CODE.get(a.kind) ?? 0;
      const at = activityTime(a as Activity);
      const due = a.completed ? Number.NaN : (a.deadline ?? a.startAt ?? Number.NaN);
      for (const c of scratch) {
        if (this.sink && this.actClient.length === this.chunkRows) this.flush('act');
        this.actClient.push(c);
        this.actKind.push(kind);
        this.actAt.push(at);
        this.actDue.push(due);
        this.actOpen.push(a.completed ? 0 : 1);
      }
    }
  }

  finish(): PackedClassificationInput {
    return runSteps(this.finishSteps());
  }

  /** {@link finish} as steps. */
  *finishSteps(): Steps<PackedClassificationInput> {
    const clients = this.index.clients;
    const commFlags = new Uint8Array(clients.length);
    const touchedAt = this.dealTouchedAt;
    for (let i = 0; i < clients.length; i++) {
      const c = clients[i];
      commFlags[c.index] = c.commFlags;
      if (c.lastActivityAt !== undefined && !(touchedAt[c.index] >= c.lastActivityAt)) touchedAt[c.index] = c.lastActivityAt;
      if (i % 4096 === 4095) yield;
    }
    if (this.sink) {
      // The last, partly filled chunks; the columns returned below are then empty.
      for (const kind of ['pay', 'req', 'act'] as const) {
        this.flush(kind);
        yield;
      }
    }
    const columns = [this.payClient, this.payAt, this.reqClient, this.reqKind, this.reqAt, this.actClient, this.actKind, this.actAt, this.actDue, this.actOpen] as const;
    const out: NumberArray[] = [];
    for (const c of columns) {
      yield;
      out.push(c.finish());
    }
    const [payClient, payAt, reqClient, reqKind, reqAt, actClient, actKind, actAt, actDue, actOpen] = out;
    return {
      clientCount: clients.length,
      commFlags,
      touchedAt,
      payClient: payClient as Int32Array,
      payAt: payAt as Float64Array,
      reqClient: reqClient as Int32Array,
      reqKind: reqKind as Uint8Array,
      reqAt: reqAt as Float64Array,
      actClient: actClient as Int32Array,
      actKind: actKind as Uint8Array,
      actAt: actAt as Float64Array,
      actDue: actDue as Float64Array,
      actOpen: actOpen as Uint8Array,
    };
  }
}

/** Packs everything at once (tests, small portals). */
export function packClassificationInput(index: ClientIndex, records: ClassificationRecords): PackedClassificationInput {
  const p = new ClassificationPacker(index);
  p.addDeals(records.deals);
  p.addInvoices(records.invoices);
  p.addPayments(records.payments);
  p.addActivities(records.activities);
  return p.finish();
}

/** Records packed between two checks of the clock. */
const PACK_BATCH = 256;

/** {@link packClassificationInput} as steps: yields every {@link PACK_BATCH} records. */
export function* packClassificationInputSteps(index: ClientIndex, records: ClassificationRecords): Steps<PackedClassificationInput> {
  const p = new ClassificationPacker(index);
  function* run<T>(list: readonly T[], add: (l: readonly T[], from: number, to: number) => void): Steps<void> {
    for (let i = 0; i < list.length; i += PACK_BATCH) {
      add(list, i, Math.min(list.length, i + PACK_BATCH));
      yield;
    }
  }
  yield* p.reserveSteps('requests', records.deals.length + records.invoices.length);
  yield* p.reserveSteps('payments', records.payments.length);
  // A quarter more for activities: one bound to a contact in two companies counts for both.
  yield* p.reserveSteps('activities', Math.ceil(records.activities.length * 1.25));
  yield* run(records.deals, (l, f, t) => p.addDeals(l, f, t));
  yield* run(records.invoices, (l, f, t) => p.addInvoices(l, f, t));
  yield* run(records.payments, (l, f, t) => p.addPayments(l, f, t));
  yield* run(records.activities, (l, f, t) => p.addActivities(l, f, t));
  return yield* p.finishSteps();
}

/**
 * {@link packClassificationInputSteps} streaming: the packed rows go to `sink` chunk by chunk
 * as they fill ({@link PackedChunk}); the returned input holds the client count and
 * `commFlags` with empty row columns. {@link assemblePackedInput} rebuilds the whole input from
 * the chunks in order (what the `clients.classify-stream` worker task does).
 */
export function* packClassificationChunksSteps(index: ClientIndex, records: ClassificationRecords, sink: PackedChunkSink, chunkRows = PACKED_CHUNK_ROWS): Steps<PackedClassificationInput> {
  const p = new ClassificationPacker(index, sink, chunkRows);
  function* run<T>(list: readonly T[], add: (l: readonly T[], from: number, to: number) => void): Steps<void> {
    for (let i = 0; i < list.length; i += PACK_BATCH) {
      add(list, i, Math.min(list.length, i + PACK_BATCH));
      yield;
    }
  }
  yield* run(records.deals, (l, f, t) => p.addDeals(l, f, t));
  yield* run(records.invoices, (l, f, t) => p.addInvoices(l, f, t));
  yield* run(records.payments, (l, f, t) => p.addPayments(l, f, t));
  yield* run(records.activities, (l, f, t) => p.addActivities(l, f, t));
  return yield* p.finishSteps();
}

/**
 * The packed input from streamed chunks (in the order they were sent) and the packer's final
 * (empty-columned) input: each column is the chunks' columns one after another.
 */
export function assemblePackedInput(head: Pick<PackedClassificationInput, 'clientCount' | 'commFlags' | 'touchedAt'>, chunks: readonly PackedChunk[]): PackedClassificationInput {
  const join = <A extends Float64Array | Int32Array | Uint8Array>(kind: PackedKind, col: number, make: (n: number) => A): A => {
    let n = 0;
    for (const c of chunks) if (c.kind === kind) n += c.cols[col].length;
    const out = make(n);
    let at = 0;
    for (const c of chunks) {
      if (c.kind !== kind) continue;
      out.set(c.cols[col] as A, at);
      at += c.cols[col].length;
    }
    return out;
  };
  return {
    clientCount: head.clientCount,
    commFlags: head.commFlags,
    touchedAt: head.touchedAt,
    payClient: join('pay', 0, i32),
    payAt: join('pay', 1, f64),
    reqClient: join('req', 0, i32),
    reqKind: join('req', 1, u8),
    reqAt: join('req', 2, f64),
    actClient: join('act', 0, i32),
    actKind: join('act', 1, u8),
    actAt: join('act', 2, f64),
    actDue: join('act', 3, f64),
    actOpen: join('act', 4, u8),
  };
}

/**
 * Packs in slices of about `budgetMs` (default 8 ms) of work, giving the page a turn between
 * them, then the packed columns (one buffer each, transferable) go to a worker. Aborts between
 * slices. `chunk` is accepted for compatibility and ignored: slices are timed, not counted.
 */
export async function packClassificationInputAsync(
  index: ClientIndex,
  records: ClassificationRecords,
  options: SliceOptions & { chunk?: number } = {},
): Promise<PackedClassificationInput> {
  return runStepsSliced(packClassificationInputSteps(index, records), options);
}

/** Nearest-rank percentile of an ascending list (`p` in 0..1). */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

/** See {@link ThresholdSuggestion}. Undefined when there are fewer than `minGaps` gaps. */
export function suggestThresholds(gapsDays: readonly number[] | Float64Array, minGaps = 20): ThresholdSuggestion | undefined {
  if (gapsDays.length === 0 || gapsDays.length < minGaps) return undefined;
  const sorted = Float64Array.from(gapsDays).sort();
  const activeDays = nearestRank(sorted, 0.75);
  return {
    activeDays,
    sleepingDays: Math.max(nearestRank(sorted, 0.95), activeDays + 1),
    gapCount: sorted.length,
    medianGapDays: nearestRank(sorted, 0.5),
  };
}

/** Classifies packed clients. Pure and synchronous: this is what the worker task runs. */
export function classifyPacked(input: PackedClassificationInput, options: ClassificationOptions): PackedClassificationResult {
  const n = input.clientCount;
  const tz = options.timeZone ?? 'UTC';
  const now = options.now;
  const thresholds: ClassificationThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const lastPaymentAt = new Float64Array(n).fill(Number.NaN);
  const daysSincePayment = new Int32Array(n).fill(-1);
  const paymentCount = new Int32Array(n);
  const dealCount = new Int32Array(n);
  const invoiceCount = new Int32Array(n);
  const dialogCount = new Int32Array(n);
  const lastDialogAt = new Float64Array(n).fill(Number.NaN);
  const lastInteractionAt = new Float64Array(n).fill(Number.NaN);
  const plannedCount = new Int32Array(n);
  const overdueCount = new Int32Array(n);
  const touch = (c: number, at: number) => {
    if (at <= now && !(lastInteractionAt[c] >= at)) lastInteractionAt[c] = at;
  };
  // What the CRM keeps on the cards and deals: an interaction whose activity was not read.
  for (let c = 0; c < n; c++) if (!Number.isNaN(input.touchedAt[c])) touch(c, input.touchedAt[c]);

  // Payments, grouped per client (counting sort) for the gaps between consecutive payment days.
  const payStart = new Int32Array(n + 1);
  for (let i = 0; i < input.payClient.length; i++) payStart[input.payClient[i] + 1]++;
  for (let c = 0; c < n; c++) payStart[c + 1] += payStart[c];
  const fill = payStart.slice(0, n);
  const payDays = new Float64Array(input.payClient.length);
  for (let i = 0; i < input.payClient.length; i++) {
    const c = input.payClient[i];
    const at = input.payAt[i];
    payDays[fill[c]++] = calendarDay(at, tz);
    paymentCount[c]++;
    if (!(lastPaymentAt[c] >= at)) lastPaymentAt[c] = at;
    touch(c, at);
  }
  const gaps: number[] = [];
  const today = calendarDay(now, tz);
  for (let c = 0; c < n; c++) {
    const from = payStart[c];
    const to = payStart[c + 1];
    if (to === from) continue;
    const days = payDays.subarray(from, to).sort();
    for (let i = from + 1; i < to; i++) {
      const gap = payDays[i] - payDays[i - 1];
      if (gap > 0) gaps.push(gap);
    }
    daysSincePayment[c] = Math.max(0, today - days[days.length - 1]);
  }

  for (let i = 0; i < input.reqClient.length; i++) {
    const c = input.reqClient[i];
    if (input.reqKind[i] === 0) dealCount[c]++;
    else invoiceCount[c]++;
    touch(c, input.reqAt[i]);
  }

  for (let i = 0; i < input.actClient.length; i++) {
    const c = input.actClient[i];
    const at = input.actAt[i];
    const open = input.actOpen[i] === 1;
    if (open) {
      const due = input.actDue[i];
      if (due < now) overdueCount[c]++;
      else plannedCount[c]++;
    }
    const happened = !open || at <= now;
    if (!happened) continue;
    if (!open) touch(c, at);
    if (DIALOG_CODES.has(input.actKind[i])) {
      dialogCount[c]++;
      if (at <= now && !(lastDialogAt[c] >= at)) lastDialogAt[c] = at;
      touch(c, at);
    }
  }

  const code = (k: ClientClass) => CLIENT_CLASSES.indexOf(k);
  const classCode = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    let k: ClientClass;
    if (paymentCount[c] > 0) {
      const d = daysSincePayment[c];
      k = d <= thresholds.activeDays ? 'active' : d <= thresholds.sleepingDays ? 'sleeping' : 'lost';
    } else if (dealCount[c] + invoiceCount[c] > 0) k = 'requests';
    else if (dialogCount[c] > 0) k = 'dialogs';
    else if (input.commFlags[c] !== 0) k = 'contacts';
    else k = 'no-contacts';
    classCode[c] = code(k);
  }
  const suggestion = suggestThresholds(gaps, options.minGapsForSuggestion ?? 20);
  return {
    classCode,
    lastPaymentAt,
    daysSincePayment,
    paymentCount,
    dealCount,
    invoiceCount,
    dialogCount,
    lastDialogAt,
    lastInteractionAt,
    plannedCount,
    overdueCount,
    commFlags: input.commFlags.slice(),
    thresholds,
    ...(suggestion ? { suggestion } : {}),
  };
}

/**
 * A stored classification brought to another "now" or other thresholds without the records
 * (a reload on a later day, a threshold changed): days since the last payment are counted again
 * (the last payment is on the last payment day, so this is the day count {@link classifyPacked}
 * makes) and clients with payments are classed again by the thresholds. Clients without
 * payments keep their class (it does not depend on time). Planned / overdue counts and
 * interaction dates stay as computed: a full classification corrects them.
 *
 * `computedFor` is the "now" the result was computed for: with it, a client's last payment day
 * is that day minus its stored day count, so 50,000 clients cost no time-zone lookups (only a
 * payment on or after that day is looked up). Returns a new result when anything changed, else
 * the same one.
 */
export function reclassifyPayments(result: PackedClassificationResult, options: ClassificationOptions, computedFor?: Timestamp): PackedClassificationResult {
  const tz = options.timeZone ?? 'UTC';
  const thresholds: ClassificationThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const today = calendarDay(options.now, tz);
  const thenDay = computedFor === undefined ? undefined : calendarDay(computedFor, tz);
  const sameThresholds = thresholds.activeDays === result.thresholds.activeDays && thresholds.sleepingDays === result.thresholds.sleepingDays;
  if (thenDay === today && sameThresholds) return result;
  const n = result.classCode.length;
  const classCode = result.classCode.slice();
  const daysSincePayment = result.daysSincePayment.slice();
  let changed = !sameThresholds;
  const active = CLIENT_CLASSES.indexOf('active');
  const sleeping = CLIENT_CLASSES.indexOf('sleeping');
  const lost = CLIENT_CLASSES.indexOf('lost');
  for (let c = 0; c < n; c++) {
    if (result.paymentCount[c] === 0) continue;
    const stored = result.daysSincePayment[c];
    const lastDay = thenDay !== undefined && stored > 0 ? thenDay - stored : calendarDay(result.lastPaymentAt[c], tz);
    const d = Math.max(0, today - lastDay);
    const k = d <= thresholds.activeDays ? active : d <= thresholds.sleepingDays ? sleeping : lost;
    if (d !== daysSincePayment[c] || k !== classCode[c]) changed = true;
    daysSincePayment[c] = d;
    classCode[c] = k;
  }
  return changed ? { ...result, classCode, daysSincePayment, thresholds } : result;
}

/** The class of client `i`. */
export function classOf(result: PackedClassificationResult, i: number): ClientClass {
  return CLIENT_CLASSES[result.classCode[i]];
}

/** The evidence behind client `i`'s class. */
export function evidenceOf(result: PackedClassificationResult, i: number): ClassEvidence {
  const k = classOf(result, i);
  switch (k) {
    case 'active':
    case 'sleeping':
    case 'lost':
      return {
        class: k,
        lastPaymentAt: result.lastPaymentAt[i],
        daysSincePayment: result.daysSincePayment[i],
        paymentCount: result.paymentCount[i],
        thresholds: result.thresholds,
      };
    case 'requests':
      return { class: k, dealCount: result.dealCount[i], invoiceCount: result.invoiceCount[i] };
    case 'dialogs':
      return { class: k, dialogCount: result.dialogCount[i], lastDialogAt: result.lastDialogAt[i] };
    case 'contacts':
      return { class: k, comms: commFlagNames(result.commFlags[i]) };
    case 'no-contacts':
      return { class: k };
  }
}

/** Count of clients per class. */
export function classCounts(result: PackedClassificationResult): Record<ClientClass, number> {
  const out = Object.fromEntries(CLIENT_CLASSES.map((k) => [k, 0])) as Record<ClientClass, number>;
  for (const code of result.classCode) out[CLIENT_CLASSES[code]]++;
  return out;
}

/** One-call classification over records (pack + classify), for tests and small portals. */
export function classifyClients(index: ClientIndex, records: ClassificationRecords, options: ClassificationOptions): PackedClassificationResult {
  return classifyPacked(packClassificationInput(index, records), options);
}

/** The transferable buffers of a packed input or result, for `postMessage(…, transfer)`. */
export function transferablesOf(value: object): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(value)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) out.push(v.buffer);
  return out;
}
