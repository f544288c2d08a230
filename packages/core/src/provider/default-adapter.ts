import type { DataAdapter } from '../adapter/data-adapter.js';

interface DefaultState {
  adapter?: DataAdapter;
  readonly listeners: Set<() => void>;
}

/** Shared on `globalThis` for the same reason as the adapter registry: two copies of core. */
const KEY = '__crmkitDefaultAdapter';

function state(): DefaultState {
  const g = globalThis as unknown as Record<string, DefaultState | undefined>;
  let s = g[KEY];
  if (!s) {
    s = { listeners: new Set() };
    g[KEY] = s;
  }
  return s;
}

/**
 * Sets the page's default adapter: crmkit elements outside any `<crm-provider>` and without an
 * `.adapter` property use it. Pass `undefined` to clear it. Elements already on the page pick
 * the change up at once.
 */
export function setDefaultAdapter(adapter: DataAdapter | undefined): void {
  const s = state();
  if (s.adapter === adapter) return;
  s.adapter = adapter;
  for (const listener of [...s.listeners]) listener();
}

export function getDefaultAdapter(): DataAdapter | undefined {
  return state().adapter;
}

/** Calls `listener` whenever the default adapter changes; returns the unsubscribe function. */
export function onDefaultAdapterChange(listener: () => void): () => void {
  const s = state();
  s.listeners.add(listener);
  return () => s.listeners.delete(listener);
}
