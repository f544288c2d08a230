import { expect } from '@open-wc/testing';
import {
  isCrmError,
} from '@crmkit/core/adapter/index.js';
import {
  type EntityName,
} from '@crmkit/core/model/index.js';
import { Bitrix24Adapter, clearBitrix24Dictionaries } from './bitrix24-adapter.js';
import { resetSharedClients } from './rest-client.js';
import { createPortal, type PortalHandle } from './testing/emulator-client.js';

/** The entities the adapter reads; each must agree across list, get, count and listIds. */
const ENTITIES: readonly EntityName[] = ['deal', 'contact', 'company', 'lead', 'invoice', 'stageMove'];

describe('Bitrix24 adapter in the browser, on the emulator', () => {
  let portal: PortalHandle;
  before(async () => {
    portal = await createPortal({ fixture: { extraDeals: 2700 }, options: { bucket: false, operating: false } });
  });
  after(() => portal.close());
  afterEach(() => {
    resetSharedClients();
    clearBitrix24Dictionaries();
  });

  it('lists, counts, gets and lists ids consistently for every entity it reads', async () => {
    const a = new Bitrix24Adapter({ webhook: portal.webhook });
    for (const entity of ENTITIES) {
      const { items } = await a.list(entity);
      const ids = await a.listIds(entity);
      expect(ids, entity).to.deep.equal(items.map((r) => (r as { id: string }).id));
      if (entity !== 'stageMove') expect(await a.count(entity), entity).to.equal(items.length);
      if (items.length && entity !== 'stageMove' && entity !== 'lead') {
        const first = items[0] as { id: string };
        expect((await a.get(entity, first.id)).id, entity).to.equal(first.id);
      }
    }
  });

  it('loads 2,703 dense-ID deals in at most ceil(N/2500)+2 requests', async () => {
    const a = new Bitrix24Adapter({ webhook: portal.webhook });
    await a.list('funnel');
    await portal.control({ resetStats: true });
    const { items } = await a.list('deal', { fields: ['id', 'title', 'stageId', 'amount'] });
    const stats = await portal.stats();
    expect(items.length).to.equal(2703);
    expect(stats.requests).to.be.at.most(Math.ceil(2703 / 2500) + 2);
  });

  it('pages a sorted list with a cursor, as the timeline loads older records', async () => {
    const a = new Bitrix24Adapter({ webhook: portal.webhook });
    const page1 = await a.list('deal', { order: { field: 'id', direction: 'desc' }, limit: 30 });
    expect(page1.items.length).to.equal(30);
    expect(page1.total).to.equal(2703);
    const page2 = await a.list('deal', { order: { field: 'id', direction: 'desc' }, limit: 30, cursor: page1.nextCursor });
    expect(Number(page2.items[0].id)).to.equal(Number(page1.items[29].id) - 1);
  });

  it('turns an unknown webhook into a typed access error without retrying', async () => {
    const a = new Bitrix24Adapter({ webhook: `${portal.origin}/rest/1/not-the-secret/` });
    let error: unknown;
    try {
      await a.list('deal');
    } catch (e) {
      error = e;
    }
    expect(isCrmError(error) && error.code).to.equal('access-denied');
  });
});

describe('Bitrix24 adapter fault runs in the browser', () => {
  afterEach(() => {
    resetSharedClients();
    clearBitrix24Dictionaries();
  });

  it('completes a full load through seeded 500s, dropped connections, truncated JSON and slow answers', async () => {
    const portal = await createPortal({
      fixture: { extraDeals: 600 },
      options: { bucket: false, operating: false, faults: { script: ['ok', '500', 'drop', 'truncate', 'slow'], rate: 0.2, seed: 11, kinds: ['500', 'drop', 'truncate', 'slow'], slowMs: 50 } },
    });
    try {
      const a = new Bitrix24Adapter({ webhook: portal.webhook, client: { backoffMs: 10, maxRetries: 8 } });
      const { items } = await a.list('deal');
      expect(items.length).to.equal(603);
      expect((await portal.stats()).faults).to.be.greaterThan(0);
    } finally {
      await portal.close();
    }
  });

  it('waits out QUERY_LIMIT_EXCEEDED and OPERATION_TIME_LIMIT and still answers', async () => {
    const portal = await createPortal({
      fixture: { extraDeals: 200 },
      options: { bucket: { burst: 3, rate: 4 }, operating: { limitSec: 0.05, baseCost: 0.03, windowMs: 500 } },
    });
    try {
      const a = new Bitrix24Adapter({ webhook: portal.webhook, limit: { burst: 50, rate: 50 }, client: { backoffMs: 50 } });
      const counts = [];
      for (let i = 0; i < 4; i++) counts.push(await a.count('deal'));
      expect(counts).to.deep.equal([203, 203, 203, 203]);
      const stats = await portal.stats();
      expect(stats.rejected503 + stats.rejected429).to.be.greaterThan(0);
    } finally {
      await portal.close();
    }
  });
});
