import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { makeFixture } from '../src/testing/fixture.js';
import { Bitrix24Adapter, clearBitrix24Dictionaries } from '../src/bitrix24-adapter.js';
import { READ_METHODS, isReadMethod } from '../src/allowlist.js';
import { RestClient, resetSharedClients } from '../src/rest-client.js';
import { OAuthTransport, WebhookTransport, frameAuth, type Bx24Like } from '../src/transport.js';
import { isCrmError } from '@crmkit/core';
import { EMULATED_METHODS } from '../emulator/server.js';

function fresh(): void {
  resetSharedClients();
  clearBitrix24Dictionaries();
}

describe('Bitrix24 adapter on the emulator', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator(makeFixture(), { bucket: false, operating: false });
  });
  after(() => emu.close());
  afterEach(fresh);

  test('maps deals of the crm.item dialect with stages, custom fields and closing dates', async () => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    const { items } = await a.list('deal');
    assert.deepEqual(items.map((d) => d.id), ['1', '2', '3']);
    const [d1, d2, d3] = items;
    assert.equal(d1.title, 'Страховка КАСКО');
    assert.deepEqual(d1.contactIds, ['1', '2']);
    assert.equal(d1.companyId, '1');
    assert.equal(d1.fields.UF_CRM_PERIOD, '1');
    assert.equal(d1.fields.UF_CRM_NOTE, 'первый');
    assert.equal(d1.expectedCloseAt !== undefined, true);
    assert.equal(d2.stageSemantics, 'success');
    assert.ok(d2.closedAt);
    assert.equal(d3.funnelId, '1');
    assert.equal(d3.amount, 120000.5);
    assert.equal(d1.url, `${emu.origin}/crm/deal/details/1/`);
  });

  test('legacy dialect maps the same deals (first contact only: legacy lists carry CONTACT_ID)', async () => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook, dialect: 'legacy' });
    const { items } = await a.list('deal');
    assert.deepEqual(items.map((d) => [d.id, d.amount, d.stageSemantics, d.funnelId]), [['1', 15000, 'process', '0'], ['2', 8000, 'success', '0'], ['3', 120000.5, 'process', '1']]);
    assert.deepEqual(items[0].contactIds, ['1']);
    const c = await a.get('contact', '1');
    assert.deepEqual(c.comms.map((x) => x.type), ['phone', 'email', 'im']);
    assert.equal(c.fields.UF_CRM_VIP, true);
  });

  test('contacts and companies: multi-fields, requisites, links', async () => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    const contacts = (await a.list('contact')).items;
    assert.equal(contacts[0].name, 'Ольга Смирнова');
    assert.deepEqual(contacts[0].comms, [
      { type: 'phone', value: '+79001112233', valueType: 'MOBILE' },
      { type: 'email', value: 'olga@example.ru', valueType: 'WORK' },
      { type: 'im', value: 'olga_tg', valueType: 'TELEGRAM' },
    ]);
    assert.deepEqual(contacts.map((c) => c.hasRequisites), [false, true]);
    assert.deepEqual(contacts[0].companyIds, ['1']);
    const [company] = (await a.list('company')).items;
    assert.deepEqual(company.contactIds, ['1']);
    assert.equal(company.hasRequisites, true);
  });

  test('dictionaries: funnels with stages, field definitions with enumeration labels, employees, departments', async () => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    const funnels = (await a.list('funnel')).items;
    assert.deepEqual(funnels.map((f) => [f.id, f.name, f.stages.length]), [['0', 'Продажи', 4], ['1', 'Ипотека', 3]]);
    assert.equal(funnels[0].stages[2].semantics, 'success');
    const defs = (await a.list('fieldDefinition')).items;
    const period = defs.find((d) => d.code === 'UF_CRM_PERIOD')!;
    assert.equal(period.label, 'Период');
    assert.deepEqual(period.options?.map((o) => o.label), ['Апрель', 'Май']);
    const employees = (await a.list('employee')).items;
    assert.deepEqual(employees.map((e) => [e.name, e.departmentIds, e.active]), [['Анна Иванова', ['1'], true], ['Борис Петров', ['2'], true], ['Вера Уволенная', ['2'], false]]);
    const deps = (await a.list('department')).items;
    assert.equal(deps[1].parentId, '1');
    const before = emu.stats.requests;
    await a.list('funnel');
    await a.list('employee');
    assert.equal(emu.stats.requests, before, 'dictionaries are fetched once per portal');
  });

  test('a client timeline: activities of every provider, comments and documents, in one or two requests', async () => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    await a.identity();
    emu.control({ resetStats: true });
    const { items } = await a.list('activity', { filter: [{ field: 'bindings', op: 'has', value: ['deal:1', 'deal:2', 'contact:1'] }] });
    assert.ok(emu.stats.requests <= 2, `requests: ${emu.stats.requests}`);
    const kinds = items.map((x) => x.kind).sort();
    assert.deepEqual(kinds, ['call', 'comment', 'document', 'open-line', 'task', 'todo']);
    const call = items.find((x) => x.kind === 'call')!;
    assert.equal(call.durationSec, 120);
    assert.equal(call.direction, 'incoming');
    assert.ok(call.bindings.some((b) => b.kind === 'contact' && b.id === '1'));
    assert.ok(call.bindings.some((b) => b.kind === 'deal' && b.id === '1'));
    const comment = items.find((x) => x.kind === 'comment')!;
    assert.equal(comment.description, 'Клиент просит скидку');
    const doc = items.find((x) => x.kind === 'document')!;
    assert.equal(doc.subject, 'Договор №7');
  });

  test('stage moves, invoices and payments from smart invoices', async () => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    const moves = (await a.list('stageMove', { filter: [{ field: 'dealId', op: 'eq', value: '2' }] })).items;
    assert.deepEqual(moves.map((m) => [m.stageId, m.stageSemantics]), [['NEW', 'process'], ['WON', 'success']]);
    const invoices = (await a.list('invoice')).items;
    assert.deepEqual(invoices.map((i) => [i.number, i.status, i.dealId]), [['СЧ-1', 'paid', '2'], ['СЧ-2', 'sent', '1']]);
    const payments = (await a.list('payment')).items;
    assert.equal(payments.length, 1);
    assert.equal(payments[0].amount, 8000);
    assert.equal(payments[0].contactId, '2');
  });

  test('payments right after a full invoice list come from its rows: the paid invoices are not asked twice', async () => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    await a.list('funnel');
    const separate = (await a.list('payment')).items;
    emu.control({ resetStats: true });
    await a.list('invoice', { fields: ['id', 'companyId', 'contactId', 'dealId', 'createdAt'] });
    const afterInvoices = emu.stats.requests;
    const reused = (await a.list('payment', { fields: ['id', 'companyId', 'contactId', 'dealId', 'invoiceId', 'paidAt'] })).items;
    assert.equal(emu.stats.requests, afterInvoices, 'no request for the payments');
    assert.deepEqual(reused, separate);
    // A filtered payment list is asked as before.
    const filtered = (await a.list('payment', { filter: [{ field: 'contactId', op: 'eq', value: '2' }] })).items;
    assert.equal(emu.stats.requests > afterInvoices, true);
    assert.deepEqual(filtered, separate);
  });

  test('filters translate to Bitrix24 prefixes; the rest is evaluated locally', async () => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    const big = await a.list('deal', { filter: [{ field: 'amount', op: 'gte', value: 10000 }] });
    assert.deepEqual(big.items.map((d) => d.id), ['1', '3']);
    const byContact = await a.list('deal', { filter: [{ field: 'contactIds', op: 'has', value: '2' }] });
    assert.deepEqual(byContact.items.map((d) => d.id), ['1', '2']);
    const byField = await a.list('deal', { filter: [{ field: 'fields.UF_CRM_PERIOD', op: 'eq', value: '2' }] });
    assert.deepEqual(byField.items.map((d) => d.id), ['2']);
    assert.equal(await a.count('deal', [{ field: 'stageId', op: 'eq', value: 'NEW' }]), 1);
    assert.deepEqual(await a.listIds('deal', [{ field: 'responsibleId', op: 'eq', value: '2' }]), ['2', '3']);
    const since = await a.list('deal', { modifiedSince: Date.UTC(2025, 2, 10) });
    assert.deepEqual(since.items.map((d) => d.id), ['3']);
  });

  test('time filters with an instant inside a second compare as the portal does, to the second', async () => {
    // The conformance case "modified before its own modifiedAt + 1 ms": the portal keeps whole
    // seconds, so `< t + 1 ms` must reach it as `< t + 1 s`, not as `< t` (which found nothing).
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    for (const c of (await a.list('contact')).items) {
      const one = (op: 'lt' | 'lte' | 'gt' | 'gte' | 'eq', value: number) => a.list('contact', { filter: [{ field: 'id', op: 'eq', value: c.id }, { field: 'modifiedAt', op, value }] }).then((r) => r.items.length);
      assert.equal(await one('lt', c.modifiedAt + 1), 1, `contact ${c.id}: before modifiedAt + 1 ms`);
      assert.equal(await one('lte', c.modifiedAt - 1), 0, `contact ${c.id}: at most modifiedAt - 1 ms`);
      assert.equal(await one('gte', c.modifiedAt + 1), 0, `contact ${c.id}: at least modifiedAt + 1 ms`);
      assert.equal(await one('gt', c.modifiedAt - 1), 1, `contact ${c.id}: after modifiedAt - 1 ms`);
      assert.equal(await one('eq', c.modifiedAt + 1), 0, `contact ${c.id}: equal to modifiedAt + 1 ms`);
      assert.equal(await one('eq', c.modifiedAt), 1, `contact ${c.id}: equal to modifiedAt`);
    }
  });

  test('get: one record, and not-found as a typed error', async () => {
    const a = new Bitrix24Adapter({ webhook: emu.webhook });
    assert.equal((await a.get('deal', '2')).title, 'ОСАГО продление');
    await assert.rejects(a.get('deal', '999'), (e: unknown) => isCrmError(e) && e.code === 'not-found');
    await assert.rejects(a.get('apartment', '1'), (e: unknown) => isCrmError(e) && e.code === 'not-supported');
  });

  test('capabilities: real estate and bookings are not Bitrix24 entities', async () => {
    const caps = await new Bitrix24Adapter({ webhook: emu.webhook }).capabilities();
    assert.equal(caps.entities.deal?.read, true);
    assert.equal(caps.entities.apartment?.read, false);
    assert.equal(caps.entities.booking?.read, false);
  });
});

describe('Bitrix24 adapter: read-only by design', () => {
  test('every allowlisted method is a read method the emulator knows, and nothing else can be called', async () => {
    for (const m of READ_METHODS) {
      assert.ok((EMULATED_METHODS as readonly string[]).includes(m), m);
      assert.match(m, /\.(list|get|current)$/);
    }
    const client = new RestClient({ origin: 'https://x.example', send: () => Promise.reject(new Error('must not send')) });
    for (const m of ['crm.deal.add', 'crm.deal.update', 'crm.deal.delete', 'placement.bind', 'batch', 'crm.item.delete', 'user.update', 'event.bind']) {
      assert.equal(isReadMethod(m), false, m);
      assert.throws(() => void client.call(m), (e: unknown) => isCrmError(e) && e.code === 'not-supported', m);
    }
  });
});

describe('Bitrix24 adapter: request planning', () => {
  afterEach(fresh);
  test('N dense-ID deals in at most ceil(N/2500)+2 requests', async () => {
    const N = 6000;
    const emu = await startEmulator(makeFixture(N - 3), { bucket: false, operating: false });
    try {
      const a = new Bitrix24Adapter({ webhook: emu.webhook });
      await a.identity();
      await a.list('funnel');
      emu.control({ resetStats: true });
      const ids = await a.listIds('deal');
      assert.equal(ids.length, N);
      assert.ok(emu.stats.requests <= Math.ceil(N / 2500) + 2, `requests: ${emu.stats.requests}`);
      emu.control({ resetStats: true });
      const { items } = await a.list('deal', { fields: ['id', 'title', 'amount'] });
      assert.equal(items.length, N);
      assert.equal(new Set(items.map((d) => d.id)).size, N);
      assert.ok(emu.stats.requests <= Math.ceil(N / 2500) + 2, `requests: ${emu.stats.requests}`);
    } finally {
      await emu.close();
    }
  });

  test('bulk paging (the cache first load: 1,000 a call, no order) costs one scan, not a request per page', async () => {
    const N = 6000;
    const emu = await startEmulator(makeFixture(N - 3), { bucket: false, operating: false });
    try {
      const a = new Bitrix24Adapter({ webhook: emu.webhook });
      await a.identity();
      await a.list('funnel');
      emu.control({ resetStats: true });
      const ids: string[] = [];
      let cursor: string | undefined;
      let calls = 0;
      do {
        const page = await a.list('deal', { limit: 1000, cursor });
        assert.ok(page.items.length <= 1000);
        assert.equal(page.total, N);
        ids.push(...page.items.map((d) => d.id));
        cursor = page.nextCursor;
        calls++;
      } while (cursor);
      assert.equal(calls, 6);
      assert.equal(new Set(ids).size, N);
      assert.ok(emu.stats.requests <= Math.ceil(N / 2500) + 2, `requests: ${emu.stats.requests}`);
    } finally {
      await emu.close();
    }
  });

  test('refresh finds deletions by per-range counts: 1 request of counts, then a changed range narrowed down by counts', async () => {
    const N = 12_000; // 5 ranges of 2,500 ids
    const emu = await startEmulator(makeFixture(N - 3), { bucket: false, operating: false });
    try {
      const a = new Bitrix24Adapter({ webhook: emu.webhook });
      await a.identity();
      await a.list('funnel');
      emu.control({ resetStats: true });
      const first = await a.listIds('deal');
      assert.equal(first.length, N);
      assert.ok(emu.stats.requests <= Math.ceil(N / 2500) + 2, `first scan: ${emu.stats.requests} requests`);

      emu.control({ resetStats: true });
      const same = await a.listIds('deal');
      assert.deepEqual(same, first);
      assert.equal(emu.stats.requests, 1, 'nothing deleted: one request of 5 counts (+ the new-id probe)');

      // Two deletions in one range, one new deal above the highest id.
      const idOf = (r: Record<string, unknown>) => Number(r.ID);
      const gone = [3001, 3002];
      const rows = emu.tables.deal;
      for (const g of gone) rows.splice(rows.findIndex((r) => idOf(r) === g), 1);
      const last = rows[rows.length - 1];
      rows.push({ ...last, ID: N + 100 });
      emu.control({ resetStats: true });
      const after = await a.listIds('deal');
      assert.equal(after.length, N - 1);
      assert.ok(!after.includes('3001') && !after.includes('3002'));
      assert.ok(after.includes(String(N + 100)));
      // Counts of 5 ranges; 5 subranges of the changed one, 5 of the changed subrange, 2 pages holding the ids.
      assert.ok(emu.stats.requests <= 4, `counts + one changed range narrowed down: ${emu.stats.requests} requests`);
    } finally {
      await emu.close();
    }
  });

  test('concurrent lists from several widgets share batches', async () => {
    const emu = await startEmulator(makeFixture(), { bucket: false, operating: false });
    try {
      const a = new Bitrix24Adapter({ webhook: emu.webhook });
      const b = new Bitrix24Adapter({ webhook: emu.webhook });
      await a.list('funnel');
      emu.control({ resetStats: true });
      await Promise.all([a.count('deal'), b.count('contact'), a.count('lead'), b.count('invoice')]);
      assert.equal(emu.stats.requests, 1);
      assert.equal(emu.stats.byMethod.batch, 1);
    } finally {
      await emu.close();
    }
  });
});

describe('Bitrix24 adapter: limits and faults', () => {
  afterEach(fresh);

  test('backs off on QUERY_LIMIT_EXCEEDED and finishes', async () => {
    const emu = await startEmulator(makeFixture(300), { bucket: { burst: 2, rate: 1 }, operating: false });
    try {
      const a = new Bitrix24Adapter({ webhook: emu.webhook, limit: { burst: 50, rate: 50 }, client: { backoffMs: 20 } });
      const ids = await a.listIds('deal');
      assert.equal(ids.length, 303);
      assert.ok(emu.stats.rejected503 > 0, 'the portal refused some requests');
    } finally {
      await emu.close();
    }
  });

  test('pauses a method until operating_reset_at on OPERATION_TIME_LIMIT, other methods go on', async () => {
    const emu = await startEmulator(makeFixture(), { bucket: false, operating: { limitSec: 0.01, baseCost: 0.02, windowMs: 400 } });
    try {
      const a = new Bitrix24Adapter({ webhook: emu.webhook });
      await a.count('deal');
      await a.count('deal');
      const n = await a.count('deal');
      assert.equal(n, 3);
      assert.ok(emu.stats.rejected429 > 0);
      assert.ok(a.client.stats.retries > 0);
    } finally {
      await emu.close();
    }
  });

  test('a long scan waits out operating pauses of its method (reset from the method, not the batch) and completes', async () => {
    // Scaled-down operating window: the scan spends its budget several times over, so its
    // commands wait through several pauses (longer in all than maxWaitMs; each pause shorter).
    const fixture = makeFixture();
    const t0 = Date.UTC(2025, 0, 1);
    const activity = Array.from({ length: 1500 }, (_, i) => ({ id: String(i + 1), kind: 'call' as const, subject: `Звонок ${i + 1}`, createdAt: t0 + i * 60_000, startAt: t0 + i * 60_000, completed: true, responsibleId: '1', bindings: [{ kind: 'contact' as const, id: '1' }] }));
    const emu = await startEmulator({ ...fixture, entities: { ...fixture.entities, activity } }, { bucket: false, operating: { limitSec: 0.05, windowMs: 1500, baseCost: 0.002, rowCost: 0.0001 } });
    try {
      const a = new Bitrix24Adapter({ webhook: emu.webhook, client: { maxWaitMs: 3000 } });
      const t = Date.now();
      const { items } = await a.list('activity', { fields: ['id', 'kind', 'bindings'] });
      assert.equal(items.length, 1500);
      assert.ok(emu.stats.rejected429 > 0, 'the method was paused');
      assert.ok(Date.now() - t > 3000, 'the scan waited longer in all than maxWaitMs');
    } finally {
      await emu.close();
    }
  });

  test('retries 500s, dropped connections and truncated JSON; no retry for access errors', async () => {
    const emu = await startEmulator(makeFixture(), { bucket: false, operating: false, faults: { script: ['500', 'drop', 'truncate'] } });
    try {
      const a = new Bitrix24Adapter({ webhook: emu.webhook, client: { backoffMs: 10 } });
      const me = await a.identity();
      assert.equal(me.userId, '1');
      assert.equal(emu.stats.faults, 3);
      const bad = new Bitrix24Adapter({ webhook: `${emu.origin}/rest/1/wrong/`, client: { backoffMs: 10 } });
      const before = emu.stats.requests;
      await assert.rejects(bad.identity(), (e: unknown) => isCrmError(e) && e.code === 'access-denied');
      assert.equal(emu.stats.requests - before, 1);
    } finally {
      await emu.close();
    }
  });

  test('gives up after the retries with a typed network error', async () => {
    const emu = await startEmulator(makeFixture(), { bucket: false, operating: false, faults: { rate: 1, kinds: ['drop'] } });
    try {
      const a = new Bitrix24Adapter({ webhook: emu.webhook, client: { backoffMs: 5, maxRetries: 2 } });
      await assert.rejects(a.identity(), (e: unknown) => isCrmError(e) && e.code === 'network');
    } finally {
      await emu.close();
    }
  });

  test('random faults (seeded): a full load still completes', async () => {
    const emu = await startEmulator(makeFixture(400), { bucket: false, operating: false, faults: { rate: 0.3, seed: 7, kinds: ['500', 'drop', 'truncate', 'slow'], slowMs: 30 } });
    try {
      const a = new Bitrix24Adapter({ webhook: emu.webhook, client: { backoffMs: 5, maxRetries: 8 } });
      const { items } = await a.list('deal');
      assert.equal(items.length, 403);
      assert.ok(emu.stats.faults > 0);
    } finally {
      await emu.close();
    }
  });

  test('expired_token: one coalesced refresh through the frame, then the calls go on', async () => {
    const emu = await startEmulator(makeFixture(), { bucket: false, operating: false, tokenTtlMs: 300 });
    try {
      let token = emu.issueToken(1);
      let refreshes = 0;
      const bx: Bx24Like = {
        getAuth: () => ({ access_token: token.access_token, domain: emu.origin }),
        refreshAuth: (cb) => {
          refreshes++;
          void fetch(`${emu.origin}/oauth/token/?grant_type=refresh_token&refresh_token=${token.refresh_token}`)
            .then((r) => r.json() as Promise<typeof token>)
            .then((t) => {
              token = t;
              cb({ access_token: t.access_token, domain: emu.origin });
            });
        },
      };
      const transport = new OAuthTransport(frameAuth(bx));
      const a = new Bitrix24Adapter({ transport });
      await a.identity();
      // Tokens issued from now on (the refreshed one) live long; the current one expires.
      emu.control({ tokenTtlMs: 60_000 });
      await new Promise((r) => setTimeout(r, 400));
      const [deals, contacts, leads] = await Promise.all([a.count('deal'), new Bitrix24Adapter({ transport }).count('contact'), a.count('lead')]);
      assert.deepEqual([deals, contacts, leads], [3, 2, 1]);
      assert.equal(refreshes, 1);
      assert.ok(emu.stats.expired401 >= 1);
    } finally {
      await emu.close();
    }
  });

  test('two users of one portal see different deals', async () => {
    const emu = await startEmulator(makeFixture(), {
      bucket: false,
      operating: false,
      users: [{ userId: 1, secret: 'boss', access: 'all' }, { userId: 2, secret: 'seller', access: 'own' }],
    });
    try {
      const boss = new Bitrix24Adapter({ webhook: emu.webhooks['1'] });
      const seller = new Bitrix24Adapter({ webhook: emu.webhooks['2'] });
      assert.deepEqual((await boss.listIds('deal')), ['1', '2', '3']);
      assert.deepEqual((await seller.listIds('deal')), ['2', '3']);
      await assert.rejects(seller.get('deal', '1'), (e: unknown) => isCrmError(e) && e.code === 'access-denied');
    } finally {
      await emu.close();
    }
  });

  test('webhook URL parsing refuses what is not a webhook', () => {
    assert.throws(() => new WebhookTransport('https://portal.example/some/page'));
    assert.equal(new WebhookTransport('https://portal.example/rest/7/abc123/').userId, '7');
  });
});
