/**
 * A filtered list refreshed through the cache, after a page reload: the payments (paid smart
 * invoices) are checked by counting id ranges against the copy. An invoice that stopped being
 * paid while another in the same range became paid leaves that range's count unchanged; the
 * refresh must still drop the first and add the second, and cost a fraction of a reload.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cachedList, openCache, type Payment } from '@crmkit/core';
import { generateMockCrm } from '@crmkit/adapter-mock';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { reloadedAdapter } from './reloaded.js';

const rowsRead = (emu: Emulator): number => Object.values(emu.stats.rows).reduce((a, b) => a + b, 0);

describe('refresh of a filtered list (payments) against the cached copy', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator(generateMockCrm({ scale: 'default' }), { bucket: false, operating: false });
  });
  after(() => emu.close());

  test('an invoice no longer paid is dropped even when another in its id range became paid', async () => {
    const rows = emu.tables.smartInvoice as Record<string, unknown>[];
    // The copy is made a day after the portal's last change, so "modified since" finds only ours.
    let now = Math.max(...rows.map((r) => Number(r.UPDATED_TIME))) + 86_400_000;
    const cache = await openCache({ origin: 'https://filtered-refresh.test', userId: '1' }, { persistent: false, now: () => now });
    try {
      const first = await cachedList(reloadedAdapter(emu), 'payment', {}, { cache });
      assert.ok(first.items.length > 1000, `${first.items.length} payments`);
      // Two invoices a few ids apart (one counted range): a paid one reopened, an unpaid one paid.
      const paidAt = rows.findIndex((r, i) => i > rows.length / 2 && r.STAGE_ID === 'DT31_1:P');
      const unpaidAt = rows.findIndex((r, i) => i > paidAt && r.STAGE_ID !== 'DT31_1:P');
      assert.ok(paidAt > 0 && unpaidAt > paidAt && unpaidAt - paidAt < 40, `ids ${String(rows[paidAt]?.ID)} and ${String(rows[unpaidAt]?.ID)}`);
      now += 3_600_000;
      const left = String(rows[paidAt].ID);
      const entered = String(rows[unpaidAt].ID);
      rows[paidAt] = { ...rows[paidAt], STAGE_ID: 'DT31_1:S', UPDATED_TIME: now - 1000, MOVED_TIME: now - 1000 };
      rows[unpaidAt] = { ...rows[unpaidAt], STAGE_ID: 'DT31_1:P', UPDATED_TIME: now - 500, MOVED_TIME: now - 500 };

      emu.control({ resetStats: true });
      const refreshed = await cachedList(reloadedAdapter(emu), 'payment', {}, { cache, refresh: true });
      const refreshRequests = emu.stats.requests;
      const refreshRows = rowsRead(emu);
      const ids = new Set(refreshed.items.map((p: Payment) => p.id));
      assert.ok(!ids.has(left), `invoice ${left}, no longer paid, is not a payment`);
      assert.ok(ids.has(entered), `invoice ${entered}, paid now, is a payment`);
      assert.equal(refreshed.items.length, first.items.length);

      emu.control({ resetStats: true });
      const reload = await reloadedAdapter(emu).list('payment', {});
      assert.deepEqual([...ids].sort(), reload.items.map((p) => p.id).sort(), 'the refreshed copy equals a full reload');
      // Rows are what the portal's operating time is charged for.
      assert.ok(refreshRows * 5 < rowsRead(emu), `${refreshRows} rows read to refresh, ${rowsRead(emu)} to reload`);
      console.log(`# payments refresh after a reload, ${first.items.length} payments: ${refreshRequests} requests and ${refreshRows} rows; a full reload ${emu.stats.requests} requests and ${rowsRead(emu)} rows`);
    } finally {
      cache.close();
    }
  });
});
