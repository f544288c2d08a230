// Browser entry points of bench/clients/run.mjs, bundled with esbuild. Each page exposes one
// `window.bench*` function the runner calls; nothing here runs on import.
import { SnapshotAdapter } from '@crmkit/adapter-mock';
import {
  CLIENT_CLASSES,
  type Activity,
  type ActivityKind,
  type Company,
  type Contact,
  type Deal,
  type Payment,
} from '@crmkit/core';
import '../../packages/widgets/src/client-timeline/crm-client-timeline.js';
import { classifyClientBase } from '../../packages/widgets/src/client-base/client-base-data.js';
import { bigClientSnapshot } from '../../stories/client-stories-support.js';
import { CLIENTS_NOW } from '../../packages/widgets/src/client-timeline/client-fixtures.js';

declare global {
  interface Window {
    benchEvents(n: number): { id: string; content: string; start: number }[];
    benchCrmkitPrepare(n: number): void;
    benchCrmkit(): Promise<number>;
    benchPrepare(): { clients: number; deals: number; activities: number; payments: number };
    benchClassify(): Promise<{ ms: number; counts: Record<string, number>; rows: number; forgotten: number; t0: number }>;
  }
}

/** The same 10,000 events for both contenders. */
window.benchEvents = (n) => {
  const snap = bigClientSnapshot(n, CLIENTS_NOW);
  return (snap.entities.activity ?? []).map((a) => ({ id: a.id, content: a.subject, start: a.startAt ?? a.createdAt }));
};

let timelineAdapter: SnapshotAdapter | undefined;

/** The input, built before measuring: an adapter holding the client's 10,000 events. */
window.benchCrmkitPrepare = (n) => {
  timelineAdapter = new SnapshotAdapter(bigClientSnapshot(n, CLIENTS_NOW), { pageSize: 50_000 });
};

/** Time from adding `<crm-client-timeline>` to the first frame with its history rows on screen. */
window.benchCrmkit = async () => {
  const adapter = timelineAdapter as SnapshotAdapter;
  timelineAdapter = undefined;
  // The render starts in a task of its own (the trace's CPU window starts here).
  await new Promise((r) => setTimeout(r, 0));
  performance.mark('bench-render-start');
  const t0 = performance.now();
  const el = document.createElement('crm-client-timeline');
  el.setAttribute('entity-type', 'company');
  el.setAttribute('entity-id', 'A');
  el.pageSize = undefined; // all 10,000 at once, as vis-timeline gets them
  el.now = CLIENTS_NOW;
  el.adapter = adapter;
  document.body.append(el);
  await new Promise<void>((resolve) => {
    const check = () => {
      const table = el.shadowRoot?.querySelector('crm-data-table');
      if (table?.shadowRoot?.querySelector('[part="row"]')) resolve();
      else requestAnimationFrame(check);
    };
    check();
  });
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  const ms = performance.now() - t0;
  performance.mark('bench-render-end');
  return ms;
};

/** The large mock scale's shape, built compactly (50,000 clients, 250,000 deals, 1,000,000 activities). */
function largePortal() {
  let seed = 7;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const now = CLIENTS_NOW;
  const YEAR = 365 * 86_400_000;
  const companies: Company[] = [];
  const contacts: Contact[] = [];
  for (let i = 0; i < 15_000; i++) {
    companies.push({ kind: 'company', id: `co${i}`, title: `Компания ${i}`, contactIds: [], comms: rnd() < 0.7 ? [{ type: 'phone', value: '1' }] : [], hasRequisites: rnd() < 0.3, fields: {}, createdAt: now - YEAR, modifiedAt: now });
  }
  for (let i = 0; i < 60_000; i++) {
    const co = i < 25_000 ? [`co${i % 15_000}`] : i < 25_500 ? [`co${i % 15_000}`, `co${(i + 1) % 15_000}`] : [];
    contacts.push({ kind: 'contact', id: `ct${i}`, name: `Контакт ${i}`, companyIds: co, comms: rnd() < 0.6 ? [{ type: 'email', value: 'x' }] : [], hasRequisites: false, fields: {}, createdAt: now - YEAR, modifiedAt: now });
  }
  const clientOf = (i: number) => (i % 2 ? { companyId: `co${i % 15_000}`, contactIds: [] as string[] } : { contactIds: [`ct${25_500 + (i % 34_500)}`] });
  const deals: Deal[] = Array.from({ length: 250_000 }, (_, i) => ({
    id: `d${i}`, title: '', funnelId: '0', stageId: 'S', stageSemantics: 'process', amount: 1, currency: 'RUB', ...clientOf(i), createdAt: now - rnd() * 3 * YEAR, modifiedAt: now, products: [], fields: {},
  }));
  const payments: Payment[] = Array.from({ length: 250_000 }, (_, i) => ({ id: `p${i}`, amount: 1, currency: 'RUB', paidAt: now - rnd() * 3 * YEAR, ...(i % 2 ? { companyId: `co${i % 15_000}` } : { contactId: `ct${25_500 + (i % 34_500)}` }) }));
  const KINDS: ActivityKind[] = ['call', 'email', 'task', 'todo', 'messenger', 'comment'];
  const activities: Activity[] = Array.from({ length: 1_000_000 }, (_, i) => {
    const at = now - rnd() * 3 * YEAR;
    return { id: `a${i}`, kind: KINDS[i % KINDS.length], subject: '', createdAt: at, startAt: at, completed: rnd() < 0.9, deadline: at + 86_400_000, bindings: [i % 2 ? { kind: 'company', id: `co${i % 15_000}` } : { kind: 'contact', id: `ct${i % 60_000}` }] };
  });
  return { companies, contacts, deals, payments, activities, invoices: [] };
}

let portal: ReturnType<typeof largePortal> | undefined;
window.benchPrepare = () => {
  portal = largePortal();
  return { clients: portal.companies.length + portal.contacts.length, deals: portal.deals.length, activities: portal.activities.length, payments: portal.payments.length };
};

/** The client base's whole classification path (index, pack, worker, rows), as `<crm-client-base>` runs it. */
window.benchClassify = async () => {
  const p = portal ?? largePortal();
  performance.mark('clients-classify-start');
  const t0 = performance.now();
  const { clients, result, rows } = await classifyClientBase(p, p, { now: CLIENTS_NOW, timeZone: 'Europe/Moscow', forgottenDays: 30 });
  const ms = performance.now() - t0;
  performance.mark('clients-classify-end');
  const counts: Record<string, number> = {};
  for (const c of result.classCode) counts[CLIENT_CLASSES[c]] = (counts[CLIENT_CLASSES[c]] ?? 0) + 1;
  counts.clients = clients.length;
  let forgotten = 0;
  for (const r of rows) if (r.forgotten) forgotten++;
  return { ms, counts, rows: rows.length, forgotten, t0: Math.round(t0) };
};
