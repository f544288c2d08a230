import type { Id } from '../../model/common.js';
import { decodeView, encodeView, type FilterView } from './view-codec.js';

/**
 * Named filter views a person saves for themselves. They live in the browser only
 * (`localStorage`), keyed by the CRM's origin and the user, so two users of one computer and
 * two portals never see each other's views, and nothing is written to the CRM.
 *
 * Stored as `{"v":1,"views":[{"id","name","view":"1.…","updatedAt"}]}`: each view in its URL
 * form, so a stored view and a shared link are the same thing.
 */
export interface SavedView {
  readonly id: string;
  readonly name: string;
  readonly view: FilterView;
  readonly updatedAt: number;
}

/** The localStorage key of one widget's views for one user of one portal. */
export function savedViewsKey(scope: string, origin: string, userId: Id): string {
  return `crmkit:views:${scope}:${origin}|${userId}`;
}

/** Serializes views for storage. */
export function serializeSavedViews(views: readonly SavedView[]): string {
  return JSON.stringify({
    v: 1,
    views: views.map((s) => ({ id: s.id, name: s.name, view: encodeView({ conditions: s.view.conditions }), updatedAt: s.updatedAt })),
  });
}

/**
 * Parses stored views. Storage is shared with other scripts and older versions, so this never
 * throws: unreadable text gives no views, an unreadable entry is skipped.
 */
export function parseSavedViews(text: string | null | undefined): SavedView[] {
  if (!text) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const list = (json as { v?: unknown; views?: unknown } | null)?.views;
  if ((json as { v?: unknown }).v !== 1 || !Array.isArray(list)) return [];
  const out: SavedView[] = [];
  for (const entry of list) {
    const e = entry as { id?: unknown; name?: unknown; view?: unknown; updatedAt?: unknown };
    if (typeof e.id !== 'string' || typeof e.name !== 'string' || typeof e.view !== 'string') continue;
    try {
      const view = decodeView(e.view);
      out.push({ id: e.id, name: e.name, view: { name: e.name, conditions: view.conditions }, updatedAt: typeof e.updatedAt === 'number' ? e.updatedAt : 0 });
    } catch {
      // A damaged entry is dropped, the others stay usable.
    }
  }
  return out;
}

/** Adds a view or replaces the one with the same id (or, failing that, the same name). */
export function upsertSavedView(views: readonly SavedView[], view: SavedView): SavedView[] {
  const at = views.findIndex((v) => v.id === view.id);
  const byName = at >= 0 ? at : views.findIndex((v) => v.name.trim() === view.name.trim());
  if (byName < 0) return [...views, view];
  const next = [...views];
  next[byName] = { ...view, id: (views[byName] as SavedView).id };
  return next;
}

export function removeSavedView(views: readonly SavedView[], id: string): SavedView[] {
  return views.filter((v) => v.id !== id);
}

/** The subset of `Storage` used, so tests can pass a Map-backed stand-in. */
export type ViewStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function loadSavedViews(storage: ViewStorage | undefined, key: string): SavedView[] {
  try {
    return parseSavedViews(storage?.getItem(key));
  } catch {
    return []; // storage blocked (third-party iframe, privacy mode)
  }
}

export function storeSavedViews(storage: ViewStorage | undefined, key: string, views: readonly SavedView[]): boolean {
  try {
    storage?.setItem(key, serializeSavedViews(views));
    return storage !== undefined;
  } catch {
    return false;
  }
}
