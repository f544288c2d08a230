import { CrmError, type CrmErrorCode, type DataAdapter } from '@crmkit/core';
import { SnapshotAdapter, type CrmSnapshot } from '@crmkit/adapter-mock';

/**
 * Adapters for stories and widget tests: one per state a widget must show. The mock CRM's
 * generator gives the realistic data; these wrap it to produce loading, empty and error states.
 */

export const EMPTY_SNAPSHOT: CrmSnapshot = {
  format: 'crmkit-snapshot',
  version: 1,
  origin: 'mock://empty',
  userId: '1',
  timeZone: 'Europe/Moscow',
  entities: {
    contact: [],
    company: [],
    lead: [],
    deal: [],
    stageMove: [],
    invoice: [],
    payment: [],
    activity: [],
    employee: [],
    department: [],
    funnel: [],
    product: [],
    fieldDefinition: [],
    project: [],
    building: [],
    apartment: [],
    pricePoint: [],
    resource: [],
    booking: [],
  },
};

/** A CRM with nothing in it: every widget's empty state. */
export function emptyAdapter(): DataAdapter {
  return new SnapshotAdapter(EMPTY_SNAPSHOT);
}

/** Wraps an adapter so every data call waits forever (until aborted): the loading state. */
export function pendingAdapter(inner: DataAdapter = emptyAdapter()): DataAdapter {
  const never = (signal?: AbortSignal) =>
    new Promise<never>((_, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  return {
    kind: inner.kind,
    identity: (o) => inner.identity(o),
    capabilities: (o) => inner.capabilities(o),
    list: (_e, _q, o) => never(o?.signal),
    get: (_e, _id, o) => never(o?.signal),
    count: (_e, _f, o) => never(o?.signal),
    listIds: (_e, _f, o) => never(o?.signal),
  };
}

/** Wraps an adapter so every data call fails with the given code: the error state. */
export function failingAdapter(code: CrmErrorCode = 'network', inner: DataAdapter = emptyAdapter()): DataAdapter {
  const fail = async (): Promise<never> => {
    throw new CrmError(code, { detail: 'simulated failure', source: 'story' });
  };
  return {
    kind: inner.kind,
    identity: (o) => inner.identity(o),
    capabilities: (o) => inner.capabilities(o),
    list: fail,
    get: fail,
    count: fail,
    listIds: fail,
  };
}
