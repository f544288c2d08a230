/**
 * The client base reads activities only through two queries once the records carry the portal's
 * own last-activity time (`recordActivityTime`): the open activities (`completed = false`, sent
 * to the portal as COMPLETED = N) and the dialogs of a set of clients (`bindings has [...]` with
 * the dialog kinds). Here: lastActivityAt in both dialects, the requests each query costs, and
 * that each returns exactly what filtering the full list returns.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { activityTime, type Activity, type Filter } from '@crmkit/core';
import { generateMockCrm, type CrmSnapshot } from '@crmkit/adapter-mock';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { Bitrix24Adapter, clearBitrix24Dictionaries } from '../src/bitrix24-adapter.js';
import { resetSharedClients } from '../src/rest-client.js';
import { makeFixture, FIXTURE_NOW } from '../src/testing/fixture.js';
import type { FetchLike } from '../src/transport.js';

const DIALOGS = ['call', 'email', 'messenger', 'open-line'] as const;
const H = 3_600_000;
const D = 24 * H;

function fresh(): void {
  resetSharedClients();
  clearBitrix24Dictionaries();
}

/** Every command the adapter sends, decoded (`crm.activity.list?filter[COMPLETED]=N&…`). */
function recordingFetch(log: string[]): FetchLike {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    if (init?.body !== undefined) {
      let text = String(init.body);
      for (let i = 0; i < 3; i++) text = decodeURIComponent(text.replace(/\+/g, ' '));
      log.push(text);
    }
    return fetch(input, init);
  }) as FetchLike;
}

const bound = (a: Pick<Activity, 'bindings'>, key: string) => a.bindings.some((b) => `${b.kind}:${b.id}` === key);
const byId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id);

describe('Bitrix24: the portal\'s last-activity time', () => {
  const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
  const NOW = FIXTURE_NOW;
  let emu: Emulator;
  before(async () => {
    const base = makeFixture();
    const extra: Activity[] = [
      // An open call whose time has come: a dialog that took place.
      { id: '20', kind: 'call', subject: 'Звонок', createdAt: T0 + 10 * D, startAt: T0 + 10 * D, completed: false, bindings: [{ kind: 'contact', id: '1' }] },
      // A done call after "now" (a clock skew) and an open to-do: neither took place.
      { id: '21', kind: 'call', subject: 'Будущий', createdAt: NOW + D, startAt: NOW + D, completed: true, bindings: [{ kind: 'contact', id: '1' }] },
      { id: '22', kind: 'todo', subject: 'Дело', createdAt: T0 + 20 * D, startAt: T0 + 20 * D, completed: false, bindings: [{ kind: 'contact', id: '2' }, { kind: 'company', id: '1' }] },
    ];
    const snapshot: CrmSnapshot = { ...base, entities: { ...base.entities, activity: [...(base.entities.activity ?? []), ...extra] } };
    emu = await startEmulator(snapshot, { bucket: false, operating: false });
  });
  after(() => emu.close());
  afterEach(fresh);

  // Hand-computed from the fixture: contact 1 — the open call of T0+10d (the done call at T0+1h,
  // the open line at T0+5h are older; the call after now does not count); contact 2 — nothing
  // took place (an open meeting, an open to-do); company 1 — the e-mail at T0+2h; deal 1 — the
  // call at T0+1h bound to contact 1 and deal 1 (the open to-do does not count, the comment is
  // not an activity of crm.activity.list); deal 2 — the task done at T0+2d; deal 3 — none.
  const expected = {
    contact: { '1': T0 + 10 * D, '2': undefined },
    company: { '1': T0 + 2 * H },
    deal: { '1': T0 + H, '2': T0 + 2 * D, '3': undefined },
  } as const;

  for (const dialect of ['item', 'legacy'] as const) {
    test(`lastActivityAt of contacts, companies and deals (${dialect} dialect), selected only when asked`, async () => {
      const a = new Bitrix24Adapter({ webhook: emu.webhook, dialect });
      assert.equal((await a.capabilities()).recordActivityTime, true);
      for (const entity of ['contact', 'company', 'deal'] as const) {
        const want = expected[entity] as Readonly<Record<string, number | undefined>>;
        // The default (every field) and a narrow select naming lastActivityAt both carry it.
        for (const query of [{}, { fields: ['id', 'lastActivityAt'] }]) {
          const { items } = await a.list(entity, query as never);
          const got = Object.fromEntries((items as readonly { id: string; lastActivityAt?: number }[]).map((r) => [r.id, r.lastActivityAt]));
          assert.deepEqual(got, want, `${entity} ${JSON.stringify(query)}`);
        }
        // A select without it does not ask the portal for it.
        const { items } = await a.list(entity, { fields: ['id', 'createdAt'] } as never);
        assert.ok((items as readonly { lastActivityAt?: number }[]).every((r) => r.lastActivityAt === undefined), `${entity}: not selected, not sent`);
      }
      const one = await a.get('contact', '1');
      assert.equal(one.lastActivityAt, T0 + 10 * D);
    });
  }

  test('the emulator renders it per dialect: LAST_ACTIVITY_TIME (legacy) and lastActivityTime (crm.item), only when selected', async () => {
    const post = async (method: string, body: unknown) => (await (await fetch(`${emu.webhook}${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { result: unknown };
    const legacy = (await post('crm.contact.list', { filter: { ID: 1 }, select: ['ID', 'LAST_ACTIVITY_TIME'] })).result as Record<string, unknown>[];
    assert.equal(legacy[0].LAST_ACTIVITY_TIME, '2025-03-13T12:00:00+03:00');
    const item = (await post('crm.item.list', { entityTypeId: 3, filter: { id: 1 }, select: ['id', 'lastActivityTime'] })).result as { items: Record<string, unknown>[] };
    assert.equal(item.items[0].lastActivityTime, '2025-03-13T12:00:00+03:00');
    const none = (await post('crm.contact.list', { filter: { ID: 1 }, select: ['ID', 'NAME'] })).result as Record<string, unknown>[];
    assert.equal('LAST_ACTIVITY_TIME' in none[0], false);
    const empty = (await post('crm.contact.list', { filter: { ID: 2 }, select: ['ID', 'LAST_ACTIVITY_TIME'] })).result as Record<string, unknown>[];
    assert.equal(empty[0].LAST_ACTIVITY_TIME, null);
  });

  test('the owner filter of crm.activity.list matches every binding, not only the primary owner', async () => {
    const post = async (body: unknown) => (await (await fetch(`${emu.webhook}crm.activity.list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { result: Record<string, unknown>[] };
    // Activity 1 is bound to contact 1 (primary) and deal 1; activity 22 to contact 2 and company 1.
    const deal = await post({ filter: { OWNER_TYPE_ID: 2, OWNER_ID: 1 }, select: ['ID', 'OWNER_TYPE_ID'] });
    assert.deepEqual(deal.result.map((r) => r.ID), ['1', '3']);
    assert.equal(deal.result[0].OWNER_TYPE_ID, '3');
    const company = await post({ filter: { OWNER_TYPE_ID: 4, OWNER_ID: 1 }, select: ['ID'] });
    assert.deepEqual(company.result.map((r) => r.ID), ['2', '22']);
  });
});

describe('Bitrix24: a generated portal\'s last-activity times agree with its activities', () => {
  let emu: Emulator;
  let snapshot: CrmSnapshot;
  before(async () => {
    snapshot = generateMockCrm({ scale: 'small' });
    emu = await startEmulator(snapshot, { bucket: false, operating: false });
  });
  after(() => emu.close());
  afterEach(fresh);

  test('each client\'s and deal\'s lastActivityAt is its latest done activity or dialog that took place, as read back by owner', async () => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    const now = snapshot.generatedAt!;
    const records = [
      ...((await a.list('contact', { fields: ['id', 'lastActivityAt'] })).items.map((r) => ({ key: `contact:${r.id}`, at: r.lastActivityAt }))),
      ...((await a.list('company', { fields: ['id', 'lastActivityAt'] })).items.map((r) => ({ key: `company:${r.id}`, at: r.lastActivityAt }))),
      ...((await a.list('deal', { fields: ['id', 'lastActivityAt'] })).items.map((r) => ({ key: `deal:${r.id}`, at: r.lastActivityAt }))),
    ];
    const acts = (await a.list('activity', { filter: [{ field: 'bindings', op: 'has', value: records.map((r) => r.key) }, { field: 'kind', op: 'nin', value: ['comment', 'document'] }] })).items;
    const latest = new Map<string, number>();
    for (const x of acts) {
      const at = activityTime(x);
      if (at > now || !(x.completed || (DIALOGS as readonly string[]).includes(x.kind))) continue;
      for (const b of x.bindings) {
        const k = `${b.kind}:${b.id}`;
        if (!((latest.get(k) ?? -Infinity) >= at)) latest.set(k, at);
      }
    }
    const withTime = records.filter((r) => r.at !== undefined).length;
    assert.ok(withTime > 100 && withTime < records.length, `${withTime} of ${records.length} records have a last activity`);
    for (const r of records) assert.equal(r.at, latest.get(r.key), r.key);
  });
});

/**
 * A portal of `owners` contacts (ids 1…owners) and a few companies; contact i has i % 7
 * activities of rotating kinds, every 250th contact 120 (more than two pages), and every 10th
 * activity is also bound to company 1 + (i % 5). Activity ids are interleaved across owners.
 */
function portal(owners: number): CrmSnapshot {
  const T = Date.UTC(2025, 0, 1);
  const KINDS = ['call', 'email', 'todo', 'messenger', 'meeting', 'open-line', 'task'] as const;
  const contacts = Array.from({ length: owners }, (_, i) => ({
    kind: 'contact' as const, id: String(i + 1), name: `Клиент ${i + 1}`, companyIds: [], createdAt: T, modifiedAt: T, comms: [], hasRequisites: false, fields: {},
  }));
  const companies = Array.from({ length: 5 }, (_, i) => ({
    kind: 'company' as const, id: String(i + 1), title: `Компания ${i + 1}`, contactIds: [], createdAt: T, modifiedAt: T, comms: [], hasRequisites: false, fields: {},
  }));
  const perOwner = Array.from({ length: owners }, (_, i) => ((i + 1) % 250 === 0 ? 120 : (i + 1) % 7));
  const activities: Activity[] = [];
  let id = 1;
  for (let round = 0; round < 120; round++) {
    for (let o = 0; o < owners; o++) {
      if (round >= perOwner[o]) continue;
      const kind = KINDS[(o + round) % KINDS.length];
      const at = T + id * 60_000;
      activities.push({
        id: String(id), kind, subject: `${kind} ${id}`, createdAt: at, startAt: at, completed: id % 3 !== 0,
        ...(kind === 'messenger' ? { channel: 'telegrambot' } : {}),
        bindings: [{ kind: 'contact', id: String(o + 1) }, ...(id % 10 === 0 ? [{ kind: 'company' as const, id: String(1 + (o % 5)) }] : [])],
      });
      id++;
    }
  }
  return {
    format: 'crmkit-snapshot', version: 1, origin: 'https://many.bitrix24.ru', userId: '1', timeZone: 'Europe/Moscow', generatedAt: T + 400 * D,
    entities: { employee: [{ id: '1', name: 'Анна', departmentIds: [], active: true }], contact: contacts, company: companies, activity: activities },
  };
}

describe('Bitrix24: the client base\'s two activity queries', () => {
  const OWNERS = 1000;
  let emu: Emulator;
  let snapshot: CrmSnapshot;
  before(async () => {
    snapshot = portal(OWNERS);
    emu = await startEmulator(snapshot, { bucket: false, operating: false });
  });
  after(() => emu.close());
  afterEach(fresh);

  const truth = (pred: (a: Activity) => boolean) => (snapshot.entities.activity ?? []).filter(pred).sort(byId);

  test('dialogs of 1,000 clients: one command per client, 50 to a request, plus follow-up pages only for clients with more than 50; exactly their dialogs', async (t) => {
    const keys = [...Array.from({ length: OWNERS }, (_, i) => `contact:${i + 1}`), 'company:1', 'company:2'];
    const filter: Filter = [{ field: 'kind', op: 'in', value: [...DIALOGS] }, { field: 'bindings', op: 'has', value: keys }];
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    await a.identity();
    const before = { requests: emu.stats.requests, commands: { ...emu.stats.commands } };
    const got = (await a.list('activity', { filter, fields: ['id', 'kind', 'completed', 'startAt', 'bindings'] })).items.slice().sort(byId);
    const requests = emu.stats.requests - before.requests;
    const commands = (m: string) => (emu.stats.commands[m] ?? 0) - (before.commands[m] ?? 0);
    // Owners with > 50 rows of crm.activity.list (any kind: the kind is filtered here): 4 contacts
    // of 120 (3 pages each) and the 2 companies (every 10th activity of 1 in 5 contacts).
    const rowsOf = (key: string) => (snapshot.entities.activity ?? []).filter((x) => bound(x, key)).length;
    const pages = keys.reduce((n, k) => n + Math.floor(rowsOf(k) / 50) + 1, 0);
    t.diagnostic(`${keys.length} owners: ${requests} requests, ${commands('crm.activity.list')} crm.activity.list commands (${pages} pages)`);
    assert.equal(commands('crm.activity.list'), pages);
    assert.ok(pages <= keys.length + 20, `${pages} pages for ${keys.length} owners`);
    // ceil(owners / 50) batches of first pages; a follow-up page leaves when its owner's batch is
    // back, alone when nothing else waits (no rate limit here), so at most one request each.
    const followUps = pages - keys.length;
    assert.ok(requests <= Math.ceil(keys.length / 50) + followUps, `${requests} requests ≤ ceil(${keys.length}/50) + ${followUps}`);
    assert.equal(commands('crm.timeline.comment.list'), 0, 'no comments asked: the kinds exclude them');
    assert.equal(commands('crm.documentgenerator.document.list'), 0, 'no documents asked');

    const want = truth((x) => (DIALOGS as readonly string[]).includes(x.kind) && keys.some((k) => bound(x, k)));
    assert.ok(want.length > 1500, `${want.length} dialogs`);
    assert.deepEqual(got.map((x) => x.id), want.map((x) => x.id));
    // Attribution: every asked owner an activity is bound to is among its bindings.
    for (const [i, x] of got.entries()) {
      for (const k of keys) if (bound(want[i], k)) assert.ok(bound(x, k), `${x.id} bound to ${k}`);
      assert.equal(x.kind, want[i].kind);
    }
  });

  test('dialogs of one client (the timeline\'s case): its pages chained by ID, every kind when none is asked', async () => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    // Contact 250 has 120 activities: 3 pages of crm.activity.list.
    const before = { ...emu.stats.commands };
    const all = (await a.list('activity', { filter: [{ field: 'bindings', op: 'has', value: ['contact:250'] }] })).items.slice().sort(byId);
    assert.deepEqual(all.map((x) => x.id), truth((x) => bound(x, 'contact:250')).map((x) => x.id));
    assert.equal((emu.stats.commands['crm.activity.list'] ?? 0) - (before['crm.activity.list'] ?? 0), 3);
    const dialogs = (await a.list('activity', { filter: [{ field: 'bindings', op: 'has', value: ['contact:250'] }, { field: 'kind', op: 'in', value: [...DIALOGS] }] })).items;
    assert.deepEqual(dialogs.map((x) => x.id).sort((p, q) => Number(p) - Number(q)), truth((x) => bound(x, 'contact:250') && (DIALOGS as readonly string[]).includes(x.kind)).map((x) => x.id));
    // A small owner: one command.
    const c0 = emu.stats.commands['crm.activity.list'] ?? 0;
    const small = (await a.list('activity', { filter: [{ field: 'bindings', op: 'has', value: ['contact:3'] }, { field: 'kind', op: 'in', value: [...DIALOGS] }] })).items;
    assert.equal((emu.stats.commands['crm.activity.list'] ?? 0) - c0, 1);
    assert.deepEqual(small.map((x) => x.id), truth((x) => bound(x, 'contact:3') && (DIALOGS as readonly string[]).includes(x.kind)).map((x) => x.id));
  });

  test('open activities: COMPLETED = N goes to the portal in the fast ID scan, no documents asked, equal to filtering the full list', async (t) => {
    const log: string[] = [];
    const a = new Bitrix24Adapter({ webhook: emu.webhook, fetch: recordingFetch(log) });
    const open: Filter = [{ field: 'completed', op: 'eq', value: false }];
    const before = { rows: emu.stats.rows['crm.activity.list'] ?? 0, commands: { ...emu.stats.commands } };
    const got = (await a.list('activity', { filter: open, fields: ['id', 'kind', 'completed', 'deadline', 'bindings'] })).items.slice().sort(byId);
    const rows = (emu.stats.rows['crm.activity.list'] ?? 0) - before.rows;
    const want = truth((x) => !x.completed);
    t.diagnostic(`${want.length} open of ${snapshot.entities.activity!.length} activities: ${rows} rows read`);
    const total = snapshot.entities.activity!.length;
    assert.deepEqual(got.map((x) => x.id), want.map((x) => x.id));
    assert.ok(got.every((x) => !x.completed));
    // Only open rows travelled (plus the highest-id probe's page of ids), not all activities.
    assert.ok(rows <= want.length + 50, `${rows} rows read for ${want.length} open of ${total}`);
    assert.ok(log.some((body) => /crm\.activity\.list\?[^&]*.*filter\[COMPLETED\]=N/.test(body)), 'COMPLETED=N sent');
    assert.ok(log.every((body) => !/crm\.activity\.list\?/.test(body) || /filter\[COMPLETED\]=N/.test(body)), 'every activity command carries it');
    assert.equal((emu.stats.commands['crm.documentgenerator.document.list'] ?? 0) - (before.commands['crm.documentgenerator.document.list'] ?? 0), 0);
    // The same through the full list, filtered here.
    const full = (await a.list('activity')).items.filter((x) => !x.completed).sort(byId);
    assert.deepEqual(got.map((x) => x.id), full.map((x) => x.id));
  });

  test('open activities\' refresh: ids by the filtered id index (counts per range) and changes since, both with COMPLETED = N', async (t) => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    const open: Filter = [{ field: 'completed', op: 'eq', value: false }];
    const first = await a.listIds('activity', open);
    assert.deepEqual([...first].sort((p, q) => Number(p) - Number(q)), truth((x) => !x.completed).map((x) => x.id));
    // One open activity gets done; the refresh drops its id and reads only what changed.
    const table = emu.tables.activity;
    const k = table.findIndex((r) => r.COMPLETED === false);
    const doneId = String(table[k].ID);
    const since = Date.now() - 1000;
    table[k] = { ...table[k], COMPLETED: true, LAST_UPDATED: Date.now() };
    const r0 = emu.stats.requests;
    const rows0 = emu.stats.rows['crm.activity.list'] ?? 0;
    const [ids, changed] = await Promise.all([a.listIds('activity', open), a.list('activity', { filter: open, modifiedSince: since })]);
    const requests = emu.stats.requests - r0;
    const rows = (emu.stats.rows['crm.activity.list'] ?? 0) - rows0;
    assert.equal(ids.length, first.length - 1);
    assert.ok(!ids.includes(doneId));
    assert.deepEqual(changed.items, [], 'the done activity no longer matches: its id is gone instead');
    // Counts of the ranges, the changed range's rescan (ids only), the tail and the changes.
    t.diagnostic(`refresh of ${first.length} open activities after one got done: ${requests} requests, ${rows} rows`);
    assert.ok(requests <= 4, `${requests} requests`);
    assert.ok(rows <= 2600, `${rows} rows read`);
  });

  test('activities set since a day (manager control\'s window): ids by the filtered id index too, equal to the snapshot\'s', async () => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    const from = Date.UTC(2025, 0, 1) + 2000 * 60_000;
    const since: Filter = [{ field: 'createdAt', op: 'gte', value: from }];
    const want = truth((x) => x.createdAt >= from).map((x) => x.id);
    assert.ok(want.length > 100 && want.length < snapshot.entities.activity!.length);
    assert.deepEqual([...(await a.listIds('activity', since))].sort((p, q) => Number(p) - Number(q)), want);
    const r0 = emu.stats.requests;
    assert.deepEqual([...(await a.listIds('activity', since))].sort((p, q) => Number(p) - Number(q)), want);
    // Nothing changed: one request of range counts, the tail probe and the documents riding along.
    assert.ok(emu.stats.requests - r0 <= 2, `${emu.stats.requests - r0} requests`);
  });
});
