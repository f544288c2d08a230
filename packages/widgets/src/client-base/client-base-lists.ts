import {
  buildClientsSteps,
  dialogCandidateKeysSteps,
  requestCandidateContactIdsSteps,
  runStepsSliced,
  unreadPaymentDealIds,
  type Activity,
  type Company,
  type Contact,
  type Deal,
  type Department,
  type Employee,
  type EntityMap,
  type EntityName,
  type Invoice,
  type KeyedListSpec,
  type ListQuery,
  type Payment,
  type SliceOptions,
} from '@crmkit/core';
import {
  CLIENT_BASE_QUERIES,
  COMPANY_DEALS_QUERY,
  COMPANY_LESS_DEALS_QUERY,
  DEALS_BY_ID_QUERY,
  DIALOGS_QUERY,
  LEAN_CONTACT_QUERY,
  OPEN_ACTIVITIES_QUERY,
  recentCompanyLessDealsQuery,
} from './client-base-queries.js';

/** Loads one list (through the cache, in the client base). */
export type ListLoader = <E extends EntityName>(entity: E, query: ListQuery<E>) => Promise<readonly EntityMap[E][]>;

/**
 * Loads a keyed list: the records of `spec.base` whose `spec.field` has (`op: 'in'`: is) any of
 * `spec.keys` (in the client base, through the cache's keyed list: kept across changes of the key
 * set, see `cachedKeyedList` in core).
 */
export type KeyedListLoader = <E extends EntityName>(entity: E, spec: KeyedListSpec<E>) => Promise<readonly EntityMap[E][]>;

/** Which activities a load read: every one, or (CRM keeps last-activity times) the open ones and the deciding dialogs. */
export type ActivityScope = 'all' | 'open-and-dialogs';

export interface ClientBaseLists {
  readonly contacts: readonly Contact[];
  readonly companies: readonly Company[];
  readonly deals: readonly Deal[];
  readonly invoices: readonly Invoice[];
  readonly payments: readonly Payment[];
  readonly activities: readonly Activity[];
  readonly employees: readonly Employee[];
  readonly departments: readonly Department[];
  readonly activityScope: ActivityScope;
  /** How many cards' dialogs were asked for (`open-and-dialogs` only). */
  readonly dialogCards: number;
  /** How many contacts' company-less deals were asked for (`open-and-dialogs` only). */
  readonly requestContacts: number;
}

/**
 * The lists the client base needs, in the order it loads them. When the CRM keeps each card's
 * last-activity time (`recordActivityTime`, Bitrix24):
 * - the activities read are only the open ones (planned and overdue) and the dialogs of clients
 *   nothing else classes: the same classes, counts and last interactions as reading every
 *   activity, for a few per cent of the rows;
 * - contacts are read without their company links, deals with a company in full without their
 *   contacts ({@link COMPANY_DEALS_QUERY}), and deals without a company only for the clients
 *   payments do not class ({@link COMPANY_LESS_DEALS_QUERY}, by primary contact), so the adapter
 *   can spread the rows over several methods and read a tenth of the company-less deals.
 * On Bitrix24 each method may spend 480 s per 10 minutes: neither a large portal's every activity
 * nor all its cards, deals and invoices through one method fit a first load of minutes.
 * Otherwise every activity is read, as the classification then needs them all.
 * `optional` lists (employees, departments) may fail without failing the load.
 */
export async function loadClientBaseLists(
  load: ListLoader,
  optional: ListLoader,
  options: {
    readonly recordActivityTime: boolean;
    readonly slices?: SliceOptions;
    readonly keyed?: KeyedListLoader;
    /**
     * Load the lists side by side instead of in turn (a refresh: each list's rounds of "changed
     * since", id counts and narrowing overlap with the others' instead of following them, and the
     * adapter packs their commands into shared requests). The dialogs still wait for the lists
     * that decide which cards to ask.
     */
    readonly concurrent?: boolean;
    /**
     * With `recordActivityTime`: the company-less deals created since this instant are read for
     * every client (see `recentCompanyLessDealsQuery`; the client base passes `recentDealsStart`
     * of its forgotten-client threshold). Without it, only those of clients without payments.
     */
    readonly recentDealsFrom?: number;
  },
): Promise<ClientBaseLists> {
  const lean = options.recordActivityTime;
  // In turn, a list starts when awaited; side by side, every list starts here. A list awaited
  // after another failed is not left with an unhandled rejection.
  const start = <T>(run: () => Promise<T>): (() => Promise<T>) => {
    if (!options.concurrent) return run;
    const started = run();
    started.catch(() => undefined);
    return () => started;
  };
  const contactsP = start(() => load('contact', lean ? LEAN_CONTACT_QUERY : CLIENT_BASE_QUERIES.contact));
  const companiesP = start(() => load('company', CLIENT_BASE_QUERIES.company));
  const dealsP = start(() => load('deal', lean ? COMPANY_DEALS_QUERY : CLIENT_BASE_QUERIES.deal));
  const recentFrom = lean ? options.recentDealsFrom : undefined;
  const recentDealsP = start(() => (recentFrom === undefined ? Promise.resolve([] as readonly Deal[]) : load('deal', recentCompanyLessDealsQuery(recentFrom))));
  const invoicesP = start(() => load('invoice', CLIENT_BASE_QUERIES.invoice));
  const paymentsP = start(() => load('payment', CLIENT_BASE_QUERIES.payment));
  const activitiesP = start(() => load('activity', lean ? OPEN_ACTIVITIES_QUERY : CLIENT_BASE_QUERIES.activity));
  const employeesP = start(() => optional('employee', CLIENT_BASE_QUERIES.employee));
  const departmentsP = start(() => optional('department', CLIENT_BASE_QUERIES.department));

  const contacts = await contactsP();
  const companies = await companiesP();
  let deals = await dealsP();
  const recentDeals = await recentDealsP();
  const invoices = await invoicesP();
  const payments = await paymentsP();
  let dialogCards = 0;
  let requestContacts = 0;
  const index = lean ? await runStepsSliced(buildClientsSteps(contacts, companies), options.slices) : undefined;
  // Without a keyed loader (no cache), a keyed list is the base list with the key condition.
  const keyed: KeyedListLoader =
    options.keyed ?? (<E extends EntityName>(entity: E, { base, field, op, keys }: KeyedListSpec<E>) => load(entity, { ...base, filter: [...(base.filter ?? []), { field, op: op ?? 'has', value: [...keys] }] }));
  if (index) {
    // Who paid decides first; a payment bound only to a company-less deal needs that deal.
    const read = [...deals, ...recentDeals];
    const owed = unreadPaymentDealIds(index, { deals: read, invoices, payments });
    const paidThrough = owed.length ? await keyed('deal', { base: DEALS_BY_ID_QUERY, field: 'id', op: 'in', keys: owed, countOnRefresh: true }) : [];
    const known = [...read, ...paidThrough];
    const contactIds = await runStepsSliced(requestCandidateContactIdsSteps(index, contacts, { deals: known, invoices, payments }), options.slices);
    requestContacts = contactIds.length;
    const companyLess = contactIds.length ? await keyed('deal', { base: COMPANY_LESS_DEALS_QUERY, field: 'contactId', op: 'in', keys: contactIds, countOnRefresh: true }) : [];
    deals = newestById([...known, ...companyLess]);
  }
  let activities = await activitiesP();
  if (index) {
    const open = activities;
    const keys = await runStepsSliced(dialogCandidateKeysSteps(index, { contacts, companies }, { deals, invoices, payments }), options.slices);
    dialogCards = keys.length;
    // The candidate set changes with every refresh: through a keyed loader only its new cards are asked.
    // No count of the copy on refresh: its COUNTs would each visit a span of the portal's whole
    // activity table and lengthen every Refresh by ~20 s at 50,000 clients, while a deleted dialog
    // only keeps a client "with dialogs" until the weekly full reload.
    const dialogs = keys.length ? await keyed('activity', { base: DIALOGS_QUERY, field: 'bindings', keys }) : [];
    // An open dialog is in both lists: once.
    const byId = new Map<string, Activity>();
    for (const a of open) byId.set(a.id, a);
    for (const a of dialogs) if (!byId.has(a.id)) byId.set(a.id, a);
    activities = [...byId.values()];
  }
  const employees = await employeesP();
  const departments = await departmentsP();
  return { contacts, companies, deals, invoices, payments, activities, employees, departments, activityScope: lean ? 'open-and-dialogs' : 'all', dialogCards, requestContacts };
}

/**
 * One record per id, the most recently modified: a deal that gained or lost its company since the
 * last refresh can sit in both cached lists (a refresh finds records that left a filtered list by
 * counting id ranges, and one that entered the same range at once hides it until a later count).
 */
export function newestById<T extends { readonly id: string; readonly modifiedAt?: number }>(records: readonly T[]): T[] {
  const byId = new Map<string, T>();
  let dup = false;
  for (const r of records) {
    const prev = byId.get(r.id);
    if (prev === undefined) byId.set(r.id, r);
    else {
      dup = true;
      if ((r.modifiedAt ?? 0) > (prev.modifiedAt ?? 0)) byId.set(r.id, r);
    }
  }
  return dup ? [...byId.values()] : (records as T[]);
}
