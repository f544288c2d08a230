import type { EntityName } from '../model/entities.js';

export interface EntityCapability {
  readonly read: boolean;
  /** Supports `modifiedSince`, so refresh fetches only changes. */
  readonly incremental: boolean;
  /** Supports {@link DataAdapter.listIds}, so refresh finds deletions cheaply. */
  readonly ids: boolean;
}

/** Writes an adapter can perform; each is off unless the adapter says otherwise. */
export interface WriteCapabilities {
  readonly apartmentBooking: boolean;
  readonly resourceBooking: boolean;
}

/**
 * What an adapter can do, so a widget can say "not available with this CRM" up front
 * instead of failing half-way through a load.
 */
export interface AdapterCapabilities {
  readonly entities: Readonly<Partial<Record<EntityName, EntityCapability>>>;
  readonly writes: WriteCapabilities;
  /**
   * Contacts, companies and deals carry `lastActivityAt` kept by the CRM itself, complete for
   * every activity the user may see. A widget may then read far fewer activities: the client
   * base reads only the open ones and the dialogs of clients nothing else classes, instead of
   * every activity of the portal (on Bitrix24 the activity list's operating-time budget, 480 s
   * per 10 minutes, cannot carry a million activities in a first load).
   */
  readonly recordActivityTime?: boolean;
}

export function canRead(caps: AdapterCapabilities, entity: EntityName): boolean {
  return caps.entities[entity]?.read === true;
}

/** Entities of `needed` the adapter cannot read; empty when the widget can work. */
export function missingEntities(caps: AdapterCapabilities, needed: readonly EntityName[]): EntityName[] {
  return needed.filter((e) => !canRead(caps, e));
}
