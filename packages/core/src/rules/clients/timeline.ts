import { ACTIVITY_KINDS, activityTime, type Activity, type Direction } from '../../model/activities.js';
import type { Id, RecordKind, Timestamp } from '../../model/common.js';
import type { StageMove, StageSemantics } from '../../model/deals.js';
import { relatedRecords, type ClientData, type ClientSubject, type Related, type TimelineScope, type TimelineSource } from './related.js';

/**
 * A client's full history as one list (seed 001, «встройка в карточке»): deals' creation, every
 * stage move, won and lost; invoices and payments; every kind of activity. Sorted by **when it
 * happened**, not when it was recorded (a call logged the next morning sorts at the call's
 * time); both instants are kept so the UI can show them on hover.
 */
export const TIMELINE_CATEGORIES = ['deal', 'invoice', 'payment', ...ACTIVITY_KINDS] as const;
export type TimelineCategory = (typeof TIMELINE_CATEGORIES)[number];

export const TIMELINE_EVENT_TYPES = ['deal-created', 'stage-move', 'deal-won', 'deal-lost', 'invoice', 'payment', ...ACTIVITY_KINDS] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

/** `done`: took place; `planned`: open and not yet due; `overdue`: open past its deadline. */
export const TIMELINE_STATUSES = ['done', 'planned', 'overdue'] as const;
export type TimelineStatus = (typeof TIMELINE_STATUSES)[number];

export interface TimelineEvent {
  /** Unique within a timeline: `activity:5`, `deal:3:created`, `stageMove:9`, `invoice:2`, `payment:7`. */
  readonly key: string;
  readonly type: TimelineEventType;
  readonly category: TimelineCategory;
  /** When it happened (or is planned for): the sort key. */
  readonly at: Timestamp;
  /** When it was recorded in the CRM. */
  readonly recordedAt: Timestamp;
  readonly title: string;
  readonly description?: string;
  /** The record that opens when the event is activated. */
  readonly record: { readonly kind: RecordKind; readonly id: Id; readonly url?: string };
  /** Where it came from when not the subject's own ("via contact Иванов", "via deal #123"). */
  readonly via?: TimelineSource;
  readonly status: TimelineStatus;
  /** Who must do it / owns the record. */
  readonly responsibleId?: Id;
  /** Who recorded or set it (may differ from the responsible). */
  readonly authorId?: Id;
  readonly completedById?: Id;
  readonly deadline?: Timestamp;
  readonly direction?: Direction;
  readonly durationSec?: number;
  readonly channel?: string;
  readonly amount?: number;
  readonly currency?: string;
  /** Deal events: the deal and its stage. */
  readonly dealId?: Id;
  readonly stageId?: Id;
  readonly stageName?: string;
  readonly stageSemantics?: StageSemantics;
}

export interface ClientTimeline {
  /** Open activities (planned and overdue), most urgent first: the block above the history. */
  readonly upcoming: readonly TimelineEvent[];
  /** Everything that took place, newest first. */
  readonly history: readonly TimelineEvent[];
  readonly name?: string;
  readonly parties: readonly TimelineSource[];
}

export interface TimelineOptions {
  readonly scope?: TimelineScope;
  /** "Now", for planned vs overdue. */
  readonly now: Timestamp;
}

/** Events of one activity. Exported for incremental use (one new activity from a push). */
export function activityEvent(r: Related<Activity>, now: Timestamp): TimelineEvent {
  // Built field by field (no conditional spreads): 10,000 activities make 10,000 events on a
  // card's first render, and each spread would allocate a throw-away object.
  const a = r.record;
  let status: TimelineStatus = 'done';
  let due: Timestamp | undefined;
  if (!a.completed) {
    due = a.deadline ?? a.startAt;
    status = due === undefined || due >= now ? 'planned' : 'overdue';
  }
  const record: { kind: 'activity'; id: Id; url?: string } = { kind: 'activity', id: a.id };
  if (a.url) record.url = a.url;
  const e: Mutable<TimelineEvent> = {
    key: `activity:${a.id}`,
    type: a.kind,
    category: a.kind,
    at: status === 'done' || due === undefined ? activityTime(a) : due,
    recordedAt: a.createdAt,
    title: a.subject,
    record,
    status,
  };
  if (a.description) e.description = a.description;
  if (r.via) e.via = r.via;
  if (a.responsibleId !== undefined) e.responsibleId = a.responsibleId;
  if (a.authorId !== undefined) e.authorId = a.authorId;
  if (a.completedById !== undefined) e.completedById = a.completedById;
  if (a.deadline !== undefined) e.deadline = a.deadline;
  if (a.direction) e.direction = a.direction;
  if (a.durationSec !== undefined) e.durationSec = a.durationSec;
  if (a.channel) e.channel = a.channel;
  for (const b of a.bindings) {
    if (b.kind === 'deal') {
      e.dealId = b.id;
      break;
    }
  }
  return e;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Builds a subject's timeline in a scope. */
export function buildClientTimeline(subject: ClientSubject, data: ClientData, options: TimelineOptions): ClientTimeline {
  const now = options.now;
  const rel = relatedRecords(subject, data, options.scope ?? 'deals');
  const stageName = new Map<Id, string>();
  for (const f of data.funnels ?? []) for (const s of f.stages) stageName.set(s.id, s.name);
  const movesByDeal = new Map<Id, StageMove[]>();
  for (const m of data.stageMoves ?? []) {
    let list = movesByDeal.get(m.dealId);
    if (!list) movesByDeal.set(m.dealId, (list = []));
    list.push(m);
  }
  const history: TimelineEvent[] = [];
  const upcoming: TimelineEvent[] = [];

  for (const { record: d, via } of rel.deals) {
    const base = {
      record: { kind: 'deal' as const, id: d.id, ...(d.url ? { url: d.url } : {}) },
      ...(via ? { via } : {}),
      status: 'done' as const,
      ...(d.responsibleId !== undefined ? { responsibleId: d.responsibleId } : {}),
      amount: d.amount,
      currency: d.currency,
      dealId: d.id,
      title: d.title,
    };
    const moves = (movesByDeal.get(d.id) ?? []).slice().sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    const first = moves[0];
    history.push({
      ...base,
      key: `deal:${d.id}:created`,
      type: 'deal-created',
      category: 'deal',
      at: d.createdAt,
      recordedAt: d.createdAt,
      ...(d.createdById !== undefined ? { authorId: d.createdById } : {}),
      stageId: first?.stageId ?? d.stageId,
      ...(stageName.has(first?.stageId ?? d.stageId) ? { stageName: stageName.get(first?.stageId ?? d.stageId) } : {}),
      stageSemantics: first?.stageSemantics ?? 'process',
    });
    let closedSeen = false;
    for (const m of moves.slice(1)) {
      const type = m.stageSemantics === 'success' ? 'deal-won' : m.stageSemantics === 'failure' ? 'deal-lost' : 'stage-move';
      if (type !== 'stage-move') closedSeen = true;
      history.push({
        ...base,
        key: `stageMove:${m.id}`,
        type,
        category: 'deal',
        at: m.at,
        recordedAt: m.at,
        ...(m.byId !== undefined ? { authorId: m.byId } : {}),
        stageId: m.stageId,
        ...(stageName.has(m.stageId) ? { stageName: stageName.get(m.stageId) } : {}),
        stageSemantics: m.stageSemantics,
      });
    }
    // Without a stage history, the close itself is still an event.
    if (!closedSeen && d.closedAt !== undefined && d.stageSemantics !== 'process') {
      history.push({
        ...base,
        key: `deal:${d.id}:closed`,
        type: d.stageSemantics === 'success' ? 'deal-won' : 'deal-lost',
        category: 'deal',
        at: d.closedAt,
        recordedAt: d.closedAt,
        stageId: d.stageId,
        ...(stageName.has(d.stageId) ? { stageName: stageName.get(d.stageId) } : {}),
        stageSemantics: d.stageSemantics,
      });
    }
  }
  for (const { record: inv, via } of rel.invoices) {
    history.push({
      key: `invoice:${inv.id}`,
      type: 'invoice',
      category: 'invoice',
      at: inv.createdAt,
      recordedAt: inv.createdAt,
      title: inv.title || inv.number,
      record: { kind: 'invoice', id: inv.id, ...(inv.url ? { url: inv.url } : {}) },
      ...(via ? { via } : {}),
      status: 'done',
      ...(inv.responsibleId !== undefined ? { responsibleId: inv.responsibleId } : {}),
      amount: inv.amount,
      currency: inv.currency,
      ...(inv.dealId !== undefined ? { dealId: inv.dealId } : {}),
      ...(inv.dueAt !== undefined ? { deadline: inv.dueAt } : {}),
    });
  }
  for (const { record: p, via } of rel.payments) {
    history.push({
      key: `payment:${p.id}`,
      type: 'payment',
      category: 'payment',
      at: p.paidAt,
      recordedAt: p.paidAt,
      title: p.invoiceId !== undefined ? `#${p.invoiceId}` : `#${p.id}`,
      record: p.invoiceId !== undefined ? { kind: 'invoice', id: p.invoiceId } : { kind: 'payment', id: p.id },
      ...(via ? { via } : {}),
      status: 'done',
      amount: p.amount,
      currency: p.currency,
      ...(p.dealId !== undefined ? { dealId: p.dealId } : {}),
    });
  }
  for (const r of rel.activities) {
    const e = activityEvent(r, now);
    (e.status === 'done' ? history : upcoming).push(e);
  }
  history.sort(byTimeDesc);
  upcoming.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { upcoming, history, ...(rel.name !== undefined ? { name: rel.name } : {}), parties: rel.parties };
}

/** Newest first; ties by key so the order is stable across reloads. */
export function byTimeDesc(a: TimelineEvent, b: TimelineEvent): number {
  return b.at - a.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** What a person narrows the timeline by. Every field is optional; all given must hold. */
export interface TimelineFilter {
  /** Categories to show; absent or empty shows all. */
  readonly categories?: readonly TimelineCategory[];
  /** Inclusive lower bound on `at`. */
  readonly from?: Timestamp;
  /** Exclusive upper bound on `at`. */
  readonly to?: Timestamp;
  /** Responsible, author or closer. */
  readonly employeeId?: Id;
  /** Case-insensitive text in the title, description, source name, stage or channel. */
  readonly search?: string;
  /** Only events of these records (a counter's drill-down): `kind:id` keys. */
  readonly records?: readonly string[];
  readonly statuses?: readonly TimelineStatus[];
}

function eventRecordKeys(e: TimelineEvent): string[] {
  const keys = [`${e.record.kind}:${e.record.id}`];
  if (e.dealId !== undefined && e.category === 'deal') keys.push(`deal:${e.dealId}`);
  return keys;
}

export function matchesTimelineFilter(e: TimelineEvent, f: TimelineFilter, employeeNames?: (id: Id) => string | undefined): boolean {
  if (f.categories?.length && !f.categories.includes(e.category)) return false;
  if (f.from !== undefined && e.at < f.from) return false;
  if (f.to !== undefined && e.at >= f.to) return false;
  if (f.statuses?.length && !f.statuses.includes(e.status)) return false;
  if (f.employeeId !== undefined && e.responsibleId !== f.employeeId && e.authorId !== f.employeeId && e.completedById !== f.employeeId) return false;
  if (f.records?.length) {
    const keys = eventRecordKeys(e);
    if (!keys.some((k) => f.records?.includes(k))) return false;
  }
  const q = f.search?.trim().toLocaleLowerCase();
  if (q) {
    const hay = [
      e.title,
      e.description,
      e.via?.name,
      e.stageName,
      e.channel,
      e.responsibleId !== undefined ? employeeNames?.(e.responsibleId) : undefined,
      e.authorId !== undefined ? employeeNames?.(e.authorId) : undefined,
    ];
    if (!hay.some((h) => h !== undefined && h.toLocaleLowerCase().includes(q))) return false;
  }
  return true;
}

export function filterTimeline(events: readonly TimelineEvent[], f: TimelineFilter, employeeNames?: (id: Id) => string | undefined): TimelineEvent[] {
  return events.filter((e) => matchesTimelineFilter(e, f, employeeNames));
}

/** Events per category (for the filter chips), over a list already filtered by everything else. */
export function timelineCategoryCounts(events: readonly TimelineEvent[]): Record<TimelineCategory, number> {
  const out = Object.fromEntries(TIMELINE_CATEGORIES.map((c) => [c, 0])) as Record<TimelineCategory, number>;
  for (const e of events) out[e.category]++;
  return out;
}

export const TIMELINE_SORT_KEYS = ['date', 'type', 'responsible', 'author'] as const;
export type TimelineSortKey = (typeof TIMELINE_SORT_KEYS)[number];

/**
 * Sorts by a column. `date` is when it happened; `type` by category order then date; people by
 * name (`nameOf`), events without one last, then newest first within a person.
 */
export function sortTimeline(
  events: readonly TimelineEvent[],
  key: TimelineSortKey,
  direction: 'asc' | 'desc',
  nameOf: (id: Id) => string = (id) => id,
): TimelineEvent[] {
  const sign = direction === 'asc' ? 1 : -1;
  const out = events.slice();
  if (key === 'date') return out.sort((a, b) => sign * (a.at - b.at) || byTimeDesc(a, b));
  if (key === 'type') {
    const order = new Map<string, number>(TIMELINE_CATEGORIES.map((c, i) => [c, i]));
    return out.sort((a, b) => sign * ((order.get(a.category) ?? 0) - (order.get(b.category) ?? 0)) || byTimeDesc(a, b));
  }
  const field = key === 'responsible' ? 'responsibleId' : 'authorId';
  const names = new Map<Id, string>();
  const name = (e: TimelineEvent) => {
    const id = e[field];
    if (id === undefined) return undefined;
    let n = names.get(id);
    if (n === undefined) names.set(id, (n = nameOf(id)));
    return n;
  };
  return out.sort((a, b) => {
    const na = name(a);
    const nb = name(b);
    if (na === undefined && nb === undefined) return byTimeDesc(a, b);
    if (na === undefined) return 1;
    if (nb === undefined) return -1;
    return sign * na.localeCompare(nb) || byTimeDesc(a, b);
  });
}

/** True when the responsible and the author are known and are different people: highlight. */
export function authorDiffers(e: Pick<TimelineEvent, 'authorId' | 'responsibleId'>): boolean {
  return e.authorId !== undefined && e.responsibleId !== undefined && e.authorId !== e.responsibleId;
}

