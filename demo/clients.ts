import type { DataAdapter } from '@crmkit/core';
import type { DemoParams } from './params.js';

export interface DemoClient {
  readonly key: string;
  readonly kind: 'contact' | 'company';
  readonly id: string;
  readonly label: string;
}

/**
 * Clients offered in the demo's client switch: the requested one first, then the most recently
 * modified companies and contacts. Asks the adapter for a page of each, with two fields only.
 */
export async function chooseClients(adapter: DataAdapter, params: DemoParams): Promise<DemoClient[]> {
  const caps = await adapter.capabilities();
  const out: DemoClient[] = [];
  if (caps.entities.company?.read) {
    const companies = await adapter.list('company', { fields: ['title', 'modifiedAt'], order: { field: 'modifiedAt', direction: 'desc' }, limit: 15 });
    for (const c of companies.items) out.push({ key: `company:${c.id}`, kind: 'company', id: c.id, label: `🏢 ${c.title}` });
  }
  if (caps.entities.contact?.read) {
    const contacts = await adapter.list('contact', { fields: ['name', 'modifiedAt'], order: { field: 'modifiedAt', direction: 'desc' }, limit: 15 });
    for (const c of contacts.items) out.push({ key: `contact:${c.id}`, kind: 'contact', id: c.id, label: `👤 ${c.name}` });
  }
  const wanted = params.entity?.match(/^(contact|company):(.+)$/);
  if (wanted && !out.some((c) => c.key === params.entity)) {
    const [, kind, id] = wanted as unknown as [string, 'contact' | 'company', string];
    out.unshift({ key: `${kind}:${id}`, kind, id, label: `${kind} #${id}` });
  }
  return out;
}
