import type { Id, Timestamp } from '../model/common.js';
import type { EntityMap, EntityName } from '../model/entities.js';
import type { Apartment, ApartmentBooking } from '../model/real-estate.js';
import type { Booking } from '../model/booking.js';
import type { Employee } from '../model/people.js';
import type { AdapterCapabilities } from './capabilities.js';
import type { CallOptions, Filter, ListIdsOptions, ListQuery, ListResult } from './query.js';

/** Who is looking: the cache partitions by it, since two CRM users may see different records. */
export interface AdapterIdentity {
  /** Origin of the CRM (`https://company.bitrix24.ru`); the only place data may be sent. */
  readonly origin: string;
  /** The CRM user on whose behalf the adapter reads. */
  readonly userId: Id;
  readonly user?: Employee;
  /** The CRM's own time zone (IANA), for wall-clock rules such as working days and slots. */
  readonly timeZone: string;
}

export interface ApartmentHoldRequest {
  readonly apartmentId: Id;
  /** The version the user saw; a write against a changed apartment fails with `conflict`. */
  readonly expectedVersion?: string;
  readonly booking: Omit<ApartmentBooking, 'bookedAt'>;
}

export interface NewBooking {
  /**
   * A client-made id for the new booking (1C: a GUID), the write's idempotency key. Writing a
   * booking whose id already exists returns the stored one instead of booking again, so a retry
   * after an error whose outcome is unknown (a dropped answer) can never double it. Retry with the
   * same ids; without one the adapter makes one per call (its own retries are then safe, the
   * caller's are not).
   */
  readonly id?: Id;
  readonly resourceId: Id;
  readonly meetingId?: Id;
  readonly start: Timestamp;
  readonly end: Timestamp;
  readonly seats: number;
  readonly title: string;
  readonly clientRefs: Booking['clientRefs'];
  readonly clientNames?: readonly string[];
}

/**
 * Writes, present only on adapters that can write. Every write re-reads the record first and
 * fails with a `conflict` CrmError when someone else changed it, so nothing is booked twice.
 */
export interface AdapterWrites {
  holdApartment?(request: ApartmentHoldRequest, options?: CallOptions): Promise<Apartment>;
  releaseApartment?(apartmentId: Id, expectedVersion: string | undefined, options?: CallOptions): Promise<Apartment>;
  /** Creates all bookings of one meeting, or none of them. */
  createBookings?(bookings: readonly NewBooking[], options?: CallOptions): Promise<readonly Booking[]>;
  cancelBooking?(bookingId: Id, options?: CallOptions): Promise<void>;
}

/**
 * The one interface between widgets and a CRM: async functions, each cancellable by an
 * `AbortSignal` and reporting progress. Adapters fetch and map; they compute nothing a widget
 * shows. Implementations: `@crmkit/adapter-mock`, `@crmkit/adapter-bitrix24`, `@crmkit/adapter-1c`.
 */
export interface DataAdapter extends AdapterWrites {
  /** Short name of the adapter kind: `mock`, `bitrix24`, `1c`. */
  readonly kind: string;

  /** Who is looking and where; resolves once, then is stable for the adapter's life. */
  identity(options?: CallOptions): Promise<AdapterIdentity>;

  capabilities(options?: CallOptions): Promise<AdapterCapabilities>;

  /**
   * Records of one entity matching the query. Without `limit`, returns every match (paging
   * is the adapter's business) and reports progress as pages arrive.
   */
  list<E extends EntityName>(entity: E, query?: ListQuery<E>, options?: CallOptions): Promise<ListResult<EntityMap[E]>>;

  /** One record by id; rejects with a `not-found` CrmError when it does not exist. */
  get<E extends EntityName>(entity: E, id: Id, options?: CallOptions): Promise<EntityMap[E]>;

  /** Exact count of records matching the filter, without loading them. */
  count(entity: EntityName, filter?: Filter, options?: CallOptions): Promise<number>;

  /**
   * Ids of every record matching the filter; a cheap scan to find deletions on refresh.
   * `options.knownIds` (the ids of a cached copy) lets an adapter check ranges instead of
   * listing every id after a page reload.
   */
  listIds(entity: EntityName, filter?: Filter, options?: ListIdsOptions): Promise<readonly Id[]>;

  /** Release timers and connections. The adapter is unusable afterwards. */
  dispose?(): void;
}
