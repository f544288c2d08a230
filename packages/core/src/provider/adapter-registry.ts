import type { DataAdapter } from '../adapter/data-adapter.js';

/**
 * Builds an adapter for a declarative `<crm-provider adapter-kind="…">` from the element's own
 * attributes (`portal`, `scale`, `seed`…). May be async (an adapter package loaded lazily).
 */
export type AdapterFactory = (el: HTMLElement) => DataAdapter | Promise<DataAdapter>;

interface Registry {
  readonly factories: Map<string, AdapterFactory>;
  readonly listeners: Set<(kind: string) => void>;
}

/**
 * One registry per page, kept on `globalThis` under a namespaced key: an adapter package bundled
 * with its own copy of core must still reach the providers of the page's copy (the same reason
 * the context key is a string, not a `Symbol()`).
 */
const KEY = '__crmkitAdapterFactories';

function registry(): Registry {
  const g = globalThis as unknown as Record<string, Registry | undefined>;
  let r = g[KEY];
  if (!r) {
    r = { factories: new Map(), listeners: new Set() };
    g[KEY] = r;
  }
  return r;
}

/**
 * Registers how to build adapters of a kind (`mock`, `bitrix24`, `1c`). Adapter packages call it
 * from their side-effect registering module; providers waiting for the kind resolve at once.
 * A later registration of the same kind replaces the earlier one. Returns an unregister function.
 */
export function registerAdapterFactory(kind: string, factory: AdapterFactory): () => void {
  const r = registry();
  r.factories.set(kind, factory);
  for (const listener of [...r.listeners]) listener(kind);
  return () => {
    if (r.factories.get(kind) === factory) r.factories.delete(kind);
  };
}

export function getAdapterFactory(kind: string): AdapterFactory | undefined {
  return registry().factories.get(kind);
}

/** Kinds registered so far, in registration order. */
export function registeredAdapterKinds(): string[] {
  return [...registry().factories.keys()];
}

/** Calls `listener(kind)` on each later registration; returns the unsubscribe function. */
export function onAdapterFactoryRegistered(listener: (kind: string) => void): () => void {
  const r = registry();
  r.listeners.add(listener);
  return () => r.listeners.delete(listener);
}
