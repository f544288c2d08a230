/**
 * The client base's Refresh after a page reload (a new adapter, the cache the first load filled)
 * must show what a fresh load shows: the same records in every list and the same classes, after
 * changes that a count-based id check could miss (an invoice unpaid where another was paid, a
 * deal losing its company, a task completed) and deletions, and a new dialog of a card it asks.
 * It must also cost a fraction of a load.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClients, cachedKeyedList, DEFAULT_FORGOTTEN_DAYS, cachedList, classifyClients, openCache, type CrmCache } from '@crmkit/core';
import { generateMockCrm } from '@crmkit/adapter-mock';
import { startEmulator, type Emulator } from '../emulator/server.js';
import type { Bitrix24Adapter } from '../src/bitrix24-adapter.js';
import { reloadedAdapter } from './reloaded.js';
import { loadClientBaseLists, type ClientBaseLists, type KeyedListLoader, type ListLoader } from '../../widgets/src/client-base/client-base-lists.js';
import { recentDealsStart } from '../../widgets/src/client-base/client-base-queries.js';

const NOW = Date.UTC(2026, 10, 26);
const DAY = 86_400_000;

async function clientBase(a: Bitrix24Adapter, cache: CrmCache | undefined, refresh: boolean): Promise<ClientBaseLists> {
  const load: ListLoader = async (entity, query) => (await cachedList(a, entity, query, { cache, refresh })).items;
  const keyed: KeyedListLoader = async (entity, spec) => (await cachedKeyedList(a, entity, spec, { cache, refresh })).items;
  return loadClientBaseLists(load, load, { recordActivityTime: true, keyed, recentDealsFrom: recentDealsStart(NOW, DEFAULT_FORGOTTEN_DAYS) });
}

const idsOf = (list: readonly { id: string }[]): string[] => list.map((r) => r.id).sort();

describe('the client base Refresh on Bitrix24', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator(generateMockCrm({ scale: 'default' }), { bucket: false, operating: false });
  });
  after(() => emu.close());

  test('shows what a fresh load shows, for a fraction of its rows', async () => {
    const t = emu.tables as unknown as Record<'contact' | 'deal' | 'smartInvoice' | 'activity', Record<string, unknown>[]>;
    let clock = Math.max(...t.smartInvoice.map((r) => Number(r.UPDATED_TIME)), ...t.activity.map((r) => Number(r.LAST_UPDATED))) + DAY;
    const cache = await openCache({ origin: 'https://cb-refresh.test', userId: '1' }, { persistent: false, now: () => clock });
    try {
      emu.control({ resetStats: true });
      const first = await clientBase(reloadedAdapter(emu), cache, false);
      const loadRows = Object.values(emu.stats.rows).reduce((x, y) => x + y, 0);
      assert.ok(first.dialogCards > 0, 'some cards have their dialogs asked');

      // The next day.
      clock += DAY;
      const at = clock - 3_600_000;
      // An invoice unpaid and, a few ids on, another paid: one counted range.
      const paid = t.smartInvoice.findIndex((r, i) => i > 10 && r.STAGE_ID === 'DT31_1:P');
      const unpaid = t.smartInvoice.findIndex((r, i) => i > paid && r.STAGE_ID !== 'DT31_1:P');
      t.smartInvoice[paid] = { ...t.smartInvoice[paid], STAGE_ID: 'DT31_1:S', UPDATED_TIME: at, MOVED_TIME: at };
      t.smartInvoice[unpaid] = { ...t.smartInvoice[unpaid], STAGE_ID: 'DT31_1:P', UPDATED_TIME: at, MOVED_TIME: at };
      // A deal loses its company (it moves between the client base's two deal lists).
      const withCompany = t.deal.findIndex((r) => Number(r.COMPANY_ID) > 0);
      t.deal[withCompany] = { ...t.deal[withCompany], COMPANY_ID: 0, DATE_MODIFY: at };
      // An open task completed.
      const open = t.activity.findIndex((r) => r.COMPLETED === 'N' || r.COMPLETED === false);
      t.activity[open] = { ...t.activity[open], COMPLETED: 'Y', LAST_UPDATED: at };
      // A contact renamed.
      t.contact[3] = { ...t.contact[3], NAME: 'Переименованный', DATE_MODIFY: at };
      // A new call of a card whose dialogs are asked (a copy of one of its dialogs).
      const done = first.activities.find((a) => a.kind === 'call' && a.completed);
      const dialog = t.activity.find((r) => String(r.ID) === done?.id);
      assert.ok(dialog, 'a completed call among the dialogs read');
      const newId = Math.max(...t.activity.map((r) => Number(r.ID))) + 1;
      t.activity.push({ ...dialog, ID: newId, CREATED: at, START_TIME: at, END_TIME: at, LAST_UPDATED: at });
      // Deletions: two deals and an invoice, and a company-less deal of a client without payments
      // (a keyed list: found by counting the copy's ids).
      const recentFrom = recentDealsStart(NOW, DEFAULT_FORGOTTEN_DAYS);
      const keyedDeal = first.deals.find((d) => !d.companyId && d.createdAt < recentFrom && d.id !== String(t.deal[withCompany].ID));
      assert.ok(keyedDeal, 'a company-less deal was read');
      t.deal.splice(t.deal.findIndex((r) => String(r.ID) === keyedDeal.id), 1);
      for (const [rows, i] of [[t.deal, 40], [t.deal, 400], [t.smartInvoice, 70]] as const) rows.splice(i, 1);

      emu.control({ resetStats: true });
      const refreshed = await clientBase(reloadedAdapter(emu), cache, true);
      const refreshRows = Object.values(emu.stats.rows).reduce((x, y) => x + y, 0);
      const fresh = await clientBase(reloadedAdapter(emu), undefined, false);

      for (const k of ['contacts', 'companies', 'deals', 'invoices', 'payments', 'activities'] as const) {
        assert.deepEqual(idsOf(refreshed[k]), idsOf(fresh[k]), `${k}: the refreshed copy equals a fresh load`);
      }
      assert.ok(!refreshed.payments.some((p) => p.id === String(t.smartInvoice[paid].ID)), 'the unpaid invoice is no payment');
      assert.ok(!refreshed.deals.some((d) => d.id === keyedDeal.id), 'the deleted company-less deal is gone');
      assert.ok(refreshed.activities.some((a) => a.id === String(newId)), 'the new call is among the dialogs');
      const renamed = refreshed.contacts.find((c) => c.id === String(t.contact[3].ID));
      assert.equal(renamed?.firstName ?? renamed?.name.split(' ')[0], 'Переименованный');
      const classes = (l: ClientBaseLists) => [...classifyClients(buildClients(l.contacts, l.companies), l, { now: NOW, timeZone: 'Europe/Moscow' }).classCode];
      assert.deepEqual(classes(refreshed), classes(fresh));
      assert.ok(refreshRows * 4 < loadRows, `${refreshRows} rows to refresh, ${loadRows} to load`);
      console.log(`# client base refresh on the emulator (default portal): ${refreshRows} rows, the first load ${loadRows}`);
    } finally {
      cache.close();
    }
  });
});
