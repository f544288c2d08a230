/**
 * Primitive types shared by every record of the domain model.
 *
 * Ids are strings everywhere: Bitrix24 sends numeric strings, 1C sends GUIDs, and a
 * snapshot may use either. Instants are epoch milliseconds (UTC) rather than strings, so
 * hundreds of thousands of them fit in typed-array columns of the cache and compare cheaply.
 */

/** A record identifier as the CRM gives it. */
export type Id = string;

/** An instant: milliseconds since the Unix epoch, UTC. */
export type Timestamp = number;

/** A calendar date without a time or zone, `YYYY-MM-DD`. */
export type CalendarDate = string;

/** Every kind of record the model knows; used in references, links and events. */
export const RECORD_KINDS = [
  'contact',
  'company',
  'lead',
  'deal',
  'invoice',
  'payment',
  'activity',
  'employee',
  'project',
  'building',
  'apartment',
  'resource',
  'booking',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** A pointer to one record of a given kind. */
export interface RecordRef {
  readonly kind: RecordKind;
  readonly id: Id;
}

/** `kind:id`, the string form of a {@link RecordRef}, used as a map key and in filters. */
export type RecordKey = `${RecordKind}:${string}`;

export function recordKey(ref: RecordRef): RecordKey {
  return `${ref.kind}:${ref.id}`;
}

export function parseRecordKey(key: string): RecordRef | undefined {
  const at = key.indexOf(':');
  if (at <= 0) return undefined;
  const kind = key.slice(0, at) as RecordKind;
  if (!(RECORD_KINDS as readonly string[]).includes(kind)) return undefined;
  return { kind, id: key.slice(at + 1) };
}

/** Money in a currency. Amounts are in the currency's main unit (roubles, not kopecks). */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}
