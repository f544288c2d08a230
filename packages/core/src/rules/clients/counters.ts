import type { Filter } from '../../adapter/query.js';
import type { Money, Timestamp } from '../../model/common.js';
import type { EntityName } from '../../model/entities.js';
import { relatedRecords, type ClientData, type ClientSubject } from './related.js';

/**
 * The activity counters of one client (seed 001: «сколько Сделок, Счетов, Дел, Документов связано
 * с конкретным клиентом»). Exact: every record is counted, nothing is capped or sampled. "Linked
 * to the client" means the timeline's widest scope (`deals`: the record, its contacts or
 * companies, and what hangs only on their deals), so a counter and the timeline beside it agree.
 *
 * - deals: `open` (stage in process), `won`, `lost`, each with its sum of amounts;
 * - invoices: `paid` (status paid), `unpaid` (draft, sent, partially paid); a cancelled invoice is
 *   neither and is counted under `cancelled`;
 * - activities (*дела*: calls, e-mails, dialogs, meetings, tasks, to-dos; comments and documents
 *   are not *дела*): `planned` (open, not yet due or without a deadline), `overdue` (open, past
 *   its deadline), `done` (completed);
 * - documents: activities of kind `document`.
 */
export const COUNTER_KEYS = [
  'deals.open',
  'deals.won',
  'deals.lost',
  'invoices.paid',
  'invoices.unpaid',
  'invoices.cancelled',
  'activities.planned',
  'activities.overdue',
  'activities.done',
  'documents.all',
] as const;
export type CounterKey = (typeof COUNTER_KEYS)[number];

export interface Counter {
  readonly key: CounterKey;
  readonly entity: EntityName;
  readonly count: number;
  /** Sums per currency (deals and invoices only), largest first. */
  readonly sums: readonly Money[];
  /** Ids of the records counted, for the drill-down. */
  readonly ids: readonly string[];
  /** The records as a query any list can apply. */
  readonly filter: Filter;
}

export type ActivityCounters = Readonly<Record<CounterKey, Counter>>;

const ENTITY: Record<CounterKey, EntityName> = {
  'deals.open': 'deal',
  'deals.won': 'deal',
  'deals.lost': 'deal',
  'invoices.paid': 'invoice',
  'invoices.unpaid': 'invoice',
  'invoices.cancelled': 'invoice',
  'activities.planned': 'activity',
  'activities.overdue': 'activity',
  'activities.done': 'activity',
  'documents.all': 'activity',
};

export function computeActivityCounters(subject: ClientSubject, data: ClientData, now: Timestamp): ActivityCounters {
  const rel = relatedRecords(subject, data, 'deals');
  const acc = new Map<CounterKey, { ids: string[]; sums: Map<string, number> }>();
  for (const k of COUNTER_KEYS) acc.set(k, { ids: [], sums: new Map() });
  const add = (k: CounterKey, id: string, money?: { amount: number; currency: string }) => {
    const a = acc.get(k) as { ids: string[]; sums: Map<string, number> };
    a.ids.push(id);
    if (money) a.sums.set(money.currency, (a.sums.get(money.currency) ?? 0) + money.amount);
  };
  for (const { record: d } of rel.deals) {
    add(d.stageSemantics === 'success' ? 'deals.won' : d.stageSemantics === 'failure' ? 'deals.lost' : 'deals.open', d.id, d);
  }
  for (const { record: i } of rel.invoices) {
    add(i.status === 'paid' ? 'invoices.paid' : i.status === 'cancelled' ? 'invoices.cancelled' : 'invoices.unpaid', i.id, i);
  }
  for (const { record: a } of rel.activities) {
    if (a.kind === 'document') add('documents.all', a.id);
    else if (a.kind === 'comment') continue;
    else if (a.completed) add('activities.done', a.id);
    else {
      const due = a.deadline ?? a.startAt;
      add(due !== undefined && due < now ? 'activities.overdue' : 'activities.planned', a.id);
    }
  }
  const out = {} as Record<CounterKey, Counter>;
  for (const k of COUNTER_KEYS) {
    const a = acc.get(k) as { ids: string[]; sums: Map<string, number> };
    out[k] = {
      key: k,
      entity: ENTITY[k],
      count: a.ids.length,
      sums: [...a.sums].map(([currency, amount]) => ({ amount, currency })).sort((x, y) => y.amount - x.amount),
      ids: a.ids,
      filter: [{ field: 'id', op: 'in', value: a.ids }],
    };
  }
  return out;
}
