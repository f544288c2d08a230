import { expect } from '@open-wc/testing';
import { buildClients } from './clients.js';
import { dialogCandidateKeysSteps } from './dialog-candidates.js';
import { company, contact, deal, DAY, invoice, payment, T0 } from './fixtures.js';
import { runSteps } from './slices.js';

describe('dialogCandidateKeysSteps', () => {
  it('lists only the touched cards of clients without payments or requests', () => {
    const at = T0 + 10 * DAY;
    const contacts = [
      contact('a', { companyIds: ['X'], lastActivityAt: at }), // in X (has a deal): decided
      contact('b', { companyIds: ['Y'], lastActivityAt: at }), // in Y (nothing else): candidate
      contact('c', { companyIds: ['Y'] }), // in Y, never touched: not asked
      contact('d', { lastActivityAt: at }), // B2C with a payment: decided
      contact('e', { lastActivityAt: at }), // B2C with an invoice: decided
      contact('f', { lastActivityAt: at }), // B2C, nothing else: candidate
      contact('g'), // B2C never touched: not asked
      contact('h', { companyIds: ['X', 'Y'], lastActivityAt: at }), // in X and Y: asked once, for Y
    ];
    const companies = [company('X', { contactIds: ['a', 'h'] }), company('Y', { contactIds: ['b', 'c', 'h'], lastActivityAt: at }), company('Z')];
    const index = buildClients(contacts, companies);
    const keys = runSteps(
      dialogCandidateKeysSteps(index, { contacts, companies }, {
        deals: [deal('1', { companyId: 'X', contactIds: [] })],
        invoices: [invoice('1', { contactId: 'e' })],
        payments: [payment('1', T0, { contactId: 'd' })],
      }),
    );
    expect(keys).to.deep.equal(['company:Y', 'contact:b', 'contact:h', 'contact:f']);
  });

  it('asks nothing when no card was ever touched', () => {
    const contacts = [contact('a'), contact('b')];
    const keys = runSteps(dialogCandidateKeysSteps(buildClients(contacts, []), { contacts, companies: [] }, { deals: [], invoices: [], payments: [] }));
    expect(keys).to.deep.equal([]);
  });
});
