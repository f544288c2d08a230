import { expect } from '@open-wc/testing';
import { buildClients } from './clients.js';
import { company, contact, deal, invoice, payment, T0 } from './fixtures.js';
import { requestCandidateContactIdsSteps, unreadPaymentDealIds } from './request-candidates.js';
import { runSteps } from './slices.js';

describe('requestCandidateContactIdsSteps', () => {
  it('lists the contacts of clients without payments, whatever their other requests', () => {
    const contacts = [
      contact('a', { companyIds: ['X'] }), // in X, which paid: not asked
      contact('b', { companyIds: ['Y'] }), // in Y, no payment: asked
      contact('c'), // B2C, paid through an invoice it is bound to: not asked
      contact('d'), // B2C, an unpaid invoice only: asked (its deals add to its requests)
      contact('e'), // B2C, nothing: asked
      contact('f', { companyIds: ['X', 'Y'] }), // in X and Y: asked, for Y
      contact('g'), // B2C, paid through a deal-only payment's deal: not asked
    ];
    const companies = [company('X', { contactIds: ['a', 'f'] }), company('Y', { contactIds: ['b', 'f'] })];
    const index = buildClients(contacts, companies);
    const ids = runSteps(
      requestCandidateContactIdsSteps(index, contacts, {
        deals: [deal('1', { companyId: 'X' }), deal('2', { contactIds: ['g'] })],
        invoices: [invoice('1', { contactId: 'c' }), invoice('2', { contactId: 'd' })],
        payments: [payment('1', T0, { companyId: 'X' }), payment('2', T0, { invoiceId: '1' }), payment('3', T0, { dealId: '2' })],
      }),
    );
    expect(ids).to.deep.equal(['b', 'd', 'e', 'f']);
  });

  it('asks every contact when nobody paid, and none when everybody did', () => {
    const contacts = [contact('a'), contact('b')];
    const index = buildClients(contacts, []);
    expect(runSteps(requestCandidateContactIdsSteps(index, contacts, { deals: [], invoices: [], payments: [] }))).to.deep.equal(['a', 'b']);
    const paidAll = [payment('1', T0, { contactId: 'a' }), payment('2', T0, { contactId: 'b' })];
    expect(runSteps(requestCandidateContactIdsSteps(index, contacts, { deals: [], invoices: [], payments: paidAll }))).to.deep.equal([]);
  });
});

describe('unreadPaymentDealIds', () => {
  it('lists the unread deals of payments bound to no client, once each', () => {
    const index = buildClients([contact('a')], []);
    const ids = unreadPaymentDealIds(index, {
      deals: [deal('1')],
      invoices: [invoice('10', { dealId: '7' }), invoice('11', { contactId: 'a', dealId: '8' })],
      payments: [
        payment('1', T0, { dealId: '1' }), // its deal was read
        payment('2', T0, { dealId: '5' }), // no party: deal 5
        payment('3', T0, { dealId: '5' }), // deal 5 again: once
        payment('4', T0, { contactId: 'a', dealId: '6' }), // bound to a client: no deal needed
        payment('5', T0, { invoiceId: '10' }), // its invoice has no party: the invoice's deal 7
        payment('6', T0, { invoiceId: '11' }), // its invoice has a client: no deal needed
        payment('7', T0, { contactId: 'gone' }), // bound to an unknown contact and no deal: nothing to read
      ],
    });
    expect(ids).to.deep.equal(['5', '7']);
  });
});
