import { DIALOG_KINDS, type EntityName, type ListQuery } from '@crmkit/core';

/** The lists the client base loads, in the order it loads them. */
export const CLIENT_BASE_ENTITIES = ['contact', 'company', 'deal', 'invoice', 'payment', 'activity', 'employee', 'department'] as const;
export type ClientBaseEntity = (typeof CLIENT_BASE_ENTITIES)[number] & EntityName;

/**
 * What the client base asks the CRM for, per list: every record (a first load of 85,000 clients
 * is bound by rows, 2,500 a request on Bitrix24), but only the properties the client base reads,
 * so an adapter that can select fields (Bitrix24 `select`, 1C `$select`) moves less data and
 * spends less of the portal's operating time. Adapters may return more, never fewer.
 *
 * - contacts, companies: every field (the list shows and searches the client's own card data,
 *   its communications and requisites);
 * - deals and invoices: whom they belong to and when they were created (the "requests" class,
 *   the counts in its evidence, the last interaction; payments bound only to an invoice or a
 *   deal follow its clients);
 * - payments: whom they belong to and when they were paid (the payment classes);
 * - activities: what classification reads (kind, bindings, when, open or done, deadline) and
 *   what the manager-control table shows (subject, who set, who is responsible, who closed and
 *   when, the link). Descriptions (e-mail bodies) are not read.
 *
 * The queries are part of the cache key: changing them starts a new cached copy.
 */
export const CLIENT_BASE_QUERIES: { readonly [E in ClientBaseEntity]: ListQuery<E> } = {
  contact: {},
  company: {},
  deal: { fields: ['id', 'companyId', 'contactIds', 'createdAt'] },
  invoice: { fields: ['id', 'companyId', 'contactId', 'dealId', 'createdAt'] },
  payment: { fields: ['id', 'companyId', 'contactId', 'dealId', 'invoiceId', 'paidAt'] },
  activity: { fields: ['id', 'kind', 'subject', 'bindings', 'createdAt', 'startAt', 'deadline', 'completed', 'completedAt', 'completedById', 'responsibleId', 'authorId', 'url'] },
  employee: {},
  department: {},
};

const ACTIVITY_FIELDS = CLIENT_BASE_QUERIES.activity.fields;

/**
 * Contacts when the CRM keeps last-activity times (Bitrix24): the card data the list shows, and
 * no `companyIds`: a company's own `contactIds` tell who belongs to it (the client index joins
 * both sides), so the adapter may read contacts through a method of its own (`crm.contact.list`)
 * and spare the item API's operating-time budget for what only it can read.
 */
export const LEAN_CONTACT_QUERY: ListQuery<'contact'> = {
  fields: ['id', 'name', 'firstName', 'lastName', 'comms', 'hasRequisites', 'responsibleId', 'createdById', 'createdAt', 'modifiedAt', 'lastActivityAt', 'url'],
};

/**
 * Deals with a company, when the CRM keeps last-activity times: a deal with a company belongs to
 * the company's client whoever its contacts are, so it needs no contacts (and may be read through
 * `crm.deal.list`). Read in full, with the deal's last-activity time for the last interaction.
 */
export const COMPANY_DEALS_QUERY: ListQuery<'deal'> = { filter: [{ field: 'companyId', op: 'notEmpty' }], fields: ['id', 'companyId', 'createdAt', 'lastActivityAt'] };

/**
 * Deals without a company, when the CRM keeps last-activity times: the base list of a keyed load
 * narrowed to primary contacts (`contactId in […]`) of the clients without payments (see
 * `requestCandidateContactIdsSteps` in core for why, and what it gives up).
 */
export const COMPANY_LESS_DEALS_QUERY: ListQuery<'deal'> = { filter: [{ field: 'companyId', op: 'empty' }], fields: ['id', 'companyId', 'contactId', 'createdAt', 'lastActivityAt'] };

/**
 * Deals without a company created since `from`, for every client: a deal's creation is an
 * interaction, so the clients with payments, whose company-less deals are not read otherwise,
 * keep a recent deal in their last interaction and are not reported forgotten for want of it.
 * `from` is {@link recentDealsStart}: the query, part of the cache key, changes once a month.
 */
export function recentCompanyLessDealsQuery(from: number): ListQuery<'deal'> {
  return { ...COMPANY_LESS_DEALS_QUERY, filter: [...(COMPANY_LESS_DEALS_QUERY.filter ?? []), { field: 'createdAt', op: 'gte', value: from }] };
}

/**
 * The first day (UTC) of the month that holds `now − days`: a window of at least `days` (the
 * forgotten-client threshold) that moves once a month, not once a day.
 */
export function recentDealsStart(now: number, days: number): number {
  const d = new Date(now - days * 86_400_000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Deals by id (those that payments bound to no client point to): the base list of a keyed load on `id`. */
export const DEALS_BY_ID_QUERY: ListQuery<'deal'> = { fields: ['id', 'companyId', 'contactIds', 'createdAt', 'lastActivityAt'] };

/** Open activities of every kind: what is planned and what is overdue, per client. */
export const OPEN_ACTIVITIES_QUERY: ListQuery<'activity'> = { filter: [{ field: 'completed', op: 'eq', value: false }], fields: ACTIVITY_FIELDS };

/** Every dialog (call, e-mail, chat) of the portal: the dialogs' list before it is narrowed to cards. */
export const DIALOGS_QUERY: ListQuery<'activity'> = { filter: [{ field: 'kind', op: 'in', value: [...DIALOG_KINDS] }], fields: ACTIVITY_FIELDS };

/**
 * First instant of the manager-control window when the load did not read every activity: the
 * first day (UTC) of the month two months before `now`'s, so the table covers this month and the
 * two before it (a quarter of work) and its query, part of the cache key, changes once a month.
 */
export function controlWindowStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 2, 1);
}

/** Activities set since `from` (manager control over a window; the open ones come with the load). */
export function controlWindowQuery(from: number): ListQuery<'activity'> {
  return { filter: [{ field: 'createdAt', op: 'gte', value: from }], fields: ACTIVITY_FIELDS };
}
