import { clearAllCaches } from '../cache/index.js';

/** Prefix of every localStorage key crmkit writes (saved views, snoozes, rule settings). */
export const LOCAL_STORAGE_PREFIX = 'crmkit:';

/**
 * Forgets everything crmkit keeps in this browser, for every CRM and user: the IndexedDB caches
 * and the small settings in localStorage (saved filter views, snoozed deals, rule settings).
 * Call it on logout from a shared office computer. Resolves once everything is gone.
 */
export async function clearAllLocalData(storage: Storage | undefined = globalThis.localStorage): Promise<void> {
  await clearAllCaches();
  if (!storage) return;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(LOCAL_STORAGE_PREFIX)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}
