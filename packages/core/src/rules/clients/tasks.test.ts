import { expect } from '@open-wc/testing';
import { runInWorker } from '../../worker/runner.js';
import { assemblePackedInput, classifyPacked, packClassificationChunksSteps, packClassificationInput, transferablesOf, CLIENT_CLASSES, type PackedChunk } from './classification.js';
import { runSteps } from './slices.js';
import { buildClients } from './clients.js';
import { activity, contact, DAY, deal, payment } from './fixtures.js';
import { classifyClientsStreamTask, classifyClientsTask, forgottenFlags } from './tasks.js';

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

describe('clients.classify-stream worker task', () => {
  const now = Date.UTC(2024, 5, 30, 12);
  const idx = () => buildClients([contact('a'), contact('b'), contact('c')], []);
  const records = {
    deals: [deal('d1', { contactIds: ['c'] }), deal('d2', { contactIds: ['c', 'b'] })],
    invoices: [],
    activities: [activity('x', { bindings: [{ kind: 'contact', id: 'c' }], completedAt: now - 3 * DAY }), activity('y', { bindings: [{ kind: 'contact', id: 'b' }], completed: false, deadline: now + DAY })],
    payments: [payment('1', now - 10 * DAY, { contactId: 'a' }), payment('2', now - 200 * DAY, { contactId: 'b' }), payment('3', now - 400 * DAY, { contactId: 'a' })],
  };

  it('packs in chunks that join back into the one-piece input', () => {
    const chunks: PackedChunk[] = [];
    const head = runSteps(packClassificationChunksSteps(idx(), records, (c) => chunks.push(c), 1));
    expect(head.payClient.length + head.actClient.length + head.reqClient.length).to.equal(0);
    expect(chunks.filter((c) => c.kind === 'pay')).to.have.length(3);
    const joined = assemblePackedInput(head, chunks);
    const whole = packClassificationInput(idx(), records);
    for (const k of Object.keys(whole) as (keyof typeof whole)[]) expect(ArrayBuffer.isView(whole[k]) ? Array.from(joined[k] as Int32Array) : joined[k], k).to.deep.equal(ArrayBuffer.isView(whole[k]) ? Array.from(whole[k] as Int32Array) : whole[k]);
  });

  it('classifies chunks streamed over a port exactly as the one-message task', async () => {
    const local = classifyPacked(packClassificationInput(idx(), records), { now });
    const channel = new MessageChannel();
    const remote = runInWorker(classifyClientsStreamTask, { port: channel.port2, options: { now }, forgottenDays: 30 }, { transfer: [channel.port2] });
    const head = runSteps(packClassificationChunksSteps(idx(), records, (c) => channel.port1.postMessage({ type: 'chunk', ...c }, c.cols.map((x) => x.buffer as ArrayBuffer)), 2));
    channel.port1.postMessage({ type: 'end', head: { clientCount: head.clientCount, commFlags: head.commFlags, touchedAt: head.touchedAt } });
    const out = await remote;
    for (const k of ['classCode', 'daysSincePayment', 'paymentCount', 'dealCount', 'dialogCount', 'lastInteractionAt', 'plannedCount'] as const) {
      expect(Array.from(out[k]), k).to.deep.equal(Array.from(local[k]));
    }
    expect(Array.from(out.classCode, (c) => CLIENT_CLASSES[c])).to.deep.equal(['active', 'sleeping', 'requests']);
    expect(Array.from(out.forgotten ?? [])).to.deep.equal([0, 0, 0]);
  });
});
