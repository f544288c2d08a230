import { expect } from '@open-wc/testing';
import {
  classCounts,
  CLIENT_CLASSES,
  reclassifyPayments,
  classifyClients,
  classifyPacked,
  classOf,
  evidenceOf,
  nearestRank,
  packClassificationInput,
  packClassificationInputAsync,
  suggestThresholds,
  type ClassificationRecords,
} from './classification.js';
import { buildClients } from './clients.js';
import { forgottenClients, isForgotten } from './forgotten.js';
import { activity, company, contact, DAY, deal, invoice, payment } from './fixtures.js';

const NOW = Date.UTC(2024, 5, 30, 12); // 30 June 2024, 12:00 UTC
const noon = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 12);
const none: ClassificationRecords = { deals: [], invoices: [], payments: [], activities: [] };

function classify(contacts = [contact('1')], records: Partial<ClassificationRecords> = {}, companies = [company('Z')].slice(1), tz = 'UTC') {
  const idx = buildClients(contacts, companies);
  const result = classifyClients(idx, { ...none, ...records }, { now: NOW, timeZone: tz });
  return { idx, result, cls: (key: string) => classOf(result, (idx.byKey(key) as { index: number }).index) };
}

describe('classification by the last payment', () => {
  it('is active at exactly 90 days, sleeping at 91, sleeping at exactly 365, lost at 366', () => {
    // 1 April → 30 June 2024 = 29 + 31 + 30 = 90 days; 31 March = 91;
    // 1 July 2023 → 30 June 2024 = 365 (2024 is a leap year); 30 June 2023 = 366.
    const { cls, result, idx } = classify([contact('a'), contact('b'), contact('c'), contact('d')], {
      payments: [
        payment('1', noon(2024, 4, 1), { contactId: 'a' }),
        payment('2', noon(2024, 3, 31), { contactId: 'b' }),
        payment('3', noon(2023, 7, 1), { contactId: 'c' }),
        payment('4', noon(2023, 6, 30), { contactId: 'd' }),
      ],
    });
    expect([cls('contact:a'), cls('contact:b'), cls('contact:c'), cls('contact:d')]).to.deep.equal(['active', 'sleeping', 'sleeping', 'lost']);
    const ev = evidenceOf(result, (idx.byKey('contact:a') as { index: number }).index);
    expect(ev).to.deep.equal({
      class: 'active',
      lastPaymentAt: noon(2024, 4, 1),
      daysSincePayment: 90,
      paymentCount: 1,
      thresholds: { activeDays: 90, sleepingDays: 365 },
    });
  });

  it('uses the latest of several payments and honours custom thresholds', () => {
    const idx = buildClients([contact('a')], []);
    const result = classifyClients(
      idx,
      { ...none, payments: [payment('1', noon(2023, 1, 1), { contactId: 'a' }), payment('2', noon(2024, 6, 20), { contactId: 'a' })] },
      { now: NOW, thresholds: { activeDays: 7, sleepingDays: 30 } },
    );
    // 20 June → 30 June = 10 days: beyond 7, within 30.
    expect(classOf(result, 0)).to.equal('sleeping');
    expect(result.daysSincePayment[0]).to.equal(10);
    expect(result.paymentCount[0]).to.equal(2);
  });

  it('counts days in the CRM time zone across a month boundary', () => {
    // Paid 30 March 22:30 UTC = 31 March 01:30 in Moscow; now 29 June 12:00 (same day in both).
    // UTC: 30 March → 29 June = 91 days (sleeping). Moscow: 31 March → 29 June = 90 days (active).
    const payments = [payment('1', Date.UTC(2024, 2, 30, 22, 30), { contactId: '1' })];
    const now = Date.UTC(2024, 5, 29, 12);
    const idx = buildClients([contact('1')], []);
    const utc = classifyClients(idx, { ...none, payments }, { now, timeZone: 'UTC' });
    const msk = classifyClients(idx, { ...none, payments }, { now, timeZone: 'Europe/Moscow' });
    expect([utc.daysSincePayment[0], classOf(utc, 0)]).to.deep.equal([91, 'sleeping']);
    expect([msk.daysSincePayment[0], classOf(msk, 0)]).to.deep.equal([90, 'active']);
  });

  it('treats a payment dated in the future as paid today (active)', () => {
    const { cls, result } = classify([contact('1')], { payments: [payment('1', NOW + 5 * DAY, { contactId: '1' })] });
    expect(cls('contact:1')).to.equal('active');
    expect(result.daysSincePayment[0]).to.equal(0);
  });

  it('credits a payment through a contact in two companies to both companies', () => {
    const { cls } = classify([contact('X', { companyIds: ['A', 'B'] })], { payments: [payment('1', noon(2024, 6, 1), { contactId: 'X' })] }, [company('A'), company('B')]);
    expect([cls('company:A'), cls('company:B')]).to.deep.equal(['active', 'active']);
  });

  it('credits a payment with a company only to that company, even through a shared contact', () => {
    const { cls } = classify(
      [contact('X', { companyIds: ['A', 'B'] })],
      { payments: [payment('1', noon(2024, 6, 1), { contactId: 'X', companyId: 'B' })] },
      [company('A'), company('B')],
    );
    expect([cls('company:A'), cls('company:B')]).to.deep.equal(['no-contacts', 'active']);
  });

  it('follows a payment known only by its invoice or deal to that record\'s client', () => {
    const { cls } = classify([contact('1'), contact('2')], {
      deals: [deal('D', { contactIds: ['2'] })],
      invoices: [invoice('I', { contactId: '1' })],
      payments: [payment('p1', noon(2024, 6, 1), { invoiceId: 'I' }), payment('p2', noon(2023, 1, 1), { dealId: 'D' })],
    });
    expect([cls('contact:1'), cls('contact:2')]).to.deep.equal(['active', 'lost']);
  });
});

describe('classification without payments', () => {
  it('puts a client whose only deal was lost among those with requests', () => {
    const { cls, result } = classify([contact('1', { comms: [{ type: 'phone', value: '1' }] })], {
      deals: [deal('D', { contactIds: ['1'], stageSemantics: 'failure', stageId: 'LOSE' })],
      activities: [activity('a', { bindings: [{ kind: 'contact', id: '1' }] })],
    });
    expect(cls('contact:1')).to.equal('requests');
    expect(evidenceOf(result, 0)).to.deep.equal({ class: 'requests', dealCount: 1, invoiceCount: 0 });
  });

  it('counts an invoice of any status, even cancelled, as a request', () => {
    const { cls } = classify([contact('1')], { invoices: [invoice('I', { contactId: '1', status: 'cancelled' })] });
    expect(cls('contact:1')).to.equal('requests');
  });

  it('does not count a lead as a request: a lead-only client is classed by its contact data', () => {
    // Leads are not part of the input at all; a lead-only client has only its card.
    const { cls } = classify([contact('1', { comms: [{ type: 'im', value: 'tg:ivan' }] }), contact('2')]);
    expect([cls('contact:1'), cls('contact:2')]).to.deep.equal(['contacts', 'no-contacts']);
  });

  it('puts calls, e-mails and messenger dialogs above contact data, with the evidence', () => {
    const at = noon(2024, 5, 1);
    const { cls, result } = classify([contact('1', { comms: [{ type: 'phone', value: '1' }] }), contact('2')], {
      activities: [
        activity('c', { kind: 'email', startAt: at, bindings: [{ kind: 'contact', id: '1' }] }),
        activity('m', { kind: 'messenger', startAt: at - DAY, bindings: [{ kind: 'contact', id: '1' }] }),
        activity('t', { kind: 'task', bindings: [{ kind: 'contact', id: '2' }] }),
      ],
    });
    expect(cls('contact:1')).to.equal('dialogs');
    expect(evidenceOf(result, 0)).to.deep.equal({ class: 'dialogs', dialogCount: 2, lastDialogAt: at });
    // A task is not a dialog, and the second contact has no contact data.
    expect(cls('contact:2')).to.equal('no-contacts');
  });

  it('does not count a planned call that has not happened as a dialog', () => {
    const { cls } = classify([contact('1')], {
      activities: [activity('c', { completed: false, startAt: NOW + DAY, deadline: NOW + DAY, bindings: [{ kind: 'contact', id: '1' }] })],
    });
    expect(cls('contact:1')).to.equal('no-contacts');
  });

  it('counts requisites as contact data and lists which data was found', () => {
    const { result } = classify([contact('1', { hasRequisites: true, comms: [{ type: 'web', value: 'example.org' }] })]);
    expect(evidenceOf(result, 0)).to.deep.equal({ class: 'contacts', comms: ['web', 'requisites'] });
  });

  it('follows an activity bound only to a deal to the deal\'s client; a deal the user cannot see leaves it unattributed', () => {
    const { cls } = classify([contact('1'), contact('2')], {
      deals: [deal('D', { contactIds: ['1'] })],
      invoices: [],
      activities: [activity('a', { bindings: [{ kind: 'deal', id: 'D' }] }), activity('b', { bindings: [{ kind: 'deal', id: 'hidden' }] })],
    });
    expect(cls('contact:1')).to.equal('requests');
    expect(cls('contact:2')).to.equal('no-contacts');
  });

  it('counts an activity bound only to a deal as a dialog of the deal\'s client', () => {
    const idx = buildClients([contact('1')], []);
    const packed = packClassificationInput(idx, { ...none, deals: [deal('D', { contactIds: ['1'] })], activities: [activity('a', { bindings: [{ kind: 'deal', id: 'D' }] })] });
    const result = classifyPacked(packed, { now: NOW });
    expect(result.dialogCount[0]).to.equal(1);
  });

  it('tallies the classes over the portal', () => {
    const { result } = classify([contact('1'), contact('2', { hasRequisites: true })], {
      payments: [payment('1', noon(2024, 6, 1), { contactId: '1' })],
    });
    expect(classCounts(result)).to.deep.equal({ active: 1, sleeping: 0, lost: 0, requests: 0, dialogs: 0, contacts: 1, 'no-contacts': 0 });
  });
});

describe('thresholds suggested from the portal\'s gaps between payments', () => {
  it('takes the 75th and 95th percentiles (nearest rank) of the gaps', () => {
    // Client a pays on days 0, 10, 30, 60 (+ a second payment on day 60): gaps 10, 20, 30.
    // Client b pays on days 0 and 40: gap 40. Sorted: 10, 20, 30, 40.
    // P75 = 3rd of 4 = 30; P95 = 4th = 40; median = 2nd = 20.
    const base = Date.UTC(2024, 0, 1, 12);
    const idx = buildClients([contact('a'), contact('b')], []);
    const pay = (id: string, c: string, d: number) => payment(id, base + d * DAY, { contactId: c });
    const result = classifyClients(
      idx,
      { ...none, payments: [pay('1', 'a', 0), pay('2', 'a', 10), pay('3', 'a', 30), pay('4', 'a', 60), pay('5', 'a', 60), pay('6', 'b', 0), pay('7', 'b', 40)] },
      { now: NOW, minGapsForSuggestion: 4 },
    );
    expect(result.suggestion).to.deep.equal({ activeDays: 30, sleepingDays: 40, gapCount: 4, medianGapDays: 20 });
  });

  it('suggests nothing from too few gaps', () => {
    expect(suggestThresholds([5, 6, 7], 20)).to.equal(undefined);
    expect(suggestThresholds([], 0)).to.equal(undefined);
  });

  it('keeps sleeping above active when all gaps are equal', () => {
    expect(suggestThresholds([30, 30, 30], 1)).to.deep.equal({ activeDays: 30, sleepingDays: 31, gapCount: 3, medianGapDays: 30 });
  });

  it('computes nearest-rank percentiles', () => {
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.75)).to.equal(8);
    expect(nearestRank([7], 0.95)).to.equal(7);
  });
});

describe('packing for the worker', () => {
  it('gives the same result packed in chunks as packed at once', async () => {
    const contacts = Array.from({ length: 30 }, (_, i) => contact(String(i)));
    const payments = contacts.map((c, i) => payment(`p${i}`, NOW - i * 20 * DAY, { contactId: c.id }));
    const activities = contacts.map((c, i) => activity(`a${i}`, { startAt: NOW - i * DAY, bindings: [{ kind: 'contact', id: c.id }] }));
    const records = { ...none, payments, activities };
    const idx = buildClients(contacts, []);
    const whole = classifyPacked(packClassificationInput(idx, records), { now: NOW });
    const chunked = classifyPacked(await packClassificationInputAsync(idx, records, { chunk: 7 }), { now: NOW });
    expect(Array.from(chunked.classCode)).to.deep.equal(Array.from(whole.classCode));
    // 0..90 days (i = 0..4) active, 100..360 (5..18) sleeping, 380.. (19..29) lost.
    expect(classCounts(whole)).to.include({ active: 5, sleeping: 14, lost: 11 });
  });
});

describe('forgotten clients', () => {
  it('is forgotten after N days without interaction and with nothing planned', () => {
    const contacts = ['a', 'b', 'c', 'd', 'e'].map((id) => contact(id));
    const bind = (id: string) => [{ kind: 'contact' as const, id }];
    const { result } = classify(contacts, {
      activities: [
        activity('1', { startAt: NOW - 30 * DAY, bindings: bind('a') }), // 30 days: forgotten
        activity('2', { startAt: NOW - 29 * DAY, bindings: bind('b') }), // 29 days: not yet
        activity('3', { startAt: NOW - 100 * DAY, bindings: bind('c') }),
        activity('4', { completed: false, deadline: NOW + 60 * DAY, bindings: bind('c') }), // planned: not forgotten
        activity('5', { startAt: NOW - 100 * DAY, bindings: bind('d') }),
        activity('6', { completed: false, createdAt: NOW - 50 * DAY, deadline: NOW - DAY, bindings: bind('d') }), // overdue: still forgotten
      ],
    });
    // e: no interaction ever: forgotten.
    expect(forgottenClients(result, { now: NOW })).to.deep.equal([0, 3, 4]);
    expect(isForgotten(result, 1, { now: NOW, days: 29 })).to.equal(true);
    expect(result.plannedCount[2]).to.equal(1);
    expect(result.overdueCount[3]).to.equal(1);
  });
});

describe('reclassifyPayments (a stored classification on a later day)', () => {
  it('counts the days since the last payment again and re-classes only clients with payments', () => {
    // Contact 1 paid on 1 April 2024 (90 days before 30 June: active); contact 2 has a deal only.
    const idx = buildClients([contact('1'), contact('2')], []);
    const stored = classifyPacked(
      packClassificationInput(idx, { ...none, payments: [payment('p', noon(2024, 4, 1), { contactId: '1' })], deals: [deal('d', { contactIds: ['2'] })] }),
      { now: NOW },
    );
    expect([CLIENT_CLASSES[stored.classCode[0]], stored.daysSincePayment[0]]).to.deep.equal(['active', 90]);
    // One day later: 91 days, sleeping; the deal-only client stays "requests".
    const later = reclassifyPayments(stored, { now: NOW + DAY });
    expect([CLIENT_CLASSES[later.classCode[0]], later.daysSincePayment[0], CLIENT_CLASSES[later.classCode[1]]]).to.deep.equal(['sleeping', 91, 'requests']);
    // Same day, wider threshold: active again; the stored result itself is untouched.
    const wider = reclassifyPayments(stored, { now: NOW + DAY, thresholds: { activeDays: 91 } });
    expect([CLIENT_CLASSES[wider.classCode[0]], wider.thresholds.activeDays]).to.deep.equal(['active', 91]);
    expect(stored.daysSincePayment[0]).to.equal(90);
    // Nothing changed: the same object back.
    expect(reclassifyPayments(stored, { now: NOW })).to.equal(stored);
    expect(reclassifyPayments(stored, { now: NOW + 3_600_000 }, NOW)).to.equal(stored);
    // Knowing the day it was computed for gives the same counts (without a zone lookup per client).
    const known = reclassifyPayments(stored, { now: NOW + DAY }, NOW);
    expect([CLIENT_CLASSES[known.classCode[0]], known.daysSincePayment[0]]).to.deep.equal(['sleeping', 91]);
  });
});

describe('the last-activity time the CRM keeps on cards and deals', () => {
  it('counts as an interaction: the latest of the company, its contacts and its deals, never one in the future', () => {
    // Company Z with contacts a (activity 20 June) and b (activity 25 June, later than Z's own
    // 10 June); B2C contact c with a deal whose last activity (28 June) is later than c's (1 June);
    // B2C contact d whose only time is after "now" (a clock ahead): no interaction at all.
    const { idx, result } = classify(
      [contact('a', { companyIds: ['Z'], lastActivityAt: noon(2024, 6, 20) }), contact('b', { companyIds: ['Z'], lastActivityAt: noon(2024, 6, 25) }), contact('c', { lastActivityAt: noon(2024, 6, 1) }), contact('d', { lastActivityAt: NOW + DAY })],
      { deals: [deal('1', { contactIds: ['c'], createdAt: noon(2024, 1, 5), lastActivityAt: noon(2024, 6, 28) })] },
      [company('Z', { contactIds: ['a', 'b'], lastActivityAt: noon(2024, 6, 10) })],
    );
    const at = (key: string) => result.lastInteractionAt[(idx.byKey(key) as { index: number }).index];
    expect(at('company:Z')).to.equal(noon(2024, 6, 25));
    expect(at('contact:c')).to.equal(noon(2024, 6, 28));
    expect(Number.isNaN(at('contact:d'))).to.equal(true);
  });

  it('changes no class: a card touched recently but without dialogs read stays in its class', () => {
    const { cls } = classify([contact('a', { lastActivityAt: noon(2024, 6, 20), comms: [{ type: 'phone', value: '+7 900 000-00-00' }] })]);
    expect(cls('contact:a')).to.equal('contacts');
  });

  it('is carried through the streamed packing head like the contact data', () => {
    const idx = buildClients([contact('a', { lastActivityAt: noon(2024, 6, 20) })], []);
    const packed = packClassificationInput(idx, none);
    expect([...packed.touchedAt]).to.deep.equal([noon(2024, 6, 20)]);
  });
});
