import type { EntityMap, EntityName } from '@crmkit/core';

/**
 * The snapshot format: a whole CRM as one JSON document. The mock generator produces it,
 * tests write small ones by hand to state exact cases, and people can load their own exported
 * data into the demo. Every entity list is optional; records follow the core model exactly
 * (instants as epoch milliseconds, dates as `YYYY-MM-DD`). See `SNAPSHOT.md` in this package.
 */
export interface CrmSnapshot {
  readonly format: 'crmkit-snapshot';
  readonly version: 1;
  /** Origin the data pretends to come from; partitions the cache. */
  readonly origin?: string;
  /** The user looking at it. */
  readonly userId?: string;
  /** The CRM's time zone (IANA). */
  readonly timeZone?: string;
  /** The "now" the data was generated for; relative dates (overdue, sleeping) are computed from it. */
  readonly generatedAt?: number;
  readonly entities: { readonly [E in EntityName]?: readonly EntityMap[E][] };
}

export const SNAPSHOT_FORMAT = 'crmkit-snapshot';

/** Checks the envelope of untrusted JSON and says what is wrong, in plain words. */
export function parseSnapshot(json: unknown): CrmSnapshot {
  if (typeof json !== 'object' || json === null) throw new Error('snapshot: not a JSON object');
  const s = json as Partial<CrmSnapshot>;
  if (s.format !== SNAPSHOT_FORMAT) throw new Error(`snapshot: "format" must be "${SNAPSHOT_FORMAT}"`);
  if (s.version !== 1) throw new Error('snapshot: unsupported "version" (expected 1)');
  if (typeof s.entities !== 'object' || s.entities === null) throw new Error('snapshot: "entities" must be an object');
  for (const [name, list] of Object.entries(s.entities)) {
    if (!Array.isArray(list)) throw new Error(`snapshot: entities.${name} must be an array`);
    for (const [i, r] of list.entries()) {
      if (typeof r !== 'object' || r === null || typeof (r as { id?: unknown }).id !== 'string') {
        throw new Error(`snapshot: entities.${name}[${i}] has no string "id"`);
      }
    }
  }
  return s as CrmSnapshot;
}
