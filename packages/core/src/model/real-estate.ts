import type { Id, Timestamp } from './common.js';

/**
 * Real estate as a developer's sales office sees it: project → building → section → floor →
 * apartment. Real buildings are irregular, so the geometry is data: each apartment says on
 * which floor and in which column of its section it starts and how many it spans.
 */
export interface Project {
  readonly id: Id;
  readonly name: string;
  readonly city?: string;
}

export interface Building {
  readonly id: Id;
  readonly projectId: Id;
  readonly name: string;
  readonly address?: string;
  readonly sections: readonly Section[];
  readonly completionDate?: string;
}

/** One section (подъезд) of a building; its floors may skip numbers (no 13th floor). */
export interface Section {
  readonly id: Id;
  readonly name: string;
  /** Floor numbers that exist in this section, any order; the grid draws the top first. */
  readonly floors: readonly number[];
  /** Columns of the grid for this section: the widest floor's count of unit positions. */
  readonly columns: number;
}

export const APARTMENT_STATUSES = ['free', 'booked', 'paid-booking', 'sold', 'not-for-sale'] as const;
export type ApartmentStatus = (typeof APARTMENT_STATUSES)[number];

export const UNIT_TYPES = ['apartment', 'studio', 'penthouse', 'commercial', 'parking', 'storage'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const FINISHINGS = ['none', 'white-box', 'turnkey'] as const;
export type Finishing = (typeof FINISHINGS)[number];

export interface ApartmentBooking {
  readonly bookedAt: Timestamp;
  /** When the hold ends; absent for an open-ended hold. */
  readonly expiresAt?: Timestamp;
  readonly paid: boolean;
  /** Price fixed by a paid booking. */
  readonly price?: number;
  readonly clientName?: string;
  readonly clientRef?: { readonly kind: 'contact' | 'company'; readonly id: Id };
  readonly managerId?: Id;
}

export interface Apartment {
  readonly id: Id;
  readonly projectId: Id;
  readonly buildingId: Id;
  readonly sectionId: Id;
  /** Number as sold, e.g. "125" or "К-2" for a commercial unit. */
  readonly number: string;
  /** Lowest floor the unit occupies. */
  readonly floor: number;
  /** Floors occupied: 2 for a two-level apartment. */
  readonly floorSpan: number;
  /** Zero-based column within the section's grid row. */
  readonly column: number;
  /** Columns occupied: more than 1 for merged units. */
  readonly columnSpan: number;
  readonly type: UnitType;
  /** 0 for a studio. */
  readonly rooms: number;
  readonly areaTotal: number;
  readonly areaLiving?: number;
  readonly areaKitchen?: number;
  readonly price: number;
  readonly currency: string;
  readonly status: ApartmentStatus;
  /** When the status was last read from the CRM, for "status as of". */
  readonly statusAt: Timestamp;
  readonly finishing?: Finishing;
  readonly specialOffer?: string;
  /** Layout image on the CRM's origin or a `data:` URL. */
  readonly layoutUrl?: string;
  /** When it went on sale, for the days-on-sale heatmap. */
  readonly onSaleSince?: Timestamp;
  readonly booking?: ApartmentBooking;
  /** Opaque version for optimistic concurrency on writes. */
  readonly version?: string;
  readonly url?: string;
}

export interface PricePoint {
  readonly id: Id;
  readonly apartmentId: Id;
  readonly at: Timestamp;
  readonly price: number;
}
