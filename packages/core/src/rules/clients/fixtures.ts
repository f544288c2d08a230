import type { Activity } from '../../model/activities.js';
import type { Deal, Invoice, Payment, StageMove } from '../../model/deals.js';
import type { Company, Contact } from '../../model/people.js';

/**
 * Tiny record builders for the client rules' tests and the widgets' hand-made snapshots: only
 * what a case is about is spelled out, the rest are neutral defaults. Not exported from the
 * package index.
 */
export const T0 = Date.UTC(2024, 0, 1); // 2024-01-01T00:00Z
export const DAY = 86_400_000;

export function contact(id: string, over: Partial<Contact> = {}): Contact {
  return { kind: 'contact', id, name: `Contact ${id}`, companyIds: [], comms: [], hasRequisites: false, fields: {}, createdAt: T0, modifiedAt: T0, ...over };
}

export function company(id: string, over: Partial<Company> = {}): Company {
  return { kind: 'company', id, title: `Company ${id}`, contactIds: [], comms: [], hasRequisites: false, fields: {}, createdAt: T0, modifiedAt: T0, ...over };
}

export function deal(id: string, over: Partial<Deal> = {}): Deal {
  return {
    id,
    title: `Deal ${id}`,
    funnelId: '0',
    stageId: 'NEW',
    stageSemantics: 'process',
    amount: 0,
    currency: 'RUB',
    contactIds: [],
    createdAt: T0,
    modifiedAt: T0,
    products: [],
    fields: {},
    ...over,
  };
}

export function move(id: string, dealId: string, stageId: string, at: number, over: Partial<StageMove> = {}): StageMove {
  return { id, dealId, funnelId: '0', stageId, stageSemantics: 'process', at, ...over };
}

export function invoice(id: string, over: Partial<Invoice> = {}): Invoice {
  return { id, number: `N-${id}`, title: `Invoice ${id}`, amount: 0, currency: 'RUB', status: 'sent', createdAt: T0, modifiedAt: T0, ...over };
}

export function payment(id: string, paidAt: number, over: Partial<Payment> = {}): Payment {
  return { id, amount: 0, currency: 'RUB', paidAt, ...over };
}

export function activity(id: string, over: Partial<Activity> = {}): Activity {
  return { id, kind: 'call', subject: `Activity ${id}`, createdAt: T0, completed: true, bindings: [], ...over };
}
