import { expect } from '@open-wc/testing';
import { packClassificationInput, packClassificationInputAsync, type PackedClassificationInput } from './classification.js';
import { buildClients, buildClientsAsync, type ClientIndex } from './clients.js';
import { activity, company, contact, DAY, deal, payment, T0 } from './fixtures.js';
import { runSteps, runStepsSliced, type Steps } from './slices.js';

// 1,200 companies with 2 contacts each, 1,500 free contacts, a contact in two companies, and
// 3,000 records of each kind: more than one batch everywhere, small enough for a quick test.
const companies = Array.from({ length: 1200 }, (_, i) => company(`co${i}`, { contactIds: i === 0 ? ['m', `c${i}a`] : [`c${i}a`], comms: i % 3 ? [] : [{ type: 'phone', value: '1' }] }));
const contacts = [
  ...Array.from({ length: 1200 }, (_, i) => contact(`c${i}b`, { companyIds: [`co${i}`] })),
  ...Array.from({ length: 1200 }, (_, i) => contact(`c${i}a`)),
  contact('m', { companyIds: ['co1'] }),
  ...Array.from({ length: 1500 }, (_, i) => contact(`f${i}`, { comms: i % 2 ? [{ type: 'email', value: 'x' }] : [] })),
];
const records = {
  deals: Array.from({ length: 3000 }, (_, i) => deal(`d${i}`, i % 2 ? { companyId: `co${i % 1200}` } : { contactIds: [`f${i % 1500}`] })),
  invoices: [],
  payments: Array.from({ length: 3000 }, (_, i) => payment(`p${i}`, T0 - i * DAY, i % 3 ? { contactId: 'm' } : { dealId: `d${i}` })),
  activities: Array.from({ length: 3000 }, (_, i) => activity(`a${i}`, { completed: i % 4 !== 0, deadline: T0 + i * DAY, bindings: [i % 2 ? { kind: 'contact', id: `c${i % 1200}b` } : { kind: 'deal', id: `d${i}` }] })),
};

/** Everything a classification reads of an index, comparable with deep equality. */
function shape(idx: ClientIndex) {
  return {
    clients: idx.clients,
    m: idx.ofContact('m'),
    co5: idx.ofCompany('co5'),
    f7: idx.ofContact('f7'),
    parties: idx.ofParties(undefined, ['m', 'c3b']),
    byKey: idx.byKey('contact:f9')?.index,
  };
}

const columns = (p: PackedClassificationInput) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));

describe('client rules in slices', () => {
  it('builds the same clients and index in slices as at once', async () => {
    const once = buildClients(contacts, companies);
    const sliced = await buildClientsAsync(contacts, companies, { budgetMs: 0 });
    expect(sliced.clients.length).to.equal(1200 + 1500); // companies plus free contacts
    expect(sliced.ofContact('m')).to.deep.equal([0, 1]); // in both co0 and co1
    expect(shape(sliced)).to.deep.equal(shape(once));
  });

  it('packs the same columns in slices as at once, each column in its own transferable buffer', async () => {
    const idx = buildClients(contacts, companies);
    const once = packClassificationInput(idx, records);
    const sliced = await packClassificationInputAsync(idx, records, { budgetMs: 0 });
    expect(columns(sliced)).to.deep.equal(columns(once));
    expect(sliced.actClient.length).to.be.greaterThan(2000);
    const buffers = Object.values(sliced).filter((v) => ArrayBuffer.isView(v)) as ArrayBufferView[];
    expect(new Set(buffers.map((v) => v.buffer)).size).to.equal(buffers.length);
  });

  it('stops between slices when aborted', async () => {
    const ctrl = new AbortController();
    const run = buildClientsAsync(contacts, companies, { budgetMs: 0, signal: ctrl.signal });
    ctrl.abort();
    let error: unknown;
    await run.catch((e: unknown) => (error = e));
    expect((error as Error).name).to.equal('AbortError');
  });

  it('runs steps to the same value at once and in slices', async () => {
    function* count(): Steps<number> {
      let n = 0;
      for (let i = 0; i < 10; i++) {
        n += i;
        yield;
      }
      return n;
    }
    expect(runSteps(count())).to.equal(45);
    expect(await runStepsSliced(count(), { budgetMs: 0 })).to.equal(45);
  });
});
