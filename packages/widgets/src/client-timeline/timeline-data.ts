import {
  CrmError,
  type Activity,
  type ClientData,
  type ClientSubject,
  type Company,
  type Contact,
  type DataAdapter,
  type Deal,
  type Department,
  type Employee,
  type EntityMap,
  type EntityName,
  type Filter,
  type Id,
  type Invoice,
  type ListQuery,
  type LoadProgress,
  type Payment,
} from '@crmkit/core';

/** What the timeline (and the counters) load for one client card. */
export interface ClientCardData {
  readonly subject: ClientSubject;
  readonly data: ClientData;
  readonly employees: ReadonlyMap<Id, Employee>;
  readonly departments: ReadonlyMap<Id, Department>;
  readonly timeZone: string;
  /** Activities matching the card, when the adapter told (for "loaded N of M"). */
  readonly activitiesTotal?: number;
  /** Cursor of the next (older) page of activities; absent when all are loaded. */
  readonly nextCursor?: string;
  readonly activityQuery: ListQuery<'activity'>;
}

export interface ClientCardLoadOptions {
  readonly signal: AbortSignal;
  /** Activities per page; undefined loads every activity. */
  readonly pageSize?: number;
  readonly onProgress?: (p: LoadProgress) => void;
}

/** The records of several lists, each id once (first seen wins), in order. */
function byId<T extends { id: Id }>(...lists: (readonly T[])[]): T[] {
  const seen = new Set<Id>();
  const out: T[] = [];
  for (const l of lists) {
    for (const r of l) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(r);
    }
  }
  return out;
}

/**
 * Loads a contact's or company's card: the record, its related parties, their deals, stage moves,
 * invoices, payments and activities (newest first, paged when `pageSize` is set), plus the
 * employee and department dictionaries. Queries use only the adapter's query language, so any
 * adapter can serve them.
 */
export async function loadClientCard(adapter: DataAdapter, subject: ClientSubject, options: ClientCardLoadOptions): Promise<ClientCardData> {
  const { signal } = options;
  const call = { signal };
  const list = async <E extends EntityName>(entity: E, filter: Filter | undefined): Promise<readonly EntityMap[E][]> => {
    if (filter?.some((c) => Array.isArray(c.value) && c.value.length === 0)) return [];
    return (await adapter.list(entity, filter ? { filter } : {}, call)).items;
  };
  const identity = await adapter.identity(call);
  signal.throwIfAborted();
  const self = await adapter.get(subject.kind, subject.id, call);
  signal.throwIfAborted();
  let contacts: Contact[];
  let companies: Company[];
  if (subject.kind === 'company') {
    const co = self as Company;
    const [a, b] = await Promise.all([
      list('contact', [{ field: 'companyIds', op: 'has', value: co.id }]),
      list('contact', [{ field: 'id', op: 'in', value: [...co.contactIds] }]),
    ]);
    contacts = byId(a, b);
    companies = [co];
  } else {
    const ct = self as Contact;
    const [a, b] = await Promise.all([
      list('company', [{ field: 'contactIds', op: 'has', value: ct.id }]),
      list('company', [{ field: 'id', op: 'in', value: [...ct.companyIds] }]),
    ]);
    companies = byId(a, b);
    contacts = [ct];
  }
  signal.throwIfAborted();
  const companyIds = companies.map((c) => c.id);
  const contactIds = contacts.map((c) => c.id);
  const [dealsA, dealsB] = await Promise.all([
    list('deal', [{ field: 'companyId', op: 'in', value: companyIds }]),
    list('deal', [{ field: 'contactIds', op: 'has', value: contactIds }]),
  ]);
  const deals: Deal[] = byId(dealsA, dealsB);
  const dealIds = deals.map((d) => d.id);
  signal.throwIfAborted();
  const money = <E extends 'invoice' | 'payment'>(entity: E) =>
    Promise.all([
      list(entity, [{ field: 'companyId', op: 'in', value: companyIds }]),
      list(entity, [{ field: 'contactId', op: 'in', value: contactIds }]),
      list(entity, [{ field: 'dealId', op: 'in', value: dealIds }]),
    ]);
  const bindingKeys = [...companyIds.map((id) => `company:${id}`), ...contactIds.map((id) => `contact:${id}`), ...dealIds.map((id) => `deal:${id}`)];
  // Paged: newest first, so "Load older" means older. Unpaged, no order is asked for: the
  // timeline sorts by when each event happened anyway, and an adapter's sort of 10,000
  // records (or a CRM's) would be wasted.
  const activityQuery: ListQuery<'activity'> = {
    filter: [{ field: 'bindings', op: 'has', value: bindingKeys }],
    ...(options.pageSize !== undefined ? { order: { field: 'createdAt', direction: 'desc' }, limit: options.pageSize } : {}),
  };
  const [inv, pay, stageMoves, funnels, activities, employees, departments] = await Promise.all([
    money('invoice'),
    money('payment'),
    list('stageMove', [{ field: 'dealId', op: 'in', value: dealIds }]),
    list('funnel', undefined).catch(() => []),
    adapter.list('activity', activityQuery, { signal, onProgress: options.onProgress }),
    list('employee', undefined).catch(() => []),
    list('department', undefined).catch(() => []),
  ]);
  signal.throwIfAborted();
  const invoices: Invoice[] = byId(...inv);
  const payments: Payment[] = byId(...pay);
  const acts: Activity[] = byId(activities.items);
  if (!self) throw new CrmError('not-found', { source: `${subject.kind}/${subject.id}` });
  return {
    subject,
    data: { contacts, companies, deals, stageMoves, invoices, payments, activities: acts, funnels },
    employees: new Map(employees.map((e) => [e.id, e])),
    departments: new Map(departments.map((d) => [d.id, d])),
    timeZone: identity.timeZone,
    ...(activities.total !== undefined ? { activitiesTotal: activities.total } : {}),
    ...(activities.nextCursor !== undefined ? { nextCursor: activities.nextCursor } : {}),
    activityQuery,
  };
}

/** The next (older) page of activities, appended to a loaded card. */
export async function loadOlderActivities(adapter: DataAdapter, card: ClientCardData, signal: AbortSignal): Promise<ClientCardData> {
  if (card.nextCursor === undefined) return card;
  const page = await adapter.list('activity', { ...card.activityQuery, cursor: card.nextCursor }, { signal });
  signal.throwIfAborted();
  const { nextCursor: _drop, ...rest } = card;
  return {
    ...rest,
    data: { ...card.data, activities: byId(card.data.activities, page.items) },
    ...(page.total !== undefined ? { activitiesTotal: page.total } : {}),
    ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
  };
}
