/**
 * A refresh after a page reload: the adapter's id index is gone, but the cache knows the ids of
 * its copy. `listIds(…, { knownIds })` counts the copy's ranges (50 a request) and rescans only
 * those that changed, instead of listing every id again (2,500 a request).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMockCrm } from '@crmkit/adapter-mock';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { reloadedAdapter } from './reloaded.js';

describe('listIds with the ids of a cached copy', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator(generateMockCrm({ scale: 'default' }), { bucket: false, operating: false });
  });
  after(() => emu.close());

  test('finds deletions and new records by range counts after a reload, in a fraction of the requests', async () => {
    const first = reloadedAdapter(emu);
    const cached = (await first.list('deal', { fields: ['id'] })).items.map((d) => d.id);
    assert.ok(cached.length > 9000, `${cached.length} deals`);
    // Three deals deleted in different places of the id space, one created after the copy.
    const rows = emu.tables.deal as Record<string, unknown>[];
    const gone = [rows[10], rows[4000], rows[9000]].map((r) => String(r.ID));
    for (const id of gone) rows.splice(rows.findIndex((r) => String(r.ID) === id), 1);
    const maxId = Math.max(...rows.map((r) => Number(r.ID)));
    rows.push({ ...rows[rows.length - 1], ID: maxId + 7 });
    const live = rows.map((r) => String(r.ID)).sort((a, b) => Number(a) - Number(b));

    emu.control({ resetStats: true });
    const scanned = await reloadedAdapter(emu).listIds('deal');
    const fullRequests = emu.stats.requests;
    emu.control({ resetStats: true });
    const checked = await reloadedAdapter(emu).listIds('deal', undefined, { knownIds: cached });
    const knownRequests = emu.stats.requests;

    assert.deepEqual([...scanned].sort((a, b) => Number(a) - Number(b)), live);
    assert.deepEqual([...checked].sort((a, b) => Number(a) - Number(b)), live);
    for (const id of gone) assert.ok(!checked.includes(id), `deleted ${id} is gone`);
    assert.ok(checked.includes(String(maxId + 7)), 'the new deal is found');
    // 4 ranges of 2,500 counted in one request, 3 of them rescanned, and the tail.
    assert.ok(knownRequests < fullRequests, `${knownRequests} requests with known ids < ${fullRequests} listing every id`);
    console.log(`# listIds after a reload, ${cached.length} deals: ${knownRequests} requests with the cached ids, ${fullRequests} listing every id`);
  });

  test('counts and lists activities by id through crm.activity.list alone (which of a cached copy still exist)', async () => {
    const rows = emu.tables.activity as Record<string, unknown>[];
    const ids = rows.slice(100, 600).map((r) => String(r.ID));
    const a = reloadedAdapter(emu);
    const byIds = [{ field: 'id', op: 'in' as const, value: ids }];
    assert.equal(await a.count('activity', byIds), 500);
    rows.splice(rows.findIndex((r) => String(r.ID) === ids[250]), 1);
    emu.control({ resetStats: true });
    assert.equal(await a.count('activity', byIds), 499);
    const left = await a.listIds('activity', byIds);
    assert.deepEqual([...left].sort((x, y) => Number(x) - Number(y)), ids.filter((x) => x !== ids[250]));
    // Neither comments nor the portal's documents were asked.
    assert.deepEqual(Object.keys(emu.stats.commands).sort(), ['crm.activity.list']);
  });
});
