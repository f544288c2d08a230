/**
 * Trust, in the browser: read-only widgets never reach a CRM write; user B on the same browser
 * never sees user A's cached data. (Forgetting everything is tested in tests/node/demo.test.ts, in
 * a browser profile of its own, since it deletes every crmkit database of the origin.)
 */
import { expect } from '@open-wc/testing';
import { SnapshotAdapter, createMockAdapter, generateMockCrm } from '@crmkit/adapter-mock';
import { cachedList, openCacheFor, type DataAdapter } from '@crmkit/core';
import '@crmkit/widgets/all.js';
import { renderWidget, walkShadow, settle } from '../support/widgets.js';

const NOW = Date.UTC(2026, 10, 25, 9);
const WRITES = ['holdApartment', 'releaseApartment', 'createBookings', 'cancelBooking'] as const;

/** Wraps an adapter and records every write method anyone reaches for, even without calling it. */
function recordingWrites(inner: DataAdapter): { adapter: DataAdapter; touched: string[] } {
  const touched: string[] = [];
  const adapter = new Proxy(inner, {
    get(target, prop, receiver) {
      if ((WRITES as readonly (string | symbol)[]).includes(prop)) touched.push(String(prop));
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { adapter, touched };
}

describe('read-only widgets never reach a write', function () {
  this.timeout(120_000);
  const readOnly = ['crm-client-timeline', 'crm-activity-counters', 'crm-client-base', 'crm-forgotten-deals', 'crm-registry-conversion'];

  for (const tag of readOnly) {
    it(`${tag}: rendering and clicking every button touches no write method`, async () => {
      const mock = createMockAdapter({ scale: 'small', seed: 5, now: NOW, persistBookings: false });
      const { adapter, touched } = recordingWrites(mock);
      const client = (await mock.list('company', { limit: 1 })).items[0];
      const el = await renderWidget(tag, adapter, client ? { 'entity-type': 'company', 'entity-id': client.id } : {});
      const origOpen = window.open;
      window.open = (() => null) as typeof window.open;
      try {
        const buttons = walkShadow(el).filter((e) => e.localName === 'button' && !/csv|excel|xlsx|экспорт|export/i.test(e.textContent ?? '')).slice(0, 40);
        expect(buttons.length).to.be.greaterThan(0);
        for (const b of buttons) {
          if (b.isConnected) (b as HTMLButtonElement).click();
        }
        await settle(el);
      } finally {
        window.open = origOpen;
      }
      expect(touched).to.deep.equal([]);
      el.remove();
    });
  }
});

describe('the cache on a shared computer', function () {
  this.timeout(60_000);
  const base = generateMockCrm({ scale: 'small', seed: 9, now: NOW });

  it('user B never sees user A\'s cached deals', async () => {
    const allDeals = base.entities.deal ?? [];
    // A fresh origin per run, so earlier runs' caches do not count as this run's.
    const origin = `https://shared-${Date.now()}.example`;
    const user = (userId: string, deals: typeof allDeals): DataAdapter =>
      new SnapshotAdapter({ ...base, origin, userId, entities: { ...base.entities, deal: deals } });
    const a = user('1', allDeals);
    const b = user('2', allDeals.slice(0, 3));
    const cacheA = await openCacheFor(a);
    const first = await cachedList(a, 'deal', {}, { cache: cacheA });
    expect(first.items.length).to.equal(allDeals.length);
    expect((await cachedList(a, 'deal', {}, { cache: cacheA })).fromCache).to.equal(true);

    const cacheB = await openCacheFor(b);
    const seenByB = await cachedList(b, 'deal', {}, { cache: cacheB });
    expect(seenByB.fromCache, 'B starts with no cache').to.equal(false);
    expect(seenByB.items.map((d) => d.id)).to.deep.equal(allDeals.slice(0, 3).map((d) => d.id));
    expect((await cachedList(b, 'deal', {}, { cache: cacheB })).items.length, 'B\'s cache holds only what B may see').to.equal(3);
  });
});
