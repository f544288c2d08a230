import type { Id } from '@crmkit/core';

/**
 * Local snoozes: "I know about this deal, leave it for N days, because …". Kept in the browser
 * only (localStorage, per CRM origin and user) and never written to the CRM: the security
 * service's first question is what an app writes, and the answer here is "nothing".
 */
export interface Snooze {
  readonly dealId: Id;
  readonly until: number;
  readonly reason: string;
  readonly at: number;
}

export function snoozeKey(origin: string, userId: Id): string {
  return `crmkit:forgotten-deals:snooze:${origin}|${userId}`;
}

/** Parses stored snoozes; never throws, drops expired and malformed entries. */
export function parseSnoozes(text: string | null | undefined, now: number): Map<Id, Snooze> {
  const out = new Map<Id, Snooze>();
  if (!text) return out;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return out;
  }
  if (!Array.isArray(json)) return out;
  for (const e of json as Partial<Snooze>[]) {
    if (typeof e?.dealId !== 'string' || typeof e.until !== 'number' || e.until <= now) continue;
    out.set(e.dealId, { dealId: e.dealId, until: e.until, reason: typeof e.reason === 'string' ? e.reason.slice(0, 500) : '', at: typeof e.at === 'number' ? e.at : 0 });
  }
  return out;
}

export function serializeSnoozes(snoozes: ReadonlyMap<Id, Snooze>): string {
  return JSON.stringify([...snoozes.values()]);
}

export function loadSnoozes(key: string, now: number): Map<Id, Snooze> {
  try {
    return parseSnoozes(globalThis.localStorage?.getItem(key), now);
  } catch {
    return new Map();
  }
}

export function storeSnoozes(key: string, snoozes: ReadonlyMap<Id, Snooze>): void {
  try {
    globalThis.localStorage?.setItem(key, serializeSnoozes(snoozes));
  } catch {
    // Storage blocked (a third-party iframe in a strict browser): snoozes last for this page.
  }
}
