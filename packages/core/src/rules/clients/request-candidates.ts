import type { Id } from '../../model/common.js';
import type { Contact } from '../../model/people.js';
import { packClassificationInputSteps, type ClassificationRecords } from './classification.js';
import type { ClientIndex } from './clients.js';
import type { Steps } from './slices.js';

/**
 * The deals that payments point to but that were not read: a payment bound to no contact and no
 * company (nor through its invoice) follows its deal's clients, so that deal must be read before
 * it is known who paid. Ids in first-seen order, each once.
 */
export function unreadPaymentDealIds(index: ClientIndex, records: Pick<ClassificationRecords, 'deals' | 'invoices' | 'payments'>): Id[] {
  const read = new Set<Id>();
  for (const d of records.deals) read.add(d.id);
  const invoices = new Map(records.invoices.map((i) => [i.id, i]));
  const out: Id[] = [];
  const seen = new Set<Id>();
  for (const p of records.payments) {
    if (index.ofParties(p.companyId, [p.contactId]).length) continue;
    const inv = p.invoiceId === undefined ? undefined : invoices.get(p.invoiceId);
    if (inv && index.ofParties(inv.companyId, [inv.contactId]).length) continue;
    const dealId = inv?.dealId ?? p.dealId;
    if (dealId === undefined || read.has(dealId) || seen.has(dealId)) continue;
    seen.add(dealId);
    out.push(dealId);
  }
  return out;
}

/**
 * The contacts whose company-less deals can still decide a client's class, when the CRM can give
 * the deals of a primary contact (Bitrix24 `CONTACT_ID`): requests (deals and invoices) come only
 * after payments, so only clients without payments need them. Deals with a company, invoices and
 * payments are read in full (a company-less deal a payment points to is read by id, see
 * {@link unreadPaymentDealIds}); of the company-less deals, only those whose primary contact
 * belongs to such a client.
 *
 * Why: on an 85,000-client portal the company-less deals are about 300,000 rows of the item API,
 * whose 480 s of operating time per 10 minutes the invoices already need; those of clients without
 * payments are under a tenth of them.
 *
 * What it gives up: a company-less deal whose *secondary* contact belongs to a client without
 * payments (and whose primary contact does not) is not read, so that client is classed "with
 * requests" only through its other deals and invoices; and the deals of clients with payments do
 * not add to their last interaction (the cards' own last-activity times, which the CRM updates
 * for the calls and e-mails of their deals, do).
 *
 * Returns contact ids in `contacts` order: every contact whose clients (itself, or its companies)
 * include one without payments.
 */
export function* requestCandidateContactIdsSteps(
  index: ClientIndex,
  contacts: readonly Pick<Contact, 'id'>[],
  records: Pick<ClassificationRecords, 'deals' | 'invoices' | 'payments'>,
): Steps<Id[]> {
  const packed = yield* packClassificationInputSteps(index, { ...records, activities: [] });
  const paid = new Uint8Array(index.clients.length);
  for (const c of packed.payClient) paid[c] = 1;
  yield;
  const out: Id[] = [];
  for (let i = 0; i < contacts.length; i++) {
    const id = contacts[i].id;
    if (index.ofParties(undefined, [id]).some((c) => !paid[c])) out.push(id);
    if (i % 4096 === 4095) yield;
  }
  return out;
}
