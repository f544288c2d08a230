import type { Timestamp } from '../../model/common.js';
import type { Company, Contact } from '../../model/people.js';
import { packClassificationInputSteps, type ClassificationRecords } from './classification.js';
import type { ClientIndex } from './clients.js';
import type { Steps } from './slices.js';

/**
 * The cards whose dialogs can still decide a client's class, when the CRM keeps each card's
 * last-activity time (`lastActivityAt`): the class "with dialogs" comes only after payments and
 * requests, so only clients with neither need their calls, e-mails and chats read, and of their
 * cards only those the CRM says ever had an activity. Everything else about activities (the last
 * interaction, planned and overdue ones) comes from the cards' times and the open activities.
 *
 * Returns record keys (`contact:5`, `company:7`) for a `bindings has […]` activity query, in
 * the index's client order: the company first, then its contacts. A contact in two candidate
 * companies is listed once.
 */
export function* dialogCandidateKeysSteps(
  index: ClientIndex,
  cards: { readonly contacts: readonly Pick<Contact, 'id' | 'lastActivityAt'>[]; readonly companies: readonly Pick<Company, 'id' | 'lastActivityAt'>[] },
  records: Omit<ClassificationRecords, 'activities'>,
): Steps<string[]> {
  const packed = yield* packClassificationInputSteps(index, { ...records, activities: [] });
  const decided = new Uint8Array(index.clients.length);
  for (const c of packed.payClient) decided[c] = 1;
  for (const c of packed.reqClient) decided[c] = 1;
  yield;
  const touched = (list: readonly { readonly id: string; readonly lastActivityAt?: Timestamp }[]) => {
    const ids = new Set<string>();
    for (const r of list) if (r.lastActivityAt !== undefined) ids.add(r.id);
    return ids;
  };
  const contacts = touched(cards.contacts);
  const companies = touched(cards.companies);
  yield;
  const keys: string[] = [];
  const seen = new Set<string>();
  const add = (key: string) => {
    if (!seen.has(key)) {
      seen.add(key);
      keys.push(key);
    }
  };
  for (const client of index.clients) {
    if (decided[client.index] || client.lastActivityAt === undefined) continue;
    if (client.ref.kind === 'company' && companies.has(client.ref.id)) add(client.key);
    for (const id of client.contactIds) if (contacts.has(id)) add(`contact:${id}`);
  }
  return keys;
}
