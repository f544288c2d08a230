import type { Activity } from '../../model/activities.js';
import type { Id } from '../../model/common.js';
import type { Deal, Funnel, Invoice, Payment, StageMove } from '../../model/deals.js';
import type { Company, Contact } from '../../model/people.js';
import { contactName } from './clients.js';

/**
 * Which records belong to one client's card, and through what. Shared by the timeline and the
 * activity counters so the two always agree on what is "linked to the client".
 *
 * Scopes are cumulative:
 * - `record`: the record itself: activities bound to it, its invoices and payments, and the life
 *   of the deals it is a party to (created, stage moves, won, lost);
 * - `contacts`: plus the related parties: a company's contacts (calls and e-mails are usually
 *   attached to the person), or a contact's companies (seed case 3: each company's context);
 * - `deals`: plus what is attached only to those deals: calls, tasks, invoices and payments of
 *   the deals, shown "via deal #123".
 */
export const TIMELINE_SCOPES = ['record', 'contacts', 'deals'] as const;
export type TimelineScope = (typeof TIMELINE_SCOPES)[number];

/** A client's card: a contact or a company. */
export interface ClientSubject {
  readonly kind: 'contact' | 'company';
  readonly id: Id;
}

/** Where an event came from when it is not the subject's own. */
export interface TimelineSource {
  readonly kind: 'contact' | 'company' | 'deal';
  readonly id: Id;
  /** The contact's name, the company's title, or the deal's title. */
  readonly name: string;
}

/** Everything the timeline and the counters may read. */
export interface ClientData {
  readonly contacts: readonly Contact[];
  readonly companies: readonly Company[];
  readonly deals: readonly Deal[];
  readonly stageMoves?: readonly StageMove[];
  readonly invoices: readonly Invoice[];
  readonly payments: readonly Payment[];
  readonly activities: readonly Activity[];
  readonly funnels?: readonly Funnel[];
}

export interface Related<T> {
  readonly record: T;
  /** Absent when the record is the subject's own. */
  readonly via?: TimelineSource;
}

export interface RelatedRecords {
  readonly subject: ClientSubject;
  readonly scope: TimelineScope;
  /** Display name of the subject. */
  readonly name?: string;
  /** The related parties (contacts of a company, companies of a contact), with their names. */
  readonly parties: readonly TimelineSource[];
  readonly deals: readonly Related<Deal>[];
  readonly invoices: readonly Related<Invoice>[];
  readonly payments: readonly Related<Payment>[];
  readonly activities: readonly Related<Activity>[];
}

const SCOPE_RANK: Record<TimelineScope, number> = { record: 0, contacts: 1, deals: 2 };

/** Resolves the records of one subject in one scope; each record appears once, with its best source. */
export function relatedRecords(subject: ClientSubject, data: ClientData, scope: TimelineScope = 'deals'): RelatedRecords {
  const rank = SCOPE_RANK[scope];
  const contactById = new Map(data.contacts.map((c) => [c.id, c]));
  const companyById = new Map(data.companies.map((c) => [c.id, c]));

  // Related parties, from both sides of the membership.
  const parties: TimelineSource[] = [];
  let name: string | undefined;
  if (subject.kind === 'company') {
    const co = companyById.get(subject.id);
    name = co?.title;
    const ids = new Set<Id>(co?.contactIds ?? []);
    for (const c of data.contacts) if (c.companyIds.includes(subject.id)) ids.add(c.id);
    for (const id of ids) {
      const c = contactById.get(id);
      if (c) parties.push({ kind: 'contact', id, name: contactName(c) });
    }
  } else {
    const ct = contactById.get(subject.id);
    name = ct ? contactName(ct) : undefined;
    const ids = new Set<Id>(ct?.companyIds ?? []);
    for (const c of data.companies) if (c.contactIds.includes(subject.id)) ids.add(c.id);
    for (const id of ids) {
      const c = companyById.get(id);
      if (c) parties.push({ kind: 'company', id, name: c.title?.trim() || `#${c.id}` });
    }
  }
  const contactSource = new Map<Id, TimelineSource | null>();
  const companySource = new Map<Id, TimelineSource | null>();
  (subject.kind === 'contact' ? contactSource : companySource).set(subject.id, null);
  if (rank >= 1) for (const p of parties) (p.kind === 'contact' ? contactSource : companySource).set(p.id, p);

  /** The best source among a record's parties: the subject itself (null) beats a party. */
  const sourceOf = (companyIds: readonly (Id | undefined)[], contactIds: readonly (Id | undefined)[]): TimelineSource | null | undefined => {
    let best: TimelineSource | null | undefined;
    for (const id of companyIds) {
      if (id === undefined || !companySource.has(id)) continue;
      const s = companySource.get(id) as TimelineSource | null;
      if (s === null) return null;
      best ??= s;
    }
    for (const id of contactIds) {
      if (id === undefined || !contactSource.has(id)) continue;
      const s = contactSource.get(id) as TimelineSource | null;
      if (s === null) return null;
      best ??= s;
    }
    return best;
  };
  const rel = <T>(record: T, s: TimelineSource | null | undefined): Related<T> => (s ? { record, via: s } : { record });

  const deals: Related<Deal>[] = [];
  const dealSource = new Map<Id, TimelineSource>();
  for (const d of data.deals) {
    const s = sourceOf([d.companyId], d.contactIds);
    if (s === undefined) continue;
    deals.push(rel(d, s));
    dealSource.set(d.id, { kind: 'deal', id: d.id, name: d.title });
  }
  const viaDeal = (dealId: Id | undefined): TimelineSource | undefined =>
    rank >= 2 && dealId !== undefined ? dealSource.get(dealId) : undefined;

  const invoices: Related<Invoice>[] = [];
  for (const inv of data.invoices) {
    let s = sourceOf([inv.companyId], [inv.contactId]);
    if (s === undefined) s = viaDeal(inv.dealId);
    if (s !== undefined) invoices.push(rel(inv, s));
  }
  const payments: Related<Payment>[] = [];
  for (const p of data.payments) {
    let s = sourceOf([p.companyId], [p.contactId]);
    if (s === undefined) s = viaDeal(p.dealId);
    if (s !== undefined) payments.push(rel(p, s));
  }
  const activities: Related<Activity>[] = [];
  const seen = new Set<Id>();
  for (const a of data.activities) {
    if (seen.has(a.id)) continue; // one e-mail delivered twice by the adapter shows once
    // Same precedence as sourceOf (the subject beats a party; companies' parties before
    // contacts'), read straight from the bindings: no arrays per activity, 10,000 on a big card.
    let s: TimelineSource | null | undefined;
    let own = false;
    for (const b of a.bindings) {
      if (b.kind !== 'company' || !companySource.has(b.id)) continue;
      const v = companySource.get(b.id) as TimelineSource | null;
      if (v === null) {
        own = true;
        break;
      }
      s ??= v;
    }
    if (!own) {
      for (const b of a.bindings) {
        if (b.kind !== 'contact' || !contactSource.has(b.id)) continue;
        const v = contactSource.get(b.id) as TimelineSource | null;
        if (v === null) {
          own = true;
          break;
        }
        s ??= v;
      }
    }
    if (own) s = null;
    if (s === undefined) for (const b of a.bindings) if (b.kind === 'deal' && (s = viaDeal(b.id))) break;
    if (s === undefined) continue;
    seen.add(a.id);
    activities.push(s ? { record: a, via: s } : { record: a });
  }
  return { subject, scope, ...(name !== undefined ? { name } : {}), parties, deals, invoices, payments, activities };
}
