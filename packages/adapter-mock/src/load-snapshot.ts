import { CrmError } from '@crmkit/core';
import { parseSnapshot, type CrmSnapshot } from './snapshot.js';

/**
 * Reads a snapshot from JSON text or an already parsed value. Every problem becomes a
 * `bad-response` CrmError whose detail says what is wrong and where
 * (`snapshot: entities.deal[3].createdAt must be epoch milliseconds…`).
 */
export function loadSnapshot(json: string | unknown): CrmSnapshot {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch (e) {
      throw new CrmError('bad-response', { detail: `snapshot: not valid JSON (${(e as Error).message})`, source: 'snapshot', cause: e });
    }
  }
  try {
    return parseSnapshot(value);
  } catch (e) {
    throw new CrmError('bad-response', { detail: (e as Error).message, source: 'snapshot', cause: e });
  }
}

/**
 * Fetches a snapshot (same-origin or a `blob:` URL of a file the user picked) and validates it.
 * Rejects with `not-found` for 404, `access-denied` for 401/403, `network` for other failures,
 * `bad-response` for content that is not a snapshot, and an AbortError when `signal` aborts.
 */
export async function loadSnapshotFromUrl(url: string | URL, signal?: AbortSignal): Promise<CrmSnapshot> {
  signal?.throwIfAborted();
  let response: Response;
  try {
    response = await fetch(url, { signal: signal ?? null, credentials: 'same-origin' });
  } catch (e) {
    if ((e as { name?: string }).name === 'AbortError') throw e;
    throw new CrmError('network', { detail: `could not fetch the snapshot (${(e as Error).message})`, source: String(url), cause: e });
  }
  if (!response.ok) {
    const code = response.status === 404 ? 'not-found' : response.status === 401 || response.status === 403 ? 'access-denied' : 'network';
    throw new CrmError(code, { detail: `HTTP ${response.status} for the snapshot`, source: String(url) });
  }
  const text = await response.text();
  signal?.throwIfAborted();
  return loadSnapshot(text);
}
