import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { generateMockCrm, SnapshotAdapter, type CrmSnapshot } from '@crmkit/adapter-mock';
import { activityTime, applyQuery, CrmError, DEFAULT_FORGOTTEN_DAYS, DIALOG_KINDS, PAYMENT_CLASSES, type Activity, type AdapterCapabilities, type CallOptions, type Contact, type EntityMap, type EntityName, type Filter, type ListIdsOptions, type ListQuery, type ListResult, type LoadProgress } from '@crmkit/core';
import './crm-client-base.js';
import type { CrmClientBase } from './client-base.js';
import { clientsSnapshot, CLIENTS_NOW } from '../client-timeline/client-fixtures.js';
import { loadClientBaseLists, newestById, type ListLoader } from './client-base-lists.js';
import { recentDealsStart } from './client-base-queries.js';
import { summedProgress } from './client-base-data.js';

/**
 * The client base on a CRM that keeps each card's last-activity time (Bitrix24's
 * `lastActivityTime`): it reads only the open activities and the dialogs of clients nothing else
 * classes, and must class every client exactly as reading every activity does.
 */
const snapshot = generateMockCrm({ scale: 'default' });
const NOW = snapshot.generatedAt ?? Date.now();
const DIALOGS = new Set<string>(DIALOG_KINDS);

/** The snapshot with `lastActivityAt` on cards and deals, as the CRM keeps it: the latest activity bound to it that took place. */
function withActivityTimes(s: CrmSnapshot, now = NOW): CrmSnapshot {
  const last = new Map<string, number>();
  for (const a of s.entities.activity ?? []) {
    const at = activityTime(a);
    if (at > now || !(a.completed || DIALOGS.has(a.kind))) continue;
    for (const b of a.bindings) {
      const key = `${b.kind}:${b.id}`;
      if (!((last.get(key) ?? -Infinity) >= at)) last.set(key, at);
    }
  }
  const stamp = <T extends { id: string }>(kind: string, list: readonly T[] | undefined): T[] =>
    (list ?? []).map((r) => {
      const at = last.get(`${kind}:${r.id}`);
      return at === undefined ? r : { ...r, lastActivityAt: at };
    });
  // The primary contact, which the CRM keeps apart (Bitrix24 `CONTACT_ID`) and can filter on.
  const deals = stamp('deal', s.entities.deal).map((d) => (d.contactIds.length ? { ...d, contactId: d.contactIds[0] } : d));
  // Another portal for the cache (both widgets share the page's in-memory cache partition).
  return { ...s, origin: 'https://lean.bitrix24.test', entities: { ...s.entities, contact: stamp('contact', s.entities.contact), company: stamp('company', s.entities.company), deal: deals } };
}

class ActivityTimeAdapter extends SnapshotAdapter {
  /** Each distinct activity query asked (its pages are one query). */
  readonly activityQueries: string[] = [];
  activityRows = 0;
  /** Each distinct deal query asked, and the deal rows read. */
  readonly dealQueries: string[] = [];
  dealRows = 0;
  override async capabilities(options?: CallOptions): Promise<AdapterCapabilities> {
    return { ...(await super.capabilities(options)), recordActivityTime: true };
  }
  override async list<E extends EntityName>(entity: E, query: ListQuery<E> = {}, options?: CallOptions): Promise<ListResult<EntityMap[E]>> {
    const r = await super.list(entity, query, options);
    const what = (query.filter ?? []).map((c) => `${c.field} ${c.op}`).join(' & ');
    if (entity === 'activity') {
      if (query.cursor === undefined) this.activityQueries.push(what);
      this.activityRows += r.items.length;
    }
    if (entity === 'deal') {
      if (query.cursor === undefined) this.dealQueries.push(what);
      this.dealRows += r.items.length;
    }
    return r;
  }
}

async function mount(adapter: SnapshotAdapter): Promise<CrmClientBase> {
  const wrap = await fixture<HTMLDivElement>(html`<div style="inline-size: 900px"><crm-client-base lang="ru" no-persist .now=${NOW} .adapter=${adapter}></crm-client-base></div>`);
  const el = wrap.querySelector('crm-client-base') as CrmClientBase;
  await waitUntil(() => el.shadowRoot?.querySelector('crm-data-table'), 'client base not loaded', { timeout: 30_000 });
  return el;
}

describe('<crm-client-base> on a CRM that keeps last-activity times', function () {
  this.timeout(60_000);
  let full: CrmClientBase;
  let lean: CrmClientBase;
  let adapter: ActivityTimeAdapter;
  before(async () => {
    full = await mount(new SnapshotAdapter(snapshot));
    adapter = new ActivityTimeAdapter(withActivityTimes(snapshot));
    lean = await mount(adapter);
  });

  it('classes every client as reading every activity does, from a few per cent of the activities', () => {
    const byKey = new Map(full.rows.map((r) => [r.client.key, r]));
    expect(lean.rows.length).to.equal(full.rows.length);
    const differ = lean.rows.filter((r) => byKey.get(r.client.key)?.class !== r.class);
    expect(differ.map((r) => r.client.key)).to.deep.equal([]);
    // Dialog evidence of the "with dialogs" class is complete (its count and last dialog).
    for (const r of lean.rows) if (r.class === 'dialogs') expect(r.evidence).to.deep.equal(byKey.get(r.client.key)?.evidence);
    const total = snapshot.entities.activity?.length ?? 0;
    expect(adapter.activityRows).to.be.greaterThan(0);
    expect(adapter.activityRows / total).to.be.lessThan(0.1);
    // Only the two narrow queries: the open ones and the dialogs of the undecided clients' cards.
    expect(adapter.activityQueries).to.deep.equal(['completed eq', 'kind in & bindings has']);
  });

  it('reads the company-less deals only of clients without payments, with the same classes and request counts', () => {
    const byKey = new Map(full.rows.map((r) => [r.client.key, r]));
    // Deals with a company in full; without, the recent ones and, by primary contact, those of
    // clients without payments.
    expect(adapter.dealQueries).to.deep.equal(['companyId notEmpty', 'companyId empty & createdAt gte', 'companyId empty & contactId in']);
    const deals = snapshot.entities.deal ?? [];
    const companyLess = deals.filter((d) => !d.companyId).length;
    expect(companyLess).to.be.greaterThan(0);
    expect(adapter.dealRows).to.be.lessThan(deals.length - companyLess / 2);
    // The "with requests" class keeps its evidence (how many deals and invoices, the last one).
    const requests = lean.rows.filter((r) => r.class === 'requests');
    expect(requests.length).to.be.greaterThan(0);
    for (const r of requests) expect(r.evidence, r.client.key).to.deep.equal(byKey.get(r.client.key)?.evidence);
  });

  it('keeps planned and overdue work and never reports an interaction earlier than the activities show', () => {
    const byKey = new Map(full.rows.map((r) => [r.client.key, r]));
    // Only a client with payments may lose an interaction: the creation of a company-less deal
    // older than the recent window (its company-less deals are not read otherwise).
    const windowStart = recentDealsStart(NOW, DEFAULT_FORGOTTEN_DAYS);
    let older = 0;
    for (const r of lean.rows) {
      const f = byKey.get(r.client.key)!;
      const leanAt = r.lastInteractionAt ?? -1;
      const fullAt = f.lastInteractionAt ?? -1;
      if (leanAt >= fullAt) continue;
      older++;
      expect(PAYMENT_CLASSES as readonly string[], r.client.key).to.include(r.class);
      expect(fullAt, r.client.key).to.be.lessThan(windowStart);
    }
    expect(older).to.be.lessThan(lean.rows.length / 10);
    // Forgotten needs "nothing planned": the open activities are all read.
    const forgottenFull = new Set(full.rows.filter((r) => r.forgotten).map((r) => r.client.key));
    for (const r of lean.rows) if (r.forgotten) expect(forgottenFull.has(r.client.key), r.client.key).to.equal(true);
  });

  it('loads manager control over its window when the view is opened, with every open task', async () => {
    const before = adapter.activityQueries.length;
    (lean.shadowRoot?.querySelector('[data-view="control"]') as HTMLButtonElement).click();
    await waitUntil(() => lean.shadowRoot?.querySelector('[part="control-window"]'), 'control window not loaded', { timeout: 30_000 });
    expect(adapter.activityQueries.slice(before)).to.deep.equal(['createdAt gte']);
    const from = Date.UTC(new Date(NOW).getUTCFullYear(), new Date(NOW).getUTCMonth() - 2, 1);
    expect(lean.shadowRoot?.querySelector('[part="control-window"]')?.textContent).to.match(/^Задачи и дела, поставленные с .+, и все открытые$/);
    const acts = snapshot.entities.activity ?? [];
    const expected = new Set(acts.filter((a: Activity) => a.kind !== 'comment' && (a.createdAt >= from || !a.completed)).map((a) => a.id));
    const shown = new Set(lean.controlRows.map((r) => r.id));
    expect(shown.size).to.equal(expected.size);
    for (const id of expected) expect(shown.has(id), id).to.equal(true);
  });
});

describe('<crm-client-base> manager control window: failure and retry', () => {
  /** Fails the control window's list until told otherwise. */
  class FlakyWindowAdapter extends ActivityTimeAdapter {
    failWindow = true;
    override async list<E extends EntityName>(entity: E, query: ListQuery<E> = {}, options?: CallOptions): Promise<ListResult<EntityMap[E]>> {
      if (entity === 'activity' && this.failWindow && (query.filter ?? []).some((c) => c.field === 'createdAt')) throw new CrmError('network', { source: 'activity', detail: 'test' });
      return super.list(entity, query, options);
    }
  }

  it('shows a localized error with Retry, and the table after a retry', async () => {
    const adapter = new FlakyWindowAdapter({ ...withActivityTimes(clientsSnapshot, CLIENTS_NOW), origin: 'https://flaky.bitrix24.test' });
    const wrap = await fixture<HTMLDivElement>(html`<div style="inline-size: 360px"><crm-client-base lang="ru" no-persist .now=${CLIENTS_NOW} .adapter=${adapter}></crm-client-base></div>`);
    const el = wrap.querySelector('crm-client-base') as CrmClientBase;
    await waitUntil(() => el.shadowRoot?.querySelector('crm-data-table'), 'client base not loaded', { timeout: 30_000 });
    (el.shadowRoot?.querySelector('[data-view="control"]') as HTMLButtonElement).click();
    const error = await waitUntil(() => el.shadowRoot?.querySelector('[part="error"]'), 'no error shown', { timeout: 10_000 }).then(() => el.shadowRoot?.querySelector('[part="error"]') as HTMLElement);
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.include('Повторить');
    adapter.failWindow = false;
    (error.querySelector('button') as HTMLButtonElement).click();
    await waitUntil(() => el.shadowRoot?.querySelector('[part="control-window"]'), 'control window not loaded after retry', { timeout: 10_000 });
    expect(el.controlRows.length).to.be.greaterThan(0);
    expect(el.shadowRoot?.querySelector('[part="error"]')).to.equal(null);
  });
});

describe('newestById', () => {
  it('keeps one record per id, the most recently modified, in first-seen order', () => {
    const a1 = { id: '1', modifiedAt: 10, companyId: 'X' };
    const b = { id: '2', modifiedAt: 5 };
    const a2 = { id: '1', modifiedAt: 20 };
    expect(newestById([a1, b, a2])).to.deep.equal([a2, b]);
    const list = [a1, b];
    expect(newestById(list)).to.equal(list); // nothing twice: the same array
  });
});

describe('<crm-client-base> Refresh brings the cached lists up to date', () => {
  it('asks only what changed since the last load (and the ids), and shows the change', async () => {
    const snap = { ...withActivityTimes(clientsSnapshot, CLIENTS_NOW), origin: 'https://refresh.bitrix24.test' };
    const entities = snap.entities as { contact: Contact[] };
    entities.contact = [...entities.contact];
    const adapter = new (class extends ActivityTimeAdapter {
      readonly since: string[] = [];
      readonly idChecks: string[] = [];
      override async list<E extends EntityName>(entity: E, query: ListQuery<E> = {}, options?: CallOptions): Promise<ListResult<EntityMap[E]>> {
        if (query.modifiedSince !== undefined) this.since.push(entity);
        return super.list(entity, query, options);
      }
      override async listIds(entity: EntityName, filter?: Filter, options?: ListIdsOptions): Promise<readonly string[]> {
        this.idChecks.push(`${entity}${options?.knownIds ? ' known' : ''}`);
        return super.listIds(entity, filter, options);
      }
    })(snap);
    const wrap = await fixture<HTMLDivElement>(html`<div style="inline-size: 900px"><crm-client-base lang="ru" no-persist .now=${CLIENTS_NOW} .adapter=${adapter}></crm-client-base></div>`);
    const el = wrap.querySelector('crm-client-base') as CrmClientBase;
    await waitUntil(() => el.shadowRoot?.querySelector('crm-data-table'), 'client base not loaded', { timeout: 30_000 });
    const before = el.rows.length;
    expect(adapter.since).to.deep.equal([]);
    // The first load asked the dialogs of the undecided clients' cards, by card.
    const asked = adapter.activityQueries.length;
    expect(adapter.activityQueries).to.include('kind in & bindings has');
    // A new B2C contact with a phone, modified now (the CRM's clock: the cache asks "modified since" its fetch time).
    entities.contact.push({ kind: 'contact', id: 'new-1', name: 'Новый Клиент', companyIds: [], comms: [{ type: 'phone', value: '+7 900 111-22-33' }], hasRequisites: false, fields: {}, createdAt: CLIENTS_NOW - 1000, modifiedAt: Date.now() });
    (el.shadowRoot?.querySelector('[part="status"] button') as HTMLButtonElement).click();
    await waitUntil(() => el.rows.length === before + 1, 'the new client did not appear', { timeout: 30_000 });
    expect(el.rows.find((r) => r.client.key === 'contact:new-1')?.class).to.equal('contacts');
    expect(adapter.since).to.include.members(['contact', 'company', 'deal', 'invoice']);
    expect(adapter.idChecks).to.include('contact known');
    // The dialogs come from one scan of the dialogs changed since, not a query per card again.
    const refreshQueries = adapter.activityQueries.slice(asked);
    expect(refreshQueries).to.include('kind in');
    expect(refreshQueries).not.to.include('kind in & bindings has');
  });
});

describe('client base lists: who paid decides which company-less deals are read', () => {
  it('reads by id the deal a payment bound to no client points to, and then no deals of its paid client', async () => {
    const T = Date.UTC(2025, 0, 10);
    const records: Partial<Record<EntityName, object[]>> = {
      contact: [
        { kind: 'contact', id: 'a', name: 'A', companyIds: [], comms: [], hasRequisites: false, fields: {}, createdAt: T, modifiedAt: T },
        { kind: 'contact', id: 'b', name: 'B', companyIds: [], comms: [], hasRequisites: false, fields: {}, createdAt: T, modifiedAt: T },
      ],
      deal: [
        { id: '9', title: '9', funnelId: '0', stageId: 'WON', stageSemantics: 'success', amount: 1, currency: 'RUB', contactIds: ['a'], contactId: 'a', createdAt: T, modifiedAt: T, products: [], fields: {} },
        { id: '10', title: '10', funnelId: '0', stageId: 'NEW', stageSemantics: 'process', amount: 1, currency: 'RUB', contactIds: ['b'], contactId: 'b', createdAt: T, modifiedAt: T, products: [], fields: {} },
      ],
      // Paid through deal 9 only: no contact, no company, no invoice.
      payment: [{ id: 'p1', dealId: '9', amount: 1, currency: 'RUB', paidAt: T }],
    };
    const asked: string[] = [];
    const load: ListLoader = async (entity, query) => {
      asked.push(`${entity}: ${(query.filter ?? []).map((c) => `${c.field} ${c.op}${c.op === 'in' ? ` ${(c.value as string[]).join(',')}` : ''}`).join(' & ')}`);
      return applyQuery((records[entity] ?? []) as never[], query as ListQuery).items;
    };
    const lists = await loadClientBaseLists(load, load, { recordActivityTime: true });
    expect(asked.filter((x) => x.startsWith('deal'))).to.deep.equal(['deal: companyId notEmpty', 'deal: id in 9', 'deal: companyId empty & contactId in b']);
    expect(lists.requestContacts).to.equal(1);
    expect(lists.deals.map((d) => d.id).sort()).to.deep.equal(['10', '9']);
  });
});

describe('client base lists side by side (Refresh)', () => {
  it('starts every list at once and sums their progress', async () => {
    let running = 0;
    let most = 0;
    const load: ListLoader = async (entity) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return [] as never;
    };
    const inTurn = await loadClientBaseLists(load, load, { recordActivityTime: true });
    expect(most).to.equal(1);
    expect(inTurn.deals).to.deep.equal([]);
    most = 0;
    await loadClientBaseLists(load, load, { recordActivityTime: true, concurrent: true });
    // Contacts, companies, deals with a company, invoices, payments, open activities, users,
    // departments (the company-less deals wait for the payments, which decide whose to ask).
    expect(most).to.equal(8);

    const seen: LoadProgress[] = [];
    const next = summedProgress((p) => seen.push(p));
    const contacts = next();
    const deals = next();
    contacts({ entity: 'contact', loaded: 10, total: 100 });
    deals({ entity: 'deal', loaded: 5, total: 50 });
    contacts({ entity: 'contact', loaded: 100, total: 100 });
    expect(seen).to.deep.equal([
      { entity: 'contact', loaded: 10 },
      { entity: 'deal', loaded: 15, total: 150 },
      { entity: 'contact', loaded: 105, total: 150 },
    ]);
  });
});
