import { expect } from '@open-wc/testing';
import { runInWorker } from '../../worker/runner.js';
import { classifyPacked, packClassificationInput, transferablesOf, CLIENT_CLASSES } from './classification.js';
import { buildClients } from './clients.js';
import { contact, DAY, payment } from './fixtures.js';
import { classifyClientsTask, forgottenFlags } from './tasks.js';

describe('clients.classify worker task', () => {
  it('classifies in the worker exactly as on the main thread', async () => {
    const now = Date.UTC(2024, 5, 30, 12);
    const idx = buildClients([contact('a'), contact('b'), contact('c')], []);
    const records = {
      deals: [],
      invoices: [],
      activities: [],
      payments: [payment('1', now - 10 * DAY, { contactId: 'a' }), payment('2', now - 200 * DAY, { contactId: 'b' })],
    };
    const local = classifyPacked(packClassificationInput(idx, records), { now });
    const packed = packClassificationInput(idx, records);
    const remote = await runInWorker(classifyClientsTask, { packed, options: { now } }, { transfer: transferablesOf(packed) });
    expect(Array.from(remote.classCode, (c) => CLIENT_CLASSES[c])).to.deep.equal(['active', 'sleeping', 'no-contacts']);
    expect(Array.from(remote.classCode)).to.deep.equal(Array.from(local.classCode));
    expect(remote.daysSincePayment[1]).to.equal(200);
  });
});

describe('clients.classify worker task with forgotten flags', () => {
  it('flags forgotten clients in the worker as isForgotten does', async () => {
    const now = Date.UTC(2024, 5, 30, 12);
    const idx = buildClients([contact('a'), contact('b')], []);
    // a paid 10 days ago (not forgotten at 30 days); b never interacted (forgotten).
    const records = { deals: [], invoices: [], activities: [], payments: [payment('1', now - 10 * DAY, { contactId: 'a' })] };
    const packed = packClassificationInput(idx, records);
    const out = await runInWorker(classifyClientsTask, { packed, options: { now }, forgottenDays: 30 }, { transfer: transferablesOf(packed) });
    expect(Array.from(out.forgotten ?? [])).to.deep.equal([0, 1]);
    const nine = forgottenFlags(out, { now, days: 9 });
    expect(Array.from(nine)).to.deep.equal([1, 1]);
  });
});
