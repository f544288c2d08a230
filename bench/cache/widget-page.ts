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
import '../../packages/widgets/src/client-base/crm-client-base.js';

/** The setup side (portal generator, cache checks): not part of a reload's page. */
const setupModule = () => import('./widget-setup.js');

/** When this module's body began to run (every import before it fetched, compiled and evaluated). */
const scriptStartAt = performance.now();
const ORIGIN = 'https://warm.bitrix24.ru';
const NOW = Date.UTC(2025, 10, 1);
const MARK = 'crm-client-base:first-meaningful-paint';

/** Every entity present, no records: capabilities as the real portal's, data only from the cache. */
const emptySnapshot: CrmSnapshot = {
  format: 'crmkit-snapshot', version: 1, origin: ORIGIN, userId: '1', timeZone: 'Europe/Moscow', generatedAt: NOW,
  entities: { company: [], contact: [], deal: [], invoice: [], payment: [], activity: [], employee: [], department: [] },
};

/**
 * Where the time before the widget's mount went (ms since navigation start): the previous
 * document's unload, the fetch of this page, its parsing, the scripts' fetch (HTTP cache or
 * network) and the module graph's evaluation up to this module's body.
 */
function navigationBreakdown(): Record<string, number | string> {
  const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  // The scripts fetched before this module ran (its static imports), not those loaded later.
  const scripts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js') && e.startTime <= scriptStartAt) as PerformanceResourceTiming[];
  const out: Record<string, number | string> = { scriptStart: scriptStartAt, scripts: scripts.length };
  if (n) {
    Object.assign(out, {
      unloadEventStart: n.unloadEventStart,
      unloadEventEnd: n.unloadEventEnd,
      fetchStart: n.fetchStart,
      requestStart: n.requestStart,
      responseStart: n.responseStart,
      responseEnd: n.responseEnd,
      domInteractive: n.domInteractive,
    });
  }
  if (scripts.length) {
    out.scriptsFetchStart = Math.min(...scripts.map((e) => e.startTime));
    out.scriptsResponseEnd = Math.max(...scripts.map((e) => e.responseEnd));
    out.scriptsFromCache = scripts.filter((e) => e.transferSize === 0).length;
    out.scriptTimes = scripts.map((e) => `${e.name.replace(/^.*\//, '')}:${e.startTime.toFixed(0)}-${e.responseEnd.toFixed(0)}`).join(' ');
  }
  return out;
}

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

async function setup(deals: number, activities: number): Promise<Record<string, number | string>> {
  const { bigSnapshot, storedResult } = await setupModule();
  const adapter = new SnapshotAdapter(bigSnapshot(emptySnapshot, NOW, deals, activities), { pageSize: 50_000 });
  const t0 = performance.now();
  const el = mount(adapter);
  await until(() => el.shadowRoot?.querySelector('crm-data-table') !== null && !loading(el));
  const loaded = performance.now() - t0;
  await until(() => storedResult(adapter));
  return { coldLoadMs: loaded, storedMs: performance.now() - t0, tiles: tiles(el) };
}

async function warm(withStored: boolean): Promise<Record<string, number | string | boolean>> {
  const adapter = new SnapshotAdapter(emptySnapshot);
  if (!withStored) await (await setupModule()).deleteStoredResult(adapter);
  const mountedAt = performance.now();
  performance.mark('page:mount');
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
  if (!withStored) {
    const { storedResult } = await setupModule();
    await until(() => storedResult(adapter));
  }
  return {
    paintSinceNavigationMs: first.frameAt,
    markSinceNavigationMs: first.markAt,
    paintSinceMountMs: first.frameAt - mountedAt,
    mountedAtMs: mountedAt,
    fullSinceNavigationMs: doneAt,
    fromStored: first.stored,
    countsEqual: first.tiles === after,
    tiles: after,
    nav: navigationBreakdown(),
    marks: performance.getEntriesByType('mark').map((e) => `${e.name}@${e.startTime.toFixed(0)}`).join(' '),
  };
}

const params = new URLSearchParams(location.search);
const job = params.get('mode') === 'setup' ? setup(Number(params.get('deals')), Number(params.get('activities'))) : warm(params.get('stored') !== '0');
job.then(
  (r) => ((window as unknown as { __result: unknown }).__result = r),
  (e: unknown) => ((window as unknown as { __result: unknown }).__result = { error: String(e) }),
);
