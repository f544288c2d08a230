/**
 * The client base asks Bitrix24 for fewer fields (and takes payments from the invoice rows);
 * what it shows must not change. On a small generated portal, the classification, the evidence
 * figures, the last interaction and the manager-control rows computed from the client base's
 * queries equal those computed from every field of every list.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClients, classifyClients, managerControlRows, type Activity, type Company, type Contact, type Deal, type Invoice, type ListQuery, type Payment } from '@crmkit/core';
import { generateMockCrm } from '@crmkit/adapter-mock';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { reloadedAdapter } from './reloaded.js';
import { CLIENT_BASE_QUERIES } from '../../widgets/src/client-base/client-base-queries.js';
import { loadClientBaseLists, type ListLoader } from '../../widgets/src/client-base/client-base-lists.js';

const NOW = Date.UTC(2025, 5, 1);

async function shown(emu: Emulator, queries: { readonly [E in 'contact' | 'company' | 'deal' | 'invoice' | 'payment' | 'activity']: ListQuery<E> }) {
  const a = reloadedAdapter(emu);
  const before = emu.stats.requests;
  const contacts = (await a.list('contact', queries.contact)).items as Contact[];
  const companies = (await a.list('company', queries.company)).items as Company[];
  const deals = (await a.list('deal', queries.deal)).items as Deal[];
  const invoices = (await a.list('invoice', queries.invoice)).items as Invoice[];
  const payments = (await a.list('payment', queries.payment)).items as Payment[];
  const activities = (await a.list('activity', queries.activity)).items as Activity[];
  const requests = emu.stats.requests - before;
  const index = buildClients(contacts, companies);
  const r = classifyClients(index, { deals, invoices, payments, activities }, { now: NOW, timeZone: 'Europe/Moscow' });
  return {
    requests,
    clients: index.clients.map((c) => c.key),
    columns: {
      classCode: [...r.classCode],
      lastPaymentAt: [...r.lastPaymentAt],
      paymentCount: [...r.paymentCount],
      dealCount: [...r.dealCount],
      invoiceCount: [...r.invoiceCount],
      dialogCount: [...r.dialogCount],
      lastDialogAt: [...r.lastDialogAt],
      lastInteractionAt: [...r.lastInteractionAt],
      commFlags: [...r.commFlags],
    },
    control: managerControlRows(activities, NOW),
  };
}

describe('the client base queries on Bitrix24', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator(generateMockCrm({ scale: 'small' }), { bucket: false, operating: false });
  });
  after(() => emu.close());

  test('classify, date and list manager control exactly as every field of every list does', async () => {
    const all = await shown(emu, { contact: {}, company: {}, deal: {}, invoice: {}, payment: {}, activity: {} });
    const ours = await shown(emu, CLIENT_BASE_QUERIES);
    assert.ok(all.clients.length > 40, `a portal of ${all.clients.length} clients`);
    assert.ok(new Set(all.columns.classCode).size >= 5, 'most classes occur');
    assert.ok(all.control.length > 500, `${all.control.length} manager-control rows`);
    assert.deepEqual(ours.clients, all.clients);
    assert.deepEqual(ours.columns, all.columns);
    assert.deepEqual(ours.control, all.control);
    assert.ok(ours.requests <= all.requests, `no more requests: ${ours.requests} ≤ ${all.requests}`);
  });
});

/**
 * The portal keeps each card's lastActivityTime, so the client base reads only the open
 * activities and the dialogs of undecided clients, contacts without their company links (through
 * crm.contact.list), deals with a company through crm.deal.list, and company-less deals only for
 * the clients without payments (by primary contact, crm.deal.list): the classes and their
 * evidence must stay those of reading everything, while crm.item.list carries far fewer rows.
 */
describe('the client base lean plan on Bitrix24 (lastActivityTime)', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator(generateMockCrm({ scale: 'small' }), { bucket: false, operating: false });
  });
  after(() => emu.close());

  test('classes every client as reading every list does, spreading rows over crm.contact.list, crm.deal.list and crm.item.list', async () => {
    const all = await shown(emu, { contact: {}, company: {}, deal: {}, invoice: {}, payment: {}, activity: {} });
    const a = reloadedAdapter(emu);
    assert.equal((await a.capabilities()).recordActivityTime, true);
    emu.control({ resetStats: true });
    const load: ListLoader = async (entity, query) => (await a.list(entity, query)).items as never;
    const lists = await loadClientBaseLists(load, load, { recordActivityTime: true });
    assert.equal(lists.activityScope, 'open-and-dialogs');
    const index = buildClients(lists.contacts, lists.companies);
    assert.deepEqual(index.clients.map((c) => c.key), all.clients);
    const r = classifyClients(index, lists, { now: NOW, timeZone: 'Europe/Moscow' });
    assert.deepEqual([...r.classCode], all.columns.classCode);
    for (const k of ['paymentCount', 'invoiceCount', 'lastPaymentAt', 'commFlags'] as const) assert.deepEqual([...r[k]], all.columns[k], k);
    // Company-less deals are read only for the clients without payments: their request counts
    // are whole; a client with payments counts only its deals with a company.
    const paid = (i: number) => all.columns.paymentCount[i] > 0;
    const unpaidDeals = (counts: ArrayLike<number>) => Array.from(counts, (n, i) => (paid(i) ? -1 : n));
    assert.deepEqual(unpaidDeals(r.dealCount), unpaidDeals(all.columns.dealCount), 'dealCount of clients without payments');
    for (let i = 0; i < r.dealCount.length; i++) assert.ok(r.dealCount[i] <= all.columns.dealCount[i], `dealCount ${all.clients[i]}`);
    const companyLess = emu.tables.deal.filter((d) => !Number(d.COMPANY_ID)).length;
    assert.ok(companyLess > 0);
    assert.ok(lists.deals.length < emu.tables.deal.length - companyLess / 2, `deals read ${lists.deals.length} of ${emu.tables.deal.length} (${companyLess} without a company)`);
    assert.equal(lists.requestContacts, lists.contacts.filter((c) => index.ofParties(undefined, [c.id]).some((k) => !paid(k))).length);
    // The dialog evidence is complete for the clients it classes.
    const dialogs = r.classCode.map((c, i) => (c === 4 ? i : -1)).filter((i) => i >= 0);
    assert.ok(dialogs.length > 0, 'some clients are classed by their dialogs');
    for (const i of dialogs) assert.deepEqual([r.dialogCount[i], r.lastDialogAt[i]], [all.columns.dialogCount[i], all.columns.lastDialogAt[i]]);
    const rows = emu.stats.rows;
    assert.ok((rows['crm.contact.list'] ?? 0) > 0 && (rows['crm.deal.list'] ?? 0) > 0, `rows by method: ${JSON.stringify(rows)}`);
    const allActivities = emu.tables.activity.length;
    assert.ok((rows['crm.activity.list'] ?? 0) < allActivities / 5, `activities read ${rows['crm.activity.list']} of ${allActivities}`);
  });
});
