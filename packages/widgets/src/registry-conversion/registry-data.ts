import type { Deal, Department, Employee, FieldDefinition, Funnel, LoadContext, Payment, Product } from '@crmkit/core';

/** Everything the registry pivot reads. All deals are loaded: a client's history decides the sale kind. */
export interface RegistryData {
  readonly deals: readonly Deal[];
  readonly funnels: readonly Funnel[];
  readonly fieldDefinitions: readonly FieldDefinition[];
  readonly employees: readonly Employee[];
  readonly departments: readonly Department[];
  readonly products: readonly Product[];
  readonly payments: readonly Payment[];
  readonly timeZone: string;
}

/**
 * Loads deals (id, title, funnel, stage, amount, client, responsible, dates, products, custom
 * fields, URL), payments for LTV when the CRM gives them, and the dictionaries.
 */
export async function loadRegistryData(ctx: LoadContext): Promise<RegistryData> {
  const { adapter, signal } = ctx;
  const identity = await adapter.identity({ signal });
  const caps = await adapter.capabilities({ signal });
  signal.throwIfAborted();
  const can = (e: keyof typeof caps.entities) => caps.entities[e]?.read === true;
  const deals = await adapter.list('deal', {}, { signal, onProgress: (p) => ctx.progress(p) });
  signal.throwIfAborted();
  const [funnels, fieldDefinitions, employees, departments, products, payments] = await Promise.all([
    adapter.list('funnel', {}, { signal }).then((r) => r.items),
    can('fieldDefinition') ? adapter.list('fieldDefinition', { filter: [{ field: 'owner', op: 'eq', value: 'deal' }] }, { signal }).then((r) => r.items) : [],
    can('employee') ? adapter.list('employee', {}, { signal }).then((r) => r.items) : [],
    can('department') ? adapter.list('department', {}, { signal }).then((r) => r.items) : [],
    can('product') ? adapter.list('product', {}, { signal }).then((r) => r.items) : [],
    can('payment') ? adapter.list('payment', {}, { signal }).then((r) => r.items) : [],
  ]);
  signal.throwIfAborted();
  return { deals: deals.items, funnels, fieldDefinitions, employees, departments, products, payments, timeZone: identity.timeZone };
}
