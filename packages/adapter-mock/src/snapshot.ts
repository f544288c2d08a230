import { ENTITY_NAMES, type EntityMap, type EntityName } from '@crmkit/core';

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

/** Instants of the model: epoch milliseconds. A snapshot with ISO strings here is refused. */
const INSTANT_FIELDS = ['createdAt', 'modifiedAt', 'closedAt', 'paidAt', 'at', 'start', 'end', 'startAt', 'deadline', 'completedAt', 'statusAt', 'generatedAt'] as const;

/**
 * Checks untrusted JSON and says what is wrong, in plain words: the envelope, that every
 * entity list has a known name and holds objects with a unique string `id`, and that instants
 * are epoch milliseconds. It does not check every field of every record (a snapshot of a
 * million activities must load quickly); widgets treat all CRM data as untrusted anyway.
 */
export function parseSnapshot(json: unknown): CrmSnapshot {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('snapshot: not a JSON object');
  const s = json as Partial<CrmSnapshot>;
  if (s.format !== SNAPSHOT_FORMAT) throw new Error(`snapshot: "format" must be "${SNAPSHOT_FORMAT}"`);
  if (s.version !== 1) throw new Error('snapshot: unsupported "version" (expected 1)');
  if (typeof s.entities !== 'object' || s.entities === null || Array.isArray(s.entities)) throw new Error('snapshot: "entities" must be an object');
  if (s.generatedAt !== undefined && typeof s.generatedAt !== 'number') throw new Error('snapshot: "generatedAt" must be epoch milliseconds (a number)');
  for (const key of ['origin', 'userId', 'timeZone'] as const) {
    if (s[key] !== undefined && typeof s[key] !== 'string') throw new Error(`snapshot: "${key}" must be a string`);
  }
  for (const [name, list] of Object.entries(s.entities)) {
    if (!(ENTITY_NAMES as readonly string[]).includes(name)) {
      throw new Error(`snapshot: entities.${name} is not a known entity (known: ${ENTITY_NAMES.join(', ')})`);
    }
    if (!Array.isArray(list)) throw new Error(`snapshot: entities.${name} must be an array`);
    const seen = new Set<string>();
    for (const [i, r] of list.entries()) {
      if (typeof r !== 'object' || r === null || typeof (r as { id?: unknown }).id !== 'string') {
        throw new Error(`snapshot: entities.${name}[${i}] has no string "id"`);
      }
      const id = (r as { id: string }).id;
      if (seen.has(id)) throw new Error(`snapshot: entities.${name}[${i}] repeats id "${id}"`);
      seen.add(id);
      for (const f of INSTANT_FIELDS) {
        const v = (r as Record<string, unknown>)[f];
        if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v))) {
          throw new Error(`snapshot: entities.${name}[${i}].${f} must be epoch milliseconds (a number), got ${JSON.stringify(v)?.slice(0, 40)}`);
        }
      }
    }
  }
  return s as CrmSnapshot;
}
