import { createContext } from '@lit/context';
import type { DataAdapter } from '../adapter/data-adapter.js';

/**
 * The adapter reaches widgets through Lit context under a namespaced string key: a bare
 * `Symbol()` would fail when two copies of core are on one page.
 */
export const adapterContext = createContext<DataAdapter | undefined>('crmkit/data-adapter');
