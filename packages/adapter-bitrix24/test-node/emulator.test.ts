import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { makeFixture } from '../src/testing/fixture.js';
import { buildQuery } from '../src/query-string.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function post(url: string, body: unknown = {}): Promise<{ status: number; json: Json }> {
  const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, json: (await r.json()) as Json };
}

describe('Bitrix24 emulator: protocol', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator(makeFixture(120), { bucket: false, operating: false });
  });
  after(() => emu.close());

  test('envelope has result, total and a full time block', async () => {
    const { status, json } = await post(`${emu.webhook}crm.deal.list.json`, { select: ['ID', 'TITLE'] });
    assert.equal(status, 200);
    assert.equal(json.result.length, 50);
    assert.equal(json.total, 123);
    assert.equal(json.next, 50);
    for (const k of ['start', 'finish', 'duration', 'processing', 'date_start', 'date_finish', 'operating', 'operating_reset_at']) assert.ok(k in json.time, k);
    assert.match(json.time.date_start, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/);
  });

  test('serverTime: an answer comes after the operating time its commands cost', async () => {
    // 50 rows: 0.02 s + 50 × 0.001 s = 70 ms; a batch of three such pages: 210 ms.
    emu.control({ serverTime: 1 });
    try {
      let t = performance.now();
      await post(`${emu.webhook}crm.deal.list.json`, { select: ['ID'], start: -1, order: { ID: 'ASC' } });
      assert.ok(performance.now() - t >= 65, `one page answered after ${Math.round(performance.now() - t)} ms`);
      t = performance.now();
      const cmd = Object.fromEntries([0, 50, 100].map((from, i) => [`c${i}`, `crm.deal.list?${buildQuery({ select: ['ID'], filter: { '>ID': from }, order: { ID: 'ASC' }, start: -1 })}`]));
      await post(`${emu.webhook}batch.json`, { cmd });
      assert.ok(performance.now() - t >= 200, `a batch of three pages answered after ${Math.round(performance.now() - t)} ms`);
    } finally {
      emu.control({ serverTime: 0 });
    }
  });

  test('legacy dialect: every value a string, default select without UF and multi-fields', async () => {
    const { json } = await post(`${emu.webhook}crm.deal.get`, { id: 1 });
    assert.equal(json.result.ID, '1');
    assert.equal(json.result.OPPORTUNITY, '15000');
    assert.equal(json.result.CATEGORY_ID, '0');
    assert.equal(json.result.CLOSED, 'N');
    assert.equal(json.result.UF_CRM_NOTE, 'первый');
    const list = await post(`${emu.webhook}crm.contact.list`, { filter: { ID: 1 } });
    assert.equal(list.json.result[0].PHONE, undefined, 'multi-fields only when selected');
    const sel = await post(`${emu.webhook}crm.contact.list`, { filter: { ID: 1 }, select: ['*', 'PHONE', 'EMAIL', 'IM', 'UF_*'] });
    assert.deepEqual(sel.json.result[0].PHONE, [{ ID: '1', VALUE_TYPE: 'MOBILE', VALUE: '+79001112233', TYPE_ID: 'PHONE' }]);
    assert.equal(sel.json.result[0].IM[0].VALUE_TYPE, 'TELEGRAM');
    assert.equal(sel.json.result[0].UF_CRM_VIP, '1');
  });

  test('crm.item dialect: camelCase, typed, entityTypeId, ufCrm names', async () => {
    const { json } = await post(`${emu.webhook}crm.item.list`, { entityTypeId: 2, filter: { '@id': [1, 3] }, select: ['id', 'title', 'opportunity', 'contactIds', 'ufCrmPeriod'] });
    assert.deepEqual(json.result.items.map((i: Json) => i.id), [1, 3]);
    assert.equal(json.result.items[0].opportunity, 15000);
    assert.deepEqual(json.result.items[0].contactIds, [1, 2]);
    assert.equal(typeof json.result.items[0].ufCrmPeriod, 'number');
    const inv = await post(`${emu.webhook}crm.item.get`, { entityTypeId: 31, id: 1 });
    assert.equal(inv.json.result.item.stageId, 'DT31_1:P');
    assert.equal(inv.json.result.item.parentId2, 2);
    const missing = await post(`${emu.webhook}crm.item.get`, { entityTypeId: 2, id: 99999 });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error, 'NOT_FOUND');
  });

  test('filter prefixes and order', async () => {
    const ids = async (filter: Json, order?: Json) =>
      (await post(`${emu.webhook}crm.deal.list`, { filter, order, select: ['ID'], start: -1 })).json.result.map((r: Json) => Number(r.ID));
    assert.deepEqual(await ids({ '>=ID': 1, '<ID': 4 }), [1, 2, 3]);
    assert.deepEqual(await ids({ '@ID': [2, 3] }), [2, 3]);
    assert.deepEqual(await ids({ '!@ID': [1, 2], '<ID': 100 }), [3]);
    assert.deepEqual(await ids({ '%TITLE': 'осаго' }), [2]);
    assert.deepEqual(await ids({ '=%TITLE': 'Ипо%' }), [3]);
    assert.deepEqual(await ids({ '!STAGE_ID': 'NEW', '<ID': 100 }), [2, 3]);
    assert.deepEqual(await ids({ '>OPPORTUNITY': 100000 }), [3]);
    assert.deepEqual(await ids({ '>=DATE_MODIFY': '2025-03-10T00:00:00+03:00', '<ID': 100 }), [3]);
    assert.deepEqual(await ids({ UF_CRM_PERIOD: 2 }), [2]);
    assert.deepEqual(await ids({ '<ID': 4 }, { ID: 'DESC' }), [3, 2, 1]);
    const bad = await post(`${emu.webhook}crm.deal.list`, { filter: { NOPE: 1 } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error, 'INVALID_ARG_VALUE');
  });

  test('start=-1 skips the count; start pages by 50', async () => {
    const fast = await post(`${emu.webhook}crm.deal.list`, { order: { ID: 'ASC' }, filter: { '>ID': 0 }, start: -1, select: ['ID'] });
    assert.equal(fast.json.result.length, 50);
    assert.equal(fast.json.next, undefined);
    assert.equal(fast.json.total, 0);
    const page3 = await post(`${emu.webhook}crm.deal.list`, { start: 100, select: ['ID'] });
    assert.equal(page3.json.result.length, 23);
    assert.equal(page3.json.next, undefined);
  });

  test('GET query form with PHP brackets', async () => {
    const qs = buildQuery({ filter: { '>ID': 1, '<ID': 4 }, select: ['ID', 'TITLE'], start: -1 });
    const r = await fetch(`${emu.webhook}crm.deal.list.json?${qs}`);
    const json = (await r.json()) as Json;
    assert.deepEqual(json.result.map((x: Json) => x.ID), ['2', '3']);
  });

  test('dictionaries: statuses, categories, user fields with enumeration items, users, departments', async () => {
    const st = await post(`${emu.webhook}crm.status.list`, { filter: { ENTITY_ID: 'DEAL_STAGE_1' } });
    assert.deepEqual(st.json.result.map((s: Json) => s.STATUS_ID), ['C1:NEW', 'C1:WON', 'C1:LOSE']);
    assert.equal(st.json.result[1].EXTRA.SEMANTICS, 'success');
    const cats = await post(`${emu.webhook}crm.category.list`, { entityTypeId: 2 });
    assert.deepEqual(cats.json.result.categories.map((c: Json) => c.name), ['Продажи', 'Ипотека']);
    const legacyCats = await post(`${emu.webhook}crm.dealcategory.list`, {});
    assert.deepEqual(legacyCats.json.result.map((c: Json) => c.ID), ['1']);
    const uf = await post(`${emu.webhook}crm.deal.userfield.list`, { filter: { LANG: 'ru' } });
    const period = uf.json.result.find((u: Json) => u.FIELD_NAME === 'UF_CRM_PERIOD');
    assert.equal(period.EDIT_FORM_LABEL, 'Период');
    assert.deepEqual(period.LIST.map((o: Json) => o.VALUE), ['Апрель', 'Май']);
    const users = await post(`${emu.webhook}user.get`, { filter: { ACTIVE: true } });
    assert.deepEqual(users.json.result.map((u: Json) => u.ID), ['1', '2']);
    const me = await post(`${emu.webhook}user.current`);
    assert.equal(me.json.result.NAME, 'Анна');
    const deps = await post(`${emu.webhook}department.get`, {});
    assert.equal(deps.json.result[1].PARENT, '1');
  });

  test('activities of every provider, bound-owner filter, comments, documents, stage history', async () => {
    const all = await post(`${emu.webhook}crm.activity.list`, { select: ['ID', 'PROVIDER_ID', 'TYPE_ID', 'DIRECTION', 'COMPLETED'] });
    assert.deepEqual(all.json.result.map((a: Json) => a.PROVIDER_ID), ['VOXIMPLANT_CALL', 'CRM_EMAIL', 'CRM_TODO', 'CRM_MEETING', 'IMOPENLINES_SESSION', 'CRM_TASKS_TASK']);
    const forContact = await post(`${emu.webhook}crm.activity.list`, { filter: { OWNER_TYPE_ID: 3, OWNER_ID: 1 }, select: ['ID'] });
    assert.deepEqual(forContact.json.result.map((a: Json) => a.ID), ['1', '5']);
    const comments = await post(`${emu.webhook}crm.timeline.comment.list`, { filter: { ENTITY_ID: 1, ENTITY_TYPE: 'deal' } });
    assert.equal(comments.json.result[0].COMMENT, 'Клиент просит скидку');
    const noFilter = await post(`${emu.webhook}crm.timeline.comment.list`, {});
    assert.equal(noFilter.status, 400);
    const docs = await post(`${emu.webhook}crm.documentgenerator.document.list`, { filter: { entityTypeId: 2, entityId: 2 } });
    assert.equal(docs.json.result.documents[0].title, 'Договор №7');
    assert.equal(docs.json.result.documents[0].entityId, '2');
    const hist = await post(`${emu.webhook}crm.stagehistory.list`, { entityTypeId: 2, filter: { OWNER_ID: 2 }, order: { ID: 'ASC' } });
    assert.deepEqual(hist.json.result.items.map((h: Json) => [h.TYPE_ID, h.STAGE_ID, h.STAGE_SEMANTIC_ID]), [[1, 'NEW', 'P'], [3, 'WON', 'S']]);
  });

  test('batch: cmd map, $result references, result_error, halt, the 50-command cap', async () => {
    const { json } = await post(`${emu.webhook}batch`, {
      halt: 0,
      cmd: {
        me: 'user.current',
        dep: 'department.get?ID=$result[me][UF_DEPARTMENT][0]',
        first: `crm.deal.list?${buildQuery({ order: { ID: 'ASC' }, filter: { '>ID': 0 }, select: ['ID'], start: -1 })}`,
        next: `crm.deal.list?${buildQuery({ order: { ID: 'ASC' }, filter: { '>ID': '$result[first][49][ID]' }, select: ['ID'], start: -1 })}`,
        bad: 'crm.nothing.list',
      },
    });
    assert.equal(json.result.result.dep[0].NAME, 'Компания');
    assert.equal(json.result.result.next[0].ID, String(Number(json.result.result.first[49].ID) + 1));
    assert.equal(json.result.result_error.bad.error, 'ERROR_METHOD_NOT_FOUND');
    assert.ok(json.result.result_time.me.start);
    const halted = await post(`${emu.webhook}batch`, { halt: 1, cmd: { a: 'crm.nothing.list', b: 'user.current' } });
    assert.equal(halted.json.result.result.b, undefined);
    const cmd: Record<string, string> = {};
    for (let i = 0; i < 52; i++) cmd[`c${i}`] = 'user.current';
    const capped = await post(`${emu.webhook}batch`, { cmd });
    assert.equal(Object.keys(capped.json.result.result).length, 50);
    assert.equal(capped.json.result.result_error.c51.error, 'ERROR_BATCH_LENGTH_EXCEEDED');
    const nested = await post(`${emu.webhook}batch`, { cmd: { x: 'batch' } });
    assert.equal(nested.json.result.result_error.x.error, 'ERROR_BATCH_METHOD_NOT_ALLOWED');
  });

  test('unknown webhook and unknown method', async () => {
    const bad = await post(`${emu.origin}/rest/1/wrong/user.current`);
    assert.equal(bad.status, 401);
    assert.equal(bad.json.error, 'INVALID_CREDENTIALS');
    const nf = await post(`${emu.webhook}crm.deal.delete`, { id: 1 });
    assert.equal(nf.status, 404);
    assert.equal(nf.json.error, 'ERROR_METHOD_NOT_FOUND');
  });

  test('CORS preflight', async () => {
    const r = await fetch(`${emu.webhook}crm.deal.list`, { method: 'OPTIONS' });
    assert.equal(r.status, 204);
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
  });
});

describe('Bitrix24 emulator: limits, tokens, permissions, faults', () => {
  test('leaky bucket answers 503 QUERY_LIMIT_EXCEEDED past the burst', async () => {
    const emu = await startEmulator(makeFixture(), { bucket: { burst: 5, rate: 0.001 }, operating: false });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await post(`${emu.webhook}user.current`)).status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 503, 503]);
      const r = await post(`${emu.webhook}user.current`);
      assert.equal(r.json.error, 'QUERY_LIMIT_EXCEEDED');
    } finally {
      await emu.close();
    }
  });

  test('operating-time model blocks one method with 429 and reports operating_reset_at', async () => {
    const emu = await startEmulator(makeFixture(), { bucket: false, operating: { limitSec: 0.05, baseCost: 0.03, windowMs: 60_000 } });
    try {
      const a = await post(`${emu.webhook}crm.deal.list`, {});
      assert.equal(a.status, 200);
      assert.ok(a.json.time.operating > 0);
      await post(`${emu.webhook}crm.deal.list`, {});
      const blocked = await post(`${emu.webhook}crm.deal.list`, {});
      assert.equal(blocked.status, 429);
      assert.equal(blocked.json.error, 'OPERATION_TIME_LIMIT');
      assert.ok(blocked.json.time.operating_reset_at > Date.now() / 1000);
      const other = await post(`${emu.webhook}crm.contact.list`, {});
      assert.equal(other.status, 200, 'other methods keep working');
      const inBatch = await post(`${emu.webhook}batch`, { cmd: { d: 'crm.deal.list', c: 'crm.contact.list' } });
      assert.equal(inBatch.json.result.result_error.d.error, 'OPERATION_TIME_LIMIT');
      assert.ok(Array.isArray(inBatch.json.result.result.c));
    } finally {
      await emu.close();
    }
  });

  test('OAuth token expires with 401 expired_token and refreshes', async () => {
    const emu = await startEmulator(makeFixture(), { bucket: false, operating: false, tokenTtlMs: 1000 });
    try {
      const t = emu.issueToken(1);
      const ok = await post(`${emu.origin}/rest/user.current.json`, { auth: t.access_token });
      assert.equal(ok.json.result.ID, '1');
      await new Promise((r) => setTimeout(r, 1100));
      const expired = await post(`${emu.origin}/rest/user.current.json`, { auth: t.access_token });
      assert.equal(expired.status, 401);
      assert.equal(expired.json.error, 'expired_token');
      const fresh = (await (await fetch(`${emu.origin}/oauth/token/?grant_type=refresh_token&refresh_token=${t.refresh_token}`)).json()) as Json;
      const again = await post(`${emu.origin}/rest/user.current.json`, { auth: fresh.access_token });
      assert.equal(again.status, 200);
    } finally {
      await emu.close();
    }
  });

  test('two users see different deals', async () => {
    const emu = await startEmulator(makeFixture(), {
      bucket: false,
      operating: false,
      users: [{ userId: 1, secret: 'boss', access: 'all' }, { userId: 2, secret: 'seller', access: 'own' }],
    });
    try {
      const boss = await post(`${emu.webhooks['1']}crm.deal.list`, { select: ['ID'] });
      const seller = await post(`${emu.webhooks['2']}crm.deal.list`, { select: ['ID'] });
      assert.deepEqual(boss.json.result.map((d: Json) => d.ID), ['1', '2', '3']);
      assert.deepEqual(seller.json.result.map((d: Json) => d.ID), ['2', '3']);
      const denied = await post(`${emu.webhooks['2']}crm.deal.get`, { id: 1 });
      assert.equal(denied.json.error, 'ACCESS_DENIED');
      const hist = await post(`${emu.webhooks['2']}crm.stagehistory.list`, { entityTypeId: 2 });
      assert.ok(hist.json.result.items.every((h: Json) => h.OWNER_ID !== 1));
    } finally {
      await emu.close();
    }
  });

  test('scripted faults: 500, truncated JSON, dropped connection', async () => {
    const emu = await startEmulator(makeFixture(), { bucket: false, operating: false, faults: { script: ['500', 'truncate', 'drop', 'ok'] } });
    try {
      const a = await fetch(`${emu.webhook}user.current`, { method: 'POST' });
      assert.equal(a.status, 500);
      assert.equal(((await a.json()) as Json).error, 'INTERNAL_SERVER_ERROR');
      const b = await fetch(`${emu.webhook}user.current`, { method: 'POST' });
      await assert.rejects(b.json(), SyntaxError);
      await assert.rejects(fetch(`${emu.webhook}user.current`, { method: 'POST' }), TypeError);
      const d = await post(`${emu.webhook}user.current`);
      assert.equal(d.status, 200);
      assert.equal(emu.stats.faults, 3);
    } finally {
      await emu.close();
    }
  });

  test('HTTPS with a self-signed certificate made at start', async () => {
    const emu = await startEmulator(makeFixture(), { https: true, bucket: false, operating: false });
    try {
      assert.match(emu.webhook, /^https:\/\/127\.0\.0\.1:\d+\/rest\/1\//);
    } finally {
      await emu.close();
    }
  });
});
