/**
 * The setup side of the client-base warm-start bench, loaded by widget-page.ts with `import()`
 * only when needed (the setup visit, the path without the stored classification, and the check
 * that a visit stored its classification): a reload of the app page fetches, compiles and runs
 * the widget and its adapter only, as a deployment's page would, not the portal generator.
 */
import type { CrmSnapshot, SnapshotAdapter } from '@crmkit/adapter-mock';
import { openCacheFor, type Company, type Contact, type Employee, type Payment } from '@crmkit/core';
import { CLIENT_BASE_RESULT, CLIENT_BASE_SUMMARY } from '../../packages/widgets/src/client-base/client-base-data.js';
import { makeActivities, makeDeals } from './page-data.js';

/** A portal of `deals` deals and `activities` activities, 40,000 contacts, 20,000 companies, 25,000 payments, 200 employees. */
export function bigSnapshot(base: Omit<CrmSnapshot, 'entities'>, now: number, deals: number, activities: number): CrmSnapshot {
  const DAY = 86_400_000;
  let seed = 11;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const companies: Company[] = Array.from({ length: 20_000 }, (_, i) => ({
    kind: 'company', id: String(i + 1), title: `ООО «Компания ${i + 1}»`, contactIds: [], comms: rnd() < 0.7 ? [{ type: 'phone', value: '+7 900 000-00-00' }] : [], hasRequisites: rnd() < 0.3,
    responsibleId: String(1 + (i % 200)), fields: {}, createdAt: now - 900 * DAY, modifiedAt: now - Math.floor(rnd() * 300) * DAY,
  }));
  const contacts: Contact[] = Array.from({ length: 40_000 }, (_, i) => ({
    kind: 'contact', id: String(i + 1), name: `Контакт ${i + 1}`, companyIds: i < 20_000 ? [String(i + 1)] : [], comms: rnd() < 0.6 ? [{ type: 'email', value: `c${i}@example.ru` }] : [], hasRequisites: false,
    responsibleId: String(1 + (i % 200)), fields: {}, createdAt: now - 900 * DAY, modifiedAt: now - Math.floor(rnd() * 300) * DAY,
  }));
  const payments: Payment[] = Array.from({ length: 25_000 }, (_, i) => ({
    id: `p${i}`, amount: 1000, currency: 'RUB', paidAt: now - Math.floor(rnd() * 1000) * DAY, ...(i % 2 ? { companyId: String(1 + (i % 20_000)) } : { contactId: String(20_001 + (i % 20_000)) }),
  }));
  const employees: Employee[] = Array.from({ length: 200 }, (_, i) => ({ id: String(i + 1), name: `Сотрудник ${i + 1}`, departmentIds: [], active: true }));
  return {
    ...base,
    entities: { company: companies, contact: contacts, deal: makeDeals(deals), invoice: [], payment: payments, activity: makeActivities(activities), employee: employees, department: [] },
  };
}

/** True when the widget has stored both its classification records for the next reload. */
export async function storedResult(adapter: SnapshotAdapter): Promise<boolean> {
  const cache = await openCacheFor(adapter);
  const r = (await cache.getResult(CLIENT_BASE_RESULT)) !== undefined && (await cache.getResult(CLIENT_BASE_SUMMARY)) !== undefined;
  cache.close();
  return r;
}

/** Deletes the stored classification: the next mount takes the path without it. */
export async function deleteStoredResult(adapter: SnapshotAdapter): Promise<void> {
  const cache = await openCacheFor(adapter);
  await cache.deleteResult(CLIENT_BASE_RESULT);
  await cache.deleteResult(CLIENT_BASE_SUMMARY);
  cache.close();
}
