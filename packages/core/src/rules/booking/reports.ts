import type { CalendarDate, Id } from '../../model/common.js';
import type { Booking, BookingResource, ResourceType } from '../../model/booking.js';
import { daySlots, hoursOn, resourceZone, type Slot } from './slots.js';
import { wallClockAt } from '../../time/zone.js';
import { addCalendarDays, clockMinutes, dateDiffDays, dateInZone, isoWeekday } from './zoned-time.js';

/**
 * The booking office's two reports: «Встречи к переносу» (meetings that must move because the
 * schedule changed under them or their slot is overbooked) and «Занятость слотов» (how much of
 * the capacity was booked, by day, by resource type or by resource, and hour × weekday).
 */

export const RESCHEDULE_REASONS = ['resource-missing', 'day-off', 'break', 'outside-schedule', 'overbooked'] as const;
export type RescheduleReason = (typeof RESCHEDULE_REASONS)[number];

export interface RescheduleItem {
  readonly booking: Booking;
  readonly resource?: BookingResource;
  readonly reason: RescheduleReason;
}

/**
 * Active bookings starting within `[from, to]` (CRM dates, inclusive) that must be moved:
 *
 * - `resource-missing`: the resource no longer exists;
 * - `day-off`: its day became a day off (a holiday, an exception);
 * - `outside-schedule`: the hours changed and the booking is no longer inside them;
 * - `break`: it now overlaps a break;
 * - `overbooked`: together with earlier bookings it exceeds the capacity. The earliest-created
 *   bookings keep their seats; the later ones that do not fit are listed (first come, first served).
 *
 * One entry per booking, with the first reason in that order. Sorted by start.
 */
export function meetingsToReschedule(
  resources: readonly BookingResource[],
  bookings: readonly Booking[],
  range: { readonly from: CalendarDate; readonly to: CalendarDate; readonly timeZone: string },
): RescheduleItem[] {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const active = bookings.filter((b) => b.status === 'active');
  const out: RescheduleItem[] = [];
  for (const b of active) {
    const resource = byId.get(b.resourceId);
    const crmDate = dateInZone(b.start, range.timeZone);
    if (crmDate < range.from || crmDate > range.to) continue;
    if (!resource) {
      out.push({ booking: b, reason: 'resource-missing' });
      continue;
    }
    const reason = scheduleReason(resource, b, range.timeZone) ?? (isOverbooked(resource, b, active) ? 'overbooked' : undefined);
    if (reason) out.push({ booking: b, resource, reason });
  }
  return out.sort((a, b) => a.booking.start - b.booking.start || a.booking.resourceId.localeCompare(b.booking.resourceId));
}

function scheduleReason(resource: BookingResource, b: Booking, crmZone: string): RescheduleReason | undefined {
  const zone = resourceZone(resource, crmZone);
  const date = dateInZone(b.start, zone);
  const hours = hoursOn(resource, date);
  if (!hours) return 'day-off';
  const s = wallClockAt(b.start, zone);
  const from = s.hour * 60 + s.minute;
  const endDate = dateInZone(b.end, zone);
  const e = wallClockAt(b.end, zone);
  const to = endDate === date ? e.hour * 60 + e.minute : 24 * 60 + (dateDiffDays(date, endDate) - 1) * 24 * 60 + e.hour * 60 + e.minute;
  if (from < clockMinutes(hours.start) || to > clockMinutes(hours.end)) return 'outside-schedule';
  if (hours.breaks.some((br) => clockMinutes(br.start) < to && clockMinutes(br.end) > from)) return 'break';
  return undefined;
}

/** Does `b` push some instant of its time over capacity, counting only bookings created before it? */
function isOverbooked(resource: BookingResource, b: Booking, active: readonly Booking[]): boolean {
  const others = active.filter(
    (o) => o.resourceId === b.resourceId && o !== b && o.start < b.end && o.end > b.start && (o.createdAt < b.createdAt || (o.createdAt === b.createdAt && o.id < b.id)),
  );
  // The load only changes where a booking starts; check b's start and every earlier booking's start inside b.
  const points = [b.start, ...others.map((o) => o.start).filter((t) => t > b.start && t < b.end)];
  return points.some((t) => others.filter((o) => o.start <= t && o.end > t).reduce((s, o) => s + o.seats, 0) + b.seats > resource.capacity);
}

export const OCCUPANCY_GROUPS = ['day', 'type', 'resource'] as const;
export type OccupancyGroup = (typeof OCCUPANCY_GROUPS)[number];

export interface OccupancyRow {
  /** A date (`day`), a resource type (`type`) or a resource id (`resource`). */
  readonly key: string;
  /** Open slots in the period (not breaks, days off or outside hours). */
  readonly slots: number;
  /** Seats those slots offer: Σ capacity («Итого»). */
  readonly capacity: number;
  /** Seats booked, capped at capacity per slot. */
  readonly used: number;
  /** capacity − used («Остаток»). */
  readonly remaining: number;
  /** used / capacity, 0 when there is no capacity. */
  readonly utilisation: number;
  /** Slots with more seats booked than the capacity. */
  readonly overbooked: number;
}

export interface OccupancyReport {
  readonly rows: readonly OccupancyRow[];
  readonly total: OccupancyRow;
  /**
   * Utilisation by hour of day (0–23, rows) × ISO weekday (1–7 → index 0–6, columns), in the
   * CRM's zone; `null` where no slot was open, so "closed" differs from "empty".
   */
  readonly heatmap: readonly (readonly (number | null)[])[];
}

export interface OccupancyOptions {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly timeZone: string;
  readonly groupBy: OccupancyGroup;
  /** Only resources of this type. */
  readonly type?: ResourceType;
  readonly resourceIds?: readonly Id[];
}

/**
 * Slot occupancy over `[from, to]` (inclusive): for every open slot of every resource, its
 * capacity and the seats booked (capped at capacity, so an overbooked slot counts as full and
 * is counted separately), summed by day, by resource type or by resource.
 */
export function slotOccupancy(resources: readonly BookingResource[], bookings: readonly Booking[], options: OccupancyOptions): OccupancyReport {
  const chosen = resources.filter(
    (r) => (!options.type || r.type === options.type) && (!options.resourceIds || options.resourceIds.includes(r.id)),
  );
  const rows = new Map<string, { slots: number; capacity: number; used: number; overbooked: number }>();
  const cells = Array.from({ length: 24 }, () => Array.from({ length: 7 }, () => ({ capacity: 0, used: 0 })));
  const total = { slots: 0, capacity: 0, used: 0, overbooked: 0 };
  const dates: CalendarDate[] = [];
  for (let d = options.from; d <= options.to; d = addCalendarDays(d, 1)) dates.push(d);
  for (const r of chosen) {
    for (const date of dates) {
      for (const s of daySlots(r, date, bookings, { timeZone: options.timeZone }).slots) {
        if (s.reason !== undefined && s.reason !== 'full') continue;
        const key = options.groupBy === 'day' ? dateInZone(s.start, options.timeZone) : options.groupBy === 'type' ? r.type : r.id;
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { slots: 0, capacity: 0, used: 0, overbooked: 0 }));
        const used = Math.min(s.load, s.capacity);
        for (const acc of [row, total]) {
          acc.slots++;
          acc.capacity += s.capacity;
          acc.used += used;
          if (s.overbooked) acc.overbooked++;
        }
        addToHeatmap(cells, s, used, options.timeZone);
      }
    }
  }
  const finish = (key: string, a: { slots: number; capacity: number; used: number; overbooked: number }): OccupancyRow => ({
    key,
    slots: a.slots,
    capacity: a.capacity,
    used: a.used,
    remaining: a.capacity - a.used,
    utilisation: a.capacity > 0 ? a.used / a.capacity : 0,
    overbooked: a.overbooked,
  });
  return {
    rows: [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, a]) => finish(k, a)),
    total: finish('total', total),
    heatmap: cells.map((row) => row.map((c) => (c.capacity > 0 ? c.used / c.capacity : null))),
  };
}

function addToHeatmap(cells: { capacity: number; used: number }[][], s: Slot, used: number, zone: string): void {
  const w = wallClockAt(s.start, zone);
  const cell = cells[w.hour][isoWeekday(dateInZone(s.start, zone)) - 1];
  cell.capacity += s.capacity;
  cell.used += used;
}
