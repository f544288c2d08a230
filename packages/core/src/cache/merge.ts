import type { Id } from '../model/common.js';

/** What an incremental refresh brought back. */
export interface IncrementalChanges<T extends { readonly id: Id }> {
  /** Records modified since the last load (new or changed), as the adapter returned them. */
  readonly modified: readonly T[];
  /** Ids known to be deleted. */
  readonly deletedIds?: Iterable<Id>;
  /**
   * Every id that matches the query now (`DataAdapter.listIds`). When given, any cached record
   * not listed is dropped: it was deleted, or changed so that it no longer matches the filter.
   */
  readonly liveIds?: Iterable<Id>;
}

/**
 * Applies an incremental refresh to a cached list, without touching the input.
 *
 * A modified record replaces the cached one with its id in place (so the list keeps its order);
 * a new one is appended; deleted ids and, when `liveIds` is given, ids no longer live are
 * removed. A modified record that is also in `deletedIds` is removed (deletion wins); one that
 * is missing from `liveIds` is kept, since `listIds` may have run a moment before the change.
 */
export function mergeIncremental<T extends { readonly id: Id }>(cached: readonly T[], changes: IncrementalChanges<T>): T[] {
  const modified = new Map<Id, T>();
  for (const r of changes.modified) modified.set(r.id, r);
  const deleted = new Set<Id>(changes.deletedIds ?? []);
  const live = changes.liveIds ? new Set<Id>(changes.liveIds) : undefined;
  const out: T[] = [];
  const seen = new Set<Id>();
  for (const r of cached) {
    if (deleted.has(r.id) || seen.has(r.id)) continue;
    const m = modified.get(r.id);
    if (m) {
      out.push(m);
    } else {
      if (live && !live.has(r.id)) continue;
      out.push(r);
    }
    seen.add(r.id);
  }
  for (const [id, r] of modified) {
    if (!seen.has(id) && !deleted.has(id)) {
      out.push(r);
      seen.add(id);
    }
  }
  return out;
}
