import type { Id, RecordRef, Timestamp } from '../../model/common.js';
import type { Company, Contact } from '../../model/people.js';
import { runSteps, runStepsSliced, type SliceOptions, type Steps } from './slices.js';

/**
 * Clients of a portal, as the seed «Клиенты» counts them: **a company with its contacts is one
 * client (B2B); a contact with no company is one client (B2C)**. So a portal with 3 companies,
 * 10 contacts in them and 4 contacts without a company has 7 clients, not 17.
 *
 * A contact in several companies (seed case 3: one decision-maker for a company's branches, or
 * a person who sends customers from several firms) is a member of **each** of its companies'
 * clients and never a client of its own: the client count stays the number of companies plus
 * free contacts, with no double counting. Its records are attributed by {@link ClientIndex}.
 *
 * Membership is read from both sides (`company.contactIds` and `contact.companyIds`), because
 * CRMs and exports sometimes fill only one of them. A link to a company that is not in the data
 * (deleted, or not visible to this user) is ignored: such a contact is a B2C client.
 */
export const CLIENT_TYPES = ['b2b', 'b2c'] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

/** Bits of {@link Client.commFlags}: which contact data the client's cards hold. */
export const COMM_FLAG = { phone: 1, email: 2, web: 4, im: 8, requisites: 16 } as const;
export type CommFlagName = keyof typeof COMM_FLAG;

export interface Client {
  /** `company:<id>` or `contact:<id>`: the record that is the client. */
  readonly key: string;
  /** Position in the list {@link buildClients} returned; packed rules refer to clients by it. */
  readonly index: number;
  readonly type: ClientType;
  /** The company (B2B) or the contact (B2C). */
  readonly ref: RecordRef;
  readonly name: string;
  /** Contacts of the client: the company's contacts, or the contact itself. */
  readonly contactIds: readonly Id[];
  readonly responsibleId?: Id;
  readonly createdById?: Id;
  readonly createdAt: Timestamp;
  /** Latest `modifiedAt` of the company and its contacts: "who was touched last". */
  readonly modifiedAt: Timestamp;
  /** Union of contact data over the client's cards ({@link COMM_FLAG} bits). */
  readonly commFlags: number;
  /** Latest `lastActivityAt` the CRM keeps on the company and its contacts, when it keeps one. */
  readonly lastActivityAt?: Timestamp;
  readonly url?: string;
}

/** Display name of a contact, falling back to its parts and then its id. */
export function contactName(c: Contact): string {
  const n = c.name?.trim() || [c.lastName, c.firstName].filter(Boolean).join(' ').trim();
  return n || `#${c.id}`;
}

/** Contact-data bits of one card: a non-blank phone, e-mail, site or messenger, or requisites. */
export function commFlagsOf(r: Contact | Company): number {
  let f = r.hasRequisites ? COMM_FLAG.requisites : 0;
  for (const c of r.comms) if (c.value && c.value.trim() !== '') f |= COMM_FLAG[c.type];
  return f;
}

export function commFlagNames(flags: number): CommFlagName[] {
  return (Object.keys(COMM_FLAG) as CommFlagName[]).filter((k) => (flags & COMM_FLAG[k]) !== 0);
}

/**
 * Where each CRM record's events belong. A record's company wins; without one, its contacts'
 * clients. A contact in several companies maps to all of them, so a payment made through it
 * counts as evidence for each of those clients (the CRM cannot tell for which one it acted);
 * totals of money are never summed across clients, so nothing is counted twice in a total.
 */
export interface ClientIndex {
  readonly clients: readonly Client[];
  /** Client indexes of a company: one, or none when the company is unknown. */
  ofCompany(id: Id | undefined): readonly number[];
  /** Client indexes of a contact: its own (B2C) or each of its companies'. */
  ofContact(id: Id | undefined): readonly number[];
  /** Clients of a record that has a company and/or contacts (deal, invoice, payment). */
  ofParties(companyId: Id | undefined, contactIds: readonly (Id | undefined)[]): readonly number[];
  /** The client that *is* this record (a company, or a contact without a company). */
  byKey(key: string): Client | undefined;
}

const NONE: readonly number[] = [];

/** Builds the client list and an index from records to clients. B2B (companies) first, then B2C. */
export function buildClients(contacts: readonly Contact[], companies: readonly Company[]): ClientIndex {
  return runSteps(buildClientsSteps(contacts, companies));
}

/**
 * {@link buildClients} without blocking the page: the same index, built in slices of about
 * `budgetMs` (default 8 ms) with the page given a turn between them. 75,000 cards take a few
 * hundred milliseconds of work, which in one piece would freeze input.
 */
export function buildClientsAsync(contacts: readonly Contact[], companies: readonly Company[], options: SliceOptions = {}): Promise<ClientIndex> {
  return runStepsSliced(buildClientsSteps(contacts, companies), options);
}

/** Records handled between two checks of the clock. */
const BATCH = 256;

/** {@link buildClients} as steps: yields every {@link BATCH} records. */
export function* buildClientsSteps(contacts: readonly Contact[], companies: readonly Company[]): Steps<ClientIndex> {
  const companyById = new Map<Id, Company>();
  for (let i = 0; i < companies.length; i++) {
    companyById.set(companies[i].id, companies[i]);
    if (i % BATCH === BATCH - 1) yield;
  }
  const contactById = new Map<Id, Contact>();
  for (let i = 0; i < contacts.length; i++) {
    contactById.set(contacts[i].id, contacts[i]);
    if (i % BATCH === BATCH - 1) yield;
  }

  // Membership from both sides, restricted to records present in the data.
  const membersOf = new Map<Id, Set<Id>>();
  const companiesOf = new Map<Id, Set<Id>>();
  const link = (companyId: Id, contactId: Id) => {
    if (!companyById.has(companyId) || !contactById.has(contactId)) return;
    let m = membersOf.get(companyId);
    if (!m) membersOf.set(companyId, (m = new Set()));
    m.add(contactId);
    let c = companiesOf.get(contactId);
    if (!c) companiesOf.set(contactId, (c = new Set()));
    c.add(companyId);
  };
  for (let i = 0; i < companies.length; i++) {
    const co = companies[i];
    for (const ct of co.contactIds) link(co.id, ct);
    if (i % BATCH === BATCH - 1) yield;
  }
  for (let i = 0; i < contacts.length; i++) {
    const ct = contacts[i];
    for (const co of ct.companyIds) link(co, ct.id);
    if (i % BATCH === BATCH - 1) yield;
  }

  const clients: Client[] = [];
  for (let i = 0; i < companies.length; i++) {
    if (i % BATCH === BATCH - 1) yield;
    const co = companies[i];
    const members = [...(membersOf.get(co.id) ?? [])];
    let modifiedAt = co.modifiedAt;
    let flags = commFlagsOf(co);
    let lastActivityAt = co.lastActivityAt;
    for (const id of members) {
      const ct = contactById.get(id) as Contact;
      if (ct.modifiedAt > modifiedAt) modifiedAt = ct.modifiedAt;
      flags |= commFlagsOf(ct);
      if (ct.lastActivityAt !== undefined && !(lastActivityAt !== undefined && lastActivityAt >= ct.lastActivityAt)) lastActivityAt = ct.lastActivityAt;
    }
    clients.push({
      key: `company:${co.id}`,
      index: clients.length,
      type: 'b2b',
      ref: { kind: 'company', id: co.id },
      name: co.title?.trim() || `#${co.id}`,
      contactIds: members,
      ...(co.responsibleId !== undefined ? { responsibleId: co.responsibleId } : {}),
      ...(co.createdById !== undefined ? { createdById: co.createdById } : {}),
      createdAt: co.createdAt,
      modifiedAt,
      commFlags: flags,
      ...(lastActivityAt !== undefined ? { lastActivityAt } : {}),
      ...(co.url ? { url: co.url } : {}),
    });
  }
  for (let i = 0; i < contacts.length; i++) {
    if (i % BATCH === BATCH - 1) yield;
    const ct = contacts[i];
    if (companiesOf.has(ct.id)) continue;
    clients.push({
      key: `contact:${ct.id}`,
      index: clients.length,
      type: 'b2c',
      ref: { kind: 'contact', id: ct.id },
      name: contactName(ct),
      contactIds: [ct.id],
      ...(ct.responsibleId !== undefined ? { responsibleId: ct.responsibleId } : {}),
      ...(ct.createdById !== undefined ? { createdById: ct.createdById } : {}),
      createdAt: ct.createdAt,
      modifiedAt: ct.modifiedAt,
      commFlags: commFlagsOf(ct),
      ...(ct.lastActivityAt !== undefined ? { lastActivityAt: ct.lastActivityAt } : {}),
      ...(ct.url ? { url: ct.url } : {}),
    });
  }
  const byKey = new Map<string, Client>();
  const companyIdx = new Map<Id, readonly number[]>();
  const contactIdx = new Map<Id, readonly number[]>();
  for (let i = 0; i < clients.length; i++) {
    if (i % BATCH === BATCH - 1) yield;
    const c = clients[i];
    byKey.set(c.key, c);
    if (c.type === 'b2b') {
      companyIdx.set(c.ref.id, [c.index]);
      for (const m of c.contactIds) contactIdx.set(m, [...(contactIdx.get(m) ?? []), c.index]);
    } else contactIdx.set(c.ref.id, [c.index]);
  }
  const ofCompany = (id: Id | undefined) => (id === undefined ? NONE : (companyIdx.get(id) ?? NONE));
  const ofContact = (id: Id | undefined) => (id === undefined ? NONE : (contactIdx.get(id) ?? NONE));
  return {
    clients,
    ofCompany,
    ofContact,
    ofParties(companyId, contactIds) {
      const own = ofCompany(companyId);
      if (own.length) return own;
      let out: number[] | undefined;
      let first: readonly number[] = NONE;
      for (const id of contactIds) {
        const idx = ofContact(id);
        if (!idx.length) continue;
        if (first === NONE) first = idx;
        else {
          out ??= [...first];
          for (const i of idx) if (!out.includes(i)) out.push(i);
        }
      }
      return out ?? first;
    },
    byKey: (key) => byKey.get(key),
  };
}

export interface ClientTotals {
  readonly total: number;
  readonly b2b: number;
  readonly b2c: number;
}

/** B2B / B2C totals of a client list. */
export function clientTotals(clients: readonly Pick<Client, 'type'>[]): ClientTotals {
  let b2b = 0;
  for (const c of clients) if (c.type === 'b2b') b2b++;
  return { total: clients.length, b2b, b2c: clients.length - b2b };
}
