/**
 * Browser side of the client-base warm-start bench (bundled by warm-widget.mjs with esbuild).
 * `?mode=setup` caches a portal of 50,000 deals and 200,000 activities (plus 40,000 contacts,
 * 20,000 companies, 25,000 payments, 200 employees) by letting `<crm-client-base>` load it once,
 * and waits until its classification is stored. `?mode=warm` is a reload: an adapter that holds
 * no records (everything comes from the browser cache, as on a real warm start), the widget
 * mounted at once, and the time of its first meaningful paint (the widget's performance mark,
 * then the next frame) since navigation start. `&stored=0` deletes the stored classification
 * first: the path without it (decode every list, classify), same data, same run.
 */
import { SnapshotAdapter, type CrmSnapshot } from '@crmkit/adapter-mock';
import { openCacheFor, type Company, type Contact, type Employee, type Payment } from '@crmkit/core';
import '../../packages/widgets/src/client-base/crm-client-base.js';
import { CLIENT_BASE_RESULT, CLIENT_BASE_SUMMARY } from '../../packages/widgets/src/client-base/client-base-data.js';
import { makeActivities, makeDeals } from './page-data.js';

const ORIGIN = 'https://warm.bitrix24.ru';
const NOW = Date.UTC(2025, 10, 1);
const MARK = 'crm-client-base:first-meaningful-paint';

function bigSnapshot(deals: number, activities: number): CrmSnapshot {
  const DAY = 86_400_000;
  let seed = 11;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const companies: Company[] = Array.from({ length: 20_000 }, (_, i) => ({
    kind: 'company', id: String(i + 1), title: `ООО «Компания ${i + 1}»`, contactIds: [], comms: rnd() < 0.7 ? [{ type: 'phone', value: '+7 900 000-00-00' }] : [], hasRequisites: rnd() < 0.3,
    responsibleId: String(1 + (i % 200)), fields: {}, createdAt: NOW - 900 * DAY, modifiedAt: NOW - Math.floor(rnd() * 300) * DAY,
  }));
  const contacts: Contact[] = Array.from({ length: 40_000 }, (_, i) => ({
    kind: 'contact', id: String(i + 1), name: `Контакт ${i + 1}`, companyIds: i < 20_000 ? [String(i + 1)] : [], comms: rnd() < 0.6 ? [{ type: 'email', value: `c${i}@example.ru` }] : [], hasRequisites: false,
    responsibleId: String(1 + (i % 200)), fields: {}, createdAt: NOW - 900 * DAY, modifiedAt: NOW - Math.floor(rnd() * 300) * DAY,
  }));
  const payments: Payment[] = Array.from({ length: 25_000 }, (_, i) => ({
    id: `p${i}`, amount: 1000, currency: 'RUB', paidAt: NOW - Math.floor(rnd() * 1000) * DAY, ...(i % 2 ? { companyId: String(1 + (i % 20_000)) } : { contactId: String(20_001 + (i % 20_000)) }),
  }));
  const employees: Employee[] = Array.from({ length: 200 }, (_, i) => ({ id: String(i + 1), name: `Сотрудник ${i + 1}`, departmentIds: [], active: true }));
  return {
    format: 'crmkit-snapshot', version: 1, origin: ORIGIN, userId: '1', timeZone: 'Europe/Moscow', generatedAt: NOW,
    entities: { company: companies, contact: contacts, deal: makeDeals(deals), invoice: [], payment: payments, activity: makeActivities(activities), employee: employees, department: [] },
  };
}

/** Every entity present, no records: capabilities as the real portal's, data only from the cache. */
const emptySnapshot: CrmSnapshot = {
  format: 'crmkit-snapshot', version: 1, origin: ORIGIN, userId: '1', timeZone: 'Europe/Moscow', generatedAt: NOW,
  entities: { company: [], contact: [], deal: [], invoice: [], payment: [], activity: [], employee: [], department: [] },
};

type Widget = HTMLElement & { now?: number; adapter?: unknown; updateComplete: Promise<unknown> };

function mount(adapter: SnapshotAdapter): Widget {
  const el = document.createElement('crm-client-base') as Widget;
  el.now = NOW;
  el.adapter = adapter;
  el.setAttribute('lang', 'ru');
  document.body.append(el);
  return el;
}

const tiles = (el: Widget): string =>
  [...(el.shadowRoot?.querySelectorAll('.tile') ?? [])].map((t) => `${(t as HTMLElement).dataset.segment}=${t.querySelector('.n')?.textContent?.replace(/\s/g, '')}`).join(' ');

const loading = (el: Widget): boolean => {
  try {
    return el.matches(':state(loading)');
  } catch {
    return el.shadowRoot?.querySelector('[part="loading"]') !== null;
  }
};

async function until(check: () => boolean | Promise<boolean>, ms = 600_000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function storedResult(adapter: SnapshotAdapter): Promise<boolean> {
  const cache = await openCacheFor(adapter);
  const r = (await cache.getResult(CLIENT_BASE_RESULT)) !== undefined && (await cache.getResult(CLIENT_BASE_SUMMARY)) !== undefined;
  cache.close();
  return r;
}

async function setup(deals: number, activities: number): Promise<Record<string, number | string>> {
  const adapter = new SnapshotAdapter(bigSnapshot(deals, activities), { pageSize: 50_000 });
  const t0 = performance.now();
  const el = mount(adapter);
  await until(() => el.shadowRoot?.querySelector('crm-data-table') !== null && !loading(el));
  const loaded = performance.now() - t0;
  await until(() => storedResult(adapter));
  return { coldLoadMs: loaded, storedMs: performance.now() - t0, tiles: tiles(el) };
}

async function warm(withStored: boolean): Promise<Record<string, number | string | boolean>> {
  const adapter = new SnapshotAdapter(emptySnapshot);
  if (!withStored) {
    const cache = await openCacheFor(adapter);
    await cache.deleteResult(CLIENT_BASE_RESULT);
    await cache.deleteResult(CLIENT_BASE_SUMMARY);
    cache.close();
  }
  const mountedAt = performance.now();
  const painted = new Promise<{ markAt: number; frameAt: number; stored: boolean; tiles: string }>((resolve) => {
    new PerformanceObserver((list, obs) => {
      const e = list.getEntriesByName(MARK)[0] as PerformanceMark | undefined;
      if (!e) return;
      obs.disconnect();
      const at = tiles(el);
      requestAnimationFrame(() => resolve({ markAt: e.startTime, frameAt: performance.now(), stored: (e.detail as { stored?: boolean } | null)?.stored === true, tiles: at }));
    }).observe({ type: 'mark', buffered: true });
  });
  const el = mount(adapter);
  const first = await painted;
  // Then the full load in the background replaces it: the same numbers, or the stored ones were wrong.
  await until(() => el.shadowRoot?.querySelector('crm-data-table') !== null && !loading(el));
  const doneAt = performance.now();
  const after = tiles(el);
  if (!withStored) await until(() => storedResult(adapter));
  return {
    paintSinceNavigationMs: first.frameAt,
    markSinceNavigationMs: first.markAt,
    paintSinceMountMs: first.frameAt - mountedAt,
    mountedAtMs: mountedAt,
    fullSinceNavigationMs: doneAt,
    fromStored: first.stored,
    countsEqual: first.tiles === after,
    tiles: after,
    marks: performance.getEntriesByType('mark').map((e) => `${e.name}@${e.startTime.toFixed(0)}`).join(' '),
  };
}

const params = new URLSearchParams(location.search);
const job = params.get('mode') === 'setup' ? setup(Number(params.get('deals')), Number(params.get('activities'))) : warm(params.get('stored') !== '0');
job.then(
  (r) => ((window as unknown as { __result: unknown }).__result = r),
  (e: unknown) => ((window as unknown as { __result: unknown }).__result = { error: String(e) }),
);
