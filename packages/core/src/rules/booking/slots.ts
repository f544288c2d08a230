import type { CalendarDate, Id, Timestamp } from '../../model/common.js';
import type { Booking, BookingResource, ClockTime, DayHours } from '../../model/booking.js';
import { clockMinutes, isoWeekday, minutesClock, splitCalendarDate, steadyDayOffset, zonedInstant } from './zoned-time.js';

/**
 * Slots of a bookable resource (a meeting room, a bus, a manager) for one day, from its weekly
 * schedule, its breaks and its dated exceptions, with the load of existing bookings against
 * its capacity — the `14:00 (1/2)` of the sales office's calendar.
 */

/** Why a slot cannot take a new booking. */
export const UNAVAILABLE_REASONS = ['day-off', 'outside-schedule', 'break', 'full'] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export interface Slot {
  readonly resourceId: Id;
  readonly date: CalendarDate;
  /** Wall-clock start in the resource's zone, `HH:MM`. */
  readonly clock: ClockTime;
  readonly start: Timestamp;
  readonly end: Timestamp;
  /** Seats taken by active bookings overlapping the slot. */
  readonly load: number;
  readonly capacity: number;
  /** Active bookings overlapping the slot, earliest created first. */
  readonly bookings: readonly Booking[];
  /** Absent when the slot can take at least one more seat. */
  readonly reason?: UnavailableReason;
  /** More seats taken than the resource has (a schedule or capacity changed after booking). */
  readonly overbooked: boolean;
}

export interface DaySlots {
  readonly resourceId: Id;
  readonly date: CalendarDate;
  /** The hours in force that day (an exception wins over the weekly schedule); null for a day off. */
  readonly hours: DayHours | null;
  readonly slots: readonly Slot[];
}

export interface SlotOptions {
  /** The CRM's zone, used when the resource names none. */
  readonly timeZone: string;
  /**
   * Clock times to produce slots for, so several resources line up in one grid. Times outside
   * the resource's hours come out as `outside-schedule` (or `day-off`). Default: the
   * resource's own slots for that day.
   */
  readonly clocks?: readonly ClockTime[];
}

/** The resource's zone, falling back to the CRM's. */
export function resourceZone(resource: BookingResource, crmZone: string): string {
  return resource.timeZone ?? crmZone;
}

/** Hours in force on `date`: a dated exception first, then the weekly schedule; null is a day off. */
export function hoursOn(resource: BookingResource, date: CalendarDate): DayHours | null {
  const exception = resource.exceptions.find((e) => e.date === date);
  if (exception) return exception.hours;
  return resource.schedule.days[isoWeekday(date)] ?? null;
}

/** Clock starts of the resource's own slots on a day: from opening, one per `slotMinutes`, while a whole slot fits. */
export function scheduleClocks(hours: DayHours | null, slotMinutes: number): ClockTime[] {
  if (!hours || slotMinutes <= 0) return [];
  const out: ClockTime[] = [];
  const end = clockMinutes(hours.end);
  for (let t = clockMinutes(hours.start); t + slotMinutes <= end; t += slotMinutes) out.push(minutesClock(t));
  return out;
}

/** The `bookings` of every slot nobody holds: one shared, frozen empty list. */
const NO_BOOKINGS: readonly Booking[] = Object.freeze([]);

/**
 * Active bookings of `resourceId` overlapping `[start, end)`, earliest created first.
 * `bookings` may hold every resource's bookings; cancelled ones never count.
 */
export function overlapping(bookings: readonly Booking[], resourceId: Id, start: Timestamp, end: Timestamp): Booking[] {
  return bookings
    .filter((b) => b.resourceId === resourceId && b.status === 'active' && b.start < end && b.end > start)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/**
 * The slots of `resource` on `date` with their load and, when closed, why.
 *
 * Reasons, first match wins: `day-off` (no hours that day), `outside-schedule` (the slot is not
 * wholly inside opening hours), `break` (it overlaps a break), `full` (load ≥ capacity).
 * A slot's instants come from its wall-clock time in the resource's zone, so on a DST day a
 * 09:00 slot is 09:00 local both before and after the change.
 */
export function daySlots(resource: BookingResource, date: CalendarDate, bookings: readonly Booking[], options: SlotOptions): DaySlots {
  const day = prepareDay(resource, date, options);
  const { hours } = day;
  const own = overlapping(bookings, resource.id, -Infinity, Infinity);
  const slots = day.clocks.map((clock): Slot => {
    const from = clockMinutes(clock);
    const start = day.start(clock, from);
    const end = day.end(start, from);
    let over: Booking[] | undefined;
    let load = 0;
    for (const b of own) if (b.start < end && b.end > start) ((over ??= []).push(b), (load += b.seats));
    let reason: UnavailableReason | undefined = day.closedReason(from);
    if (!reason && load >= resource.capacity) reason = 'full';
    const slot: { -readonly [K in keyof Slot]: Slot[K] } = {
      resourceId: resource.id,
      date,
      clock,
      start,
      end,
      load,
      capacity: resource.capacity,
      bookings: over ?? NO_BOOKINGS,
      overbooked: load > resource.capacity,
    };
    if (reason) slot.reason = reason;
    return slot;
  });
  return { resourceId: resource.id, date, hours, slots };
}

/** How many slots a resource has on a day and how many of them can take a booking. */
export interface SlotCount {
  /** Slots of the day: `daySlots(…).slots.length`. */
  readonly total: number;
  /** Slots without a `reason`: open, inside the hours, off every break and not full. */
  readonly free: number;
}

/**
 * How many of `resource`'s slots on `date` are free, without building the slots: the summary
 * `свободно 9 из 12` of a calendar row not drawn yet. Always the same figures as counting
 * {@link daySlots}' slots (`total` its length, `free` those without a `reason`), DST days
 * included, from the same per-day reading of hours, breaks and zone; it only skips making a
 * `Slot` object and the list of who holds it. `bookings` may hold every resource's bookings;
 * cancelled ones never count. Default clocks as in {@link SlotOptions}.
 */
export function countFreeSlots(resource: BookingResource, date: CalendarDate, bookings: readonly Booking[], options: SlotOptions): SlotCount {
  const hours = hoursOn(resource, date);
  const len = resource.schedule.slotMinutes;
  // Minutes since midnight of each slot; the schedule's own slots without making clock strings.
  let froms: number[];
  if (options.clocks) froms = options.clocks.map(clockMinutes);
  else {
    froms = [];
    if (hours && len > 0) for (let t = clockMinutes(hours.start), end = clockMinutes(hours.end); t + len <= end; t += len) froms.push(t);
  }
  const total = froms.length;
  if (!hours || total === 0) return { total, free: 0 };
  const day = prepareDay(resource, date, { ...options, clocks: EMPTY_CLOCKS }, hours);
  // The open slots' instants first, then only the bookings that reach into them are summed.
  const starts: number[] = [];
  const ends: number[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const from of froms) {
    if (day.closedReason(from)) continue;
    const start = day.start(undefined, from);
    const end = day.end(start, from);
    starts.push(start);
    ends.push(end);
    if (start < lo) lo = start;
    if (end > hi) hi = end;
  }
  const own: Booking[] = [];
  for (const b of bookings) if (b.resourceId === resource.id && b.status === 'active' && b.start < hi && b.end > lo) own.push(b);
  let free = 0;
  for (let i = 0; i < starts.length; i++) {
    let load = 0;
    for (const b of own) if (b.start < ends[i] && b.end > starts[i]) load += b.seats;
    if (load < resource.capacity) free++;
  }
  return { total, free };
}

const EMPTY_CLOCKS: readonly ClockTime[] = Object.freeze([]);

/** What does not change from slot to slot of one resource's day, worked out once. */
interface PreparedDay {
  readonly hours: DayHours | null;
  readonly len: number;
  readonly clocks: readonly ClockTime[];
  /** The slot's start instant from its minutes since midnight (and its clock time, if made). */
  start(clock: ClockTime | undefined, from: number): Timestamp;
  /** The slot's end: its wall-clock end, so a slot spanning a DST change keeps its wall length. */
  end(start: Timestamp, from: number): Timestamp;
  /** Why a slot starting at `from` minutes is closed whatever its load (day off, hours, break). */
  closedReason(from: number): UnavailableReason | undefined;
}

function prepareDay(resource: BookingResource, date: CalendarDate, options: SlotOptions, known?: DayHours | null): PreparedDay {
  const zone = resourceZone(resource, options.timeZone);
  const hours = known === undefined ? hoursOn(resource, date) : known;
  const len = resource.schedule.slotMinutes;
  const clocks = options.clocks ?? scheduleClocks(hours, len);
  // The opening hours and breaks in minutes, the zone's offset (one for the whole day unless
  // DST changes it that day).
  const open = hours ? clockMinutes(hours.start) : 0;
  const close = hours ? clockMinutes(hours.end) : 0;
  const breaks = hours ? hours.breaks.map((b) => [clockMinutes(b.start), clockMinutes(b.end)] as const) : [];
  // (A caller passing no clocks but asking for instants still gets them: the offset is read.)
  const steady = clocks.length || known !== undefined ? steadyDayOffset(date, zone) : undefined;
  // Local midnight as an instant when one offset holds all day: a clock time is then midnight
  // plus its minutes, exactly what zonedInstant answers.
  let midnight = 0;
  if (steady !== undefined) {
    const [y, m, d] = splitCalendarDate(date);
    midnight = Date.UTC(y, m - 1, d) - steady;
  }
  const instant = (minutes: number): Timestamp => (steady === undefined ? zonedInstant(date, minutesClock(minutes), zone) : midnight + minutes * 60_000);
  return {
    hours,
    len,
    clocks,
    start: (clock, from) => (steady === undefined ? zonedInstant(date, clock ?? minutesClock(from), zone) : instant(from)),
    end: (start, from) => (from + len >= 24 * 60 ? start + len * 60_000 : instant(from + len)),
    closedReason: (from) => {
      if (!hours) return 'day-off';
      if (from < open || from + len > close) return 'outside-schedule';
      for (const [bs, be] of breaks) if (bs < from + len && be > from) return 'break';
      return undefined;
    },
  };
}

/**
 * The sorted union of slot clock times of several resources over several days: the rows of a
 * week grid, so every resource lines up even when their hours differ.
 */
export function gridClocks(resources: readonly BookingResource[], dates: readonly CalendarDate[]): ClockTime[] {
  const set = new Set<ClockTime>();
  for (const r of resources) for (const d of dates) for (const c of scheduleClocks(hoursOn(r, d), r.schedule.slotMinutes)) set.add(c);
  return [...set].sort((a, b) => clockMinutes(a) - clockMinutes(b));
}

/** Can `seats` more people fit into this slot? Open, and load + seats within capacity. */
export function slotFits(slot: Slot, seats: number): boolean {
  return (slot.reason === undefined || slot.reason === 'full') && slot.load + seats <= slot.capacity;
}
