import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SnapshotAdapter } from '@crmkit/adapter-mock';
import { openCacheFor, type CrmCache } from '@crmkit/core';
import { clientsSnapshot, CLIENTS_NOW } from '../client-timeline/client-fixtures.js';
import { CLIENT_BASE_RESULT, CLIENT_BASE_SUMMARY, loadClientBase, type ClientBaseData } from './client-base-data.js';
import './crm-client-base.js';
import type { CrmClientBase } from './client-base.js';

const DAY = 86_400_000;

/** What a person sees of each client: name, type, class, why, dates, forgotten. */
function seen(d: ClientBaseData) {
  return d.rows
    .map((r) => ({ client: r.client, name: r.name, type: r.type, class: r.class, evidence: r.evidence, pay: r.lastPaymentAt, touch: r.lastInteractionAt, forgotten: r.forgotten, modifiedAt: r.modifiedAt }))
    .sort((a, b) => a.client.key.localeCompare(b.client.key));
}

describe('client base warm start (stored classification)', () => {
  let cache: CrmCache | undefined;
  afterEach(async () => {
    await cache?.clear();
    cache?.close();
  });

  it('gives a reload the stored classification first, equal to the full one; a forced refresh skips it', async () => {
    const adapter = new SnapshotAdapter({ ...clientsSnapshot, origin: `mock://warm-${Date.now()}-${Math.random()}` });
    const options = { signal: new AbortController().signal, force: false, now: CLIENTS_NOW, thresholds: {}, forgottenDays: 5 };
    let early: ClientBaseData | undefined;
    const first = await loadClientBase(adapter, { ...options, onStored: (d) => (early = d) });
    expect(early, 'nothing stored before the first load').to.equal(undefined);
    cache = await openCacheFor(adapter);
    const c = cache;
    await waitUntil(async () => (await c.getResult(CLIENT_BASE_RESULT)) !== undefined, 'classification not stored', { timeout: 8000 });

    await waitUntil(async () => (await c.getResult(CLIENT_BASE_SUMMARY)) !== undefined, 'summary not stored', { timeout: 8000 });
    const handed: ClientBaseData[] = [];
    const second = await loadClientBase(adapter, { ...options, onStored: (d) => handed.push(d) });
    // First the numbers alone (the small summary record), then the whole stored classification.
    expect(handed.map((d) => d.partial === true)).to.deep.equal([true, false]);
    const counts = (d: ClientBaseData) => Array.from(d.result.classCode).join() + '|' + Array.from(d.clients.types).join() + '|' + Array.from(d.forgottenFlags ?? []).join();
    expect(counts(handed[0])).to.equal(counts(first));
    expect(handed[0].fetchedAt).to.equal(second.fetchedAt);
    early = handed[1];
    expect(early?.stored).to.equal(true);
    expect(early?.fetchedAt).to.equal(second.fetchedAt);
    expect(seen(early as ClientBaseData)).to.deep.equal(seen(first));
    expect(seen(second)).to.deep.equal(seen(first));
    expect(early?.result.suggestion).to.deep.equal(first.result.suggestion);
    expect([...(early?.employees.keys() ?? [])]).to.deep.equal([...first.employees.keys()]);

    // A reload ten days later: the payment classes and day counts follow the new day.
    let later: ClientBaseData | undefined;
    const full = await loadClientBase(adapter, { ...options, now: CLIENTS_NOW + 10 * DAY, onStored: (d) => (later = d) });
    const classes = (d: ClientBaseData) => seen(d).map((r) => [r.name, r.class, r.evidence]);
    expect(classes(later as ClientBaseData)).to.deep.equal(classes(full));

    let forced: ClientBaseData | undefined;
    await loadClientBase(adapter, { ...options, force: true, onStored: (d) => (forced = d) });
    expect(forced, 'a forced refresh recomputes').to.equal(undefined);
  });

  it('stores nothing in a memory-only cache (nothing survives a reload there)', async () => {
    const adapter = new SnapshotAdapter({ ...clientsSnapshot, origin: `mock://warm-mem-${Date.now()}-${Math.random()}` });
    const options = { signal: new AbortController().signal, force: false, now: CLIENTS_NOW, thresholds: {}, persistent: false };
    let early: ClientBaseData | undefined;
    await loadClientBase(adapter, options);
    const again = await loadClientBase(adapter, { ...options, onStored: (d) => (early = d) });
    expect(early).to.equal(undefined);
    expect(again.rows.length).to.equal(4);
  });
});

describe('<crm-client-base> warm start', () => {
  it('paints a reload from the stored classification, with "data as of", then the same numbers', async () => {
    const adapter = new SnapshotAdapter({ ...clientsSnapshot, origin: `mock://warm-el-${Date.now()}-${Math.random()}` });
    const mount = () => fixture<CrmClientBase>(html`<crm-client-base lang="ru" .now=${CLIENTS_NOW} .adapter=${adapter}></crm-client-base>`);
    const tiles = (el: CrmClientBase) => [...(el.shadowRoot?.querySelectorAll('.tile .n') ?? [])].map((n) => n.textContent);
    const first = await mount();
    await waitUntil(() => first.shadowRoot?.querySelector('crm-data-table'), 'first load', { timeout: 8000 });
    const expected = tiles(first);
    const cache = await openCacheFor(adapter);
    await waitUntil(async () => (await cache.getResult(CLIENT_BASE_RESULT)) !== undefined, 'classification not stored', { timeout: 8000 });
    first.remove();

    performance.clearMarks('crm-client-base:first-meaningful-paint');
    const el = await mount();
    await waitUntil(() => performance.getEntriesByName('crm-client-base:first-meaningful-paint').length > 0, 'no first paint', { timeout: 8000 });
    const mark = performance.getEntriesByName('crm-client-base:first-meaningful-paint')[0] as PerformanceMark;
    expect((mark.detail as { stored: boolean }).stored).to.equal(true);
    expect(tiles(el)).to.deep.equal(expected);
    expect(el.shadowRoot?.textContent).to.include('Данные на');
    await waitUntil(() => el.shadowRoot?.querySelector('crm-data-table'), 'list', { timeout: 8000 });
    await expect(el).to.be.accessible();
    await cache.clear();
    cache.close();
  });
});
