import type { Timestamp } from '../../model/common.js';
import type { Apartment, ApartmentStatus, Finishing, UnitType } from '../../model/real-estate.js';

/**
 * A client's request («запрос клиента») as the sales office writes it down, the test of one
 * apartment against it, the ranking of the best fits, and the numbers behind heatmaps and totals.
 */

/** In a request's room list, this value means "this many rooms or more". */
export const ROOMS_OR_MORE = 4;

export interface ApartmentRequest {
  readonly types?: readonly UnitType[];
  /** Room counts wanted; 0 is a studio, {@link ROOMS_OR_MORE} means 4+. */
  readonly rooms?: readonly number[];
  /** Total area from, m² (inclusive). */
  readonly areaFrom?: number;
  /** Total area to, m² (inclusive). */
  readonly areaTo?: number;
  /** Budget up to: the price must not exceed it. */
  readonly budgetTo?: number;
  readonly statuses?: readonly ApartmentStatus[];
  readonly finishings?: readonly Finishing[];
  /** Only units with a special offer. */
  readonly specialOffer?: boolean;
}

/** True when the request sets no condition: every cell stays bright. */
export function isEmptyRequest(r: ApartmentRequest): boolean {
  return (
    !r.types?.length &&
    !r.rooms?.length &&
    r.areaFrom === undefined &&
    r.areaTo === undefined &&
    r.budgetTo === undefined &&
    !r.statuses?.length &&
    !r.finishings?.length &&
    !r.specialOffer
  );
}

/** Does `a` satisfy every condition of the request? Unset conditions always hold. */
export function matchesRequest(a: Apartment, r: ApartmentRequest): boolean {
  if (r.types?.length && !r.types.includes(a.type)) return false;
  if (r.rooms?.length && !r.rooms.some((n) => (n >= ROOMS_OR_MORE ? a.rooms >= ROOMS_OR_MORE : a.rooms === n))) return false;
  if (r.areaFrom !== undefined && a.areaTotal < r.areaFrom) return false;
  if (r.areaTo !== undefined && a.areaTotal > r.areaTo) return false;
  if (r.budgetTo !== undefined && a.price > r.budgetTo) return false;
  if (r.statuses?.length && !r.statuses.includes(a.status)) return false;
  if (r.finishings?.length && !r.finishings.includes(a.finishing ?? 'none')) return false;
  if (r.specialOffer && !a.specialOffer) return false;
  return true;
}

/** Price per square metre of total area; 0 for a unit without area. */
export function pricePerM2(a: Pick<Apartment, 'price' | 'areaTotal'>): number {
  return a.areaTotal > 0 ? a.price / a.areaTotal : 0;
}

const STATUS_RANK: Readonly<Record<ApartmentStatus, number>> = { free: 0, booked: 1, 'paid-booking': 2, sold: 3, 'not-for-sale': 4 };

/**
 * The best fits for a request, best first. Matching units only, ordered by what a sales
 * manager offers first: free before booked (a booking may lapse) before the rest; a special
 * offer first; then the lowest price per m²; then the area closest to the middle of the wanted
 * range; then the number. A plain ordering rather than a weighted score, so the list can be
 * explained to the client line by line.
 */
export function rankMatches(apartments: readonly Apartment[], r: ApartmentRequest, limit = Infinity): Apartment[] {
  const mid =
    r.areaFrom !== undefined && r.areaTo !== undefined ? (r.areaFrom + r.areaTo) / 2 : (r.areaFrom ?? r.areaTo);
  const areaGap = (a: Apartment) => (mid === undefined ? 0 : Math.abs(a.areaTotal - mid));
  return apartments
    .filter((a) => matchesRequest(a, r))
    .sort(
      (a, b) =>
        STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
        Number(!!b.specialOffer) - Number(!!a.specialOffer) ||
        pricePerM2(a) - pricePerM2(b) ||
        areaGap(a) - areaGap(b) ||
        a.number.localeCompare(b.number, undefined, { numeric: true }),
    )
    .slice(0, limit);
}

export const HEATMAP_MODES = ['status', 'price-per-m2', 'days-on-sale'] as const;
export type HeatmapMode = (typeof HEATMAP_MODES)[number];

/**
 * Days on sale: whole days from going on sale to `now`. Undefined for sold and not-for-sale
 * units and for units with no start date, which the heatmap leaves uncoloured.
 */
export function daysOnSale(a: Apartment, now: Timestamp): number | undefined {
  if (a.onSaleSince === undefined || a.status === 'sold' || a.status === 'not-for-sale') return undefined;
  return Math.max(0, Math.floor((now - a.onSaleSince) / 86_400_000));
}

/** The value a heatmap mode colours a unit by; undefined for no colour. */
export function heatValue(a: Apartment, mode: Exclude<HeatmapMode, 'status'>, now: Timestamp): number | undefined {
  if (mode === 'price-per-m2') return a.areaTotal > 0 && a.type !== 'parking' && a.type !== 'storage' ? pricePerM2(a) : undefined;
  return daysOnSale(a, now);
}

/**
 * Buckets `value` into `levels` equal steps between `min` and `max` (0 lowest … levels−1
 * highest). All values equal give the middle level; no value gives -1.
 */
export function heatLevel(value: number | undefined, min: number, max: number, levels = 5): number {
  if (value === undefined || !Number.isFinite(value)) return -1;
  if (max <= min) return Math.floor((levels - 1) / 2);
  return Math.min(levels - 1, Math.max(0, Math.floor(((value - min) / (max - min)) * levels)));
}

export interface UnitTotals {
  readonly units: number;
  readonly sold: number;
  /** Sold units among units offered for sale (not-for-sale excluded); 0 when none. */
  readonly soldShare: number;
  /** Σ price of every unit. */
  readonly sum: number;
  /** Σ price of sold units. */
  readonly soldSum: number;
  /** Σ price / Σ area over units with an area: the average price per m², weighted by area. */
  readonly avgPricePerM2: number;
}

/** Totals of a group of units: a floor row, a column, a section, the building. */
export function unitTotals(apartments: readonly Apartment[]): UnitTotals {
  let sold = 0;
  let forSale = 0;
  let sum = 0;
  let soldSum = 0;
  let pricedArea = 0;
  let pricedSum = 0;
  for (const a of apartments) {
    sum += a.price;
    if (a.status !== 'not-for-sale') forSale++;
    if (a.status === 'sold') {
      sold++;
      soldSum += a.price;
    }
    if (a.areaTotal > 0) {
      pricedArea += a.areaTotal;
      pricedSum += a.price;
    }
  }
  return {
    units: apartments.length,
    sold,
    soldShare: forSale > 0 ? sold / forSale : 0,
    sum,
    soldSum,
    avgPricePerM2: pricedArea > 0 ? pricedSum / pricedArea : 0,
  };
}

/** Count of units per status, every status present (0 when none): the legend's numbers. */
export function statusCounts(apartments: readonly Apartment[]): Record<ApartmentStatus, number> {
  const out: Record<ApartmentStatus, number> = { free: 0, booked: 0, 'paid-booking': 0, sold: 0, 'not-for-sale': 0 };
  for (const a of apartments) out[a.status]++;
  return out;
}

/**
 * Can this unit be booked now? Only a free one. A stale screen must not decide it: the widget
 * re-reads the apartment from the adapter and asks again right before writing.
 */
export function canHold(a: Apartment): boolean {
  return a.status === 'free';
}

/** Can this unit's booking be released? A booked or paid-booked one. */
export function canRelease(a: Apartment): boolean {
  return a.status === 'booked' || a.status === 'paid-booking';
}
