import type { Id, Timestamp } from '../../model/common.js';
import type { Booking, BookingResource, ResourceType } from '../../model/booking.js';
import { RESOURCE_TYPES } from '../../model/booking.js';
import type { NewBooking } from '../../adapter/data-adapter.js';
import { overlapping, type Slot, type UnavailableReason } from './slots.js';

/**
 * Planning a meeting with clients: which resources fit the party, the rule of one resource of
 * each type per meeting, conflicts, and the overlay of slots where every chosen resource is free.
 */

/**
 * The "slot" of a meeting: a resource type, and for managers their kind too (one sales manager
 * and one mortgage manager may both attend, two sales managers may not).
 */
export function resourceRole(resource: BookingResource): string {
  return resource.type === 'manager' ? `manager:${resource.kind ?? ''}` : resource.type;
}

/**
 * Seats a booking of this resource takes for a party of `guests`: the whole party for a room,
 * a platform or a bus; one parallel meeting for a manager (a manager's capacity counts
 * meetings at once, e.g. two online consultations).
 */
export function seatsFor(resource: BookingResource, guests: number): number {
  return resource.type === 'manager' ? 1 : Math.max(1, guests);
}

export interface RoleRecommendation {
  /** `meeting-room`, `bus`, `manager:sales`… (see {@link resourceRole}). */
  readonly role: string;
  readonly type: ResourceType;
  /** Resources that hold the party, smallest sufficient capacity first (ties by name). */
  readonly fitting: readonly BookingResource[];
  /** Resources too small for the party, largest first: shown greyed with the reason. */
  readonly tooSmall: readonly BookingResource[];
}

/**
 * Recommends resources for a party of `guests` (clients plus guests), grouped by role in the
 * order of {@link RESOURCE_TYPES}. Smallest sufficient first, so a couple is not sent to the
 * 20-seat hall while a 4-seat room is free. Managers always fit (they take one meeting slot).
 */
export function recommendResources(resources: readonly BookingResource[], guests: number): RoleRecommendation[] {
  const groups = new Map<string, BookingResource[]>();
  for (const r of resources) {
    const role = resourceRole(r);
    let list = groups.get(role);
    if (!list) groups.set(role, (list = []));
    list.push(r);
  }
  const byName = (a: BookingResource, b: BookingResource) => a.name.localeCompare(b.name);
  return [...groups.entries()]
    .map(([role, list]): RoleRecommendation => {
      const type = list[0].type;
      const need = (r: BookingResource) => seatsFor(r, guests);
      return {
        role,
        type,
        fitting: list.filter((r) => r.capacity >= need(r)).sort((a, b) => a.capacity - b.capacity || byName(a, b)),
        tooSmall: list.filter((r) => r.capacity < need(r)).sort((a, b) => b.capacity - a.capacity || byName(a, b)),
      };
    })
    .sort((a, b) => RESOURCE_TYPES.indexOf(a.type) - RESOURCE_TYPES.indexOf(b.type) || a.role.localeCompare(b.role));
}

/** One chosen resource and the slots picked for it (consecutive or with gaps). */
export interface MeetingPart {
  readonly resource: BookingResource;
  readonly slots: readonly Pick<Slot, 'start' | 'end' | 'clock' | 'date' | 'reason'>[];
}

export const MEETING_PROBLEMS = ['no-resources', 'no-slots', 'same-role', 'too-small', 'unavailable', 'conflict'] as const;
export type MeetingProblemCode = (typeof MEETING_PROBLEMS)[number];

export interface MeetingProblem {
  readonly code: MeetingProblemCode;
  readonly resourceId?: Id;
  /** The slot's start, for `unavailable` and `conflict`. */
  readonly start?: Timestamp;
  /** For `unavailable`: why (break, day off…). */
  readonly reason?: UnavailableReason;
  /** For `conflict`: the bookings already holding the seats. */
  readonly bookings?: readonly Booking[];
  /** For `same-role`: the role taken twice. */
  readonly role?: string;
}

/**
 * Everything wrong with a planned meeting, checked against the *current* bookings before
 * anything is written; an empty list means it can be booked.
 *
 * - `no-resources` / `no-slots`: nothing chosen, or a resource without slots;
 * - `same-role`: two resources of one type (or two managers of one kind);
 * - `too-small`: the party does not fit the resource's capacity;
 * - `unavailable`: a slot on a break, a day off or outside the schedule;
 * - `conflict`: the slot's existing load plus this party exceeds the capacity.
 */
export function checkMeeting(parts: readonly MeetingPart[], bookings: readonly Booking[], guests: number): MeetingProblem[] {
  const problems: MeetingProblem[] = [];
  if (parts.length === 0) return [{ code: 'no-resources' }];
  const roles = new Set<string>();
  for (const part of parts) {
    const r = part.resource;
    const role = resourceRole(r);
    if (roles.has(role)) problems.push({ code: 'same-role', resourceId: r.id, role });
    roles.add(role);
    const seats = seatsFor(r, guests);
    if (r.capacity < seats) problems.push({ code: 'too-small', resourceId: r.id });
    if (part.slots.length === 0) problems.push({ code: 'no-slots', resourceId: r.id });
    for (const s of part.slots) {
      if (s.reason && s.reason !== 'full') {
        problems.push({ code: 'unavailable', resourceId: r.id, start: s.start, reason: s.reason });
        continue;
      }
      const over = overlapping(bookings, r.id, s.start, s.end);
      const load = over.reduce((sum, b) => sum + b.seats, 0);
      if (load + seats > r.capacity && r.capacity >= seats) problems.push({ code: 'conflict', resourceId: r.id, start: s.start, bookings: over });
    }
  }
  return problems;
}

/** Joins touching slots (`end === next.start`) into one interval; gaps stay separate. */
export function mergeSlots(slots: readonly { start: Timestamp; end: Timestamp }[]): { start: Timestamp; end: Timestamp }[] {
  const sorted = [...slots].sort((a, b) => a.start - b.start);
  const out: { start: Timestamp; end: Timestamp }[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

export interface MeetingDraft {
  readonly title: string;
  readonly guests: number;
  readonly clientRefs: NewBooking['clientRefs'];
  readonly clientNames?: readonly string[];
  readonly meetingId?: Id;
}

/**
 * The bookings to write for a meeting: one per resource and run of consecutive slots (slots
 * with gaps give several bookings), all sharing the meeting id.
 */
export function meetingBookings(parts: readonly MeetingPart[], draft: MeetingDraft): NewBooking[] {
  const out: NewBooking[] = [];
  for (const part of parts) {
    for (const run of mergeSlots(part.slots)) {
      out.push({
        resourceId: part.resource.id,
        ...(draft.meetingId ? { meetingId: draft.meetingId } : {}),
        start: run.start,
        end: run.end,
        seats: seatsFor(part.resource, draft.guests),
        title: draft.title,
        clientRefs: draft.clientRefs,
        ...(draft.clientNames ? { clientNames: draft.clientNames } : {}),
      });
    }
  }
  return out;
}

/**
 * Slot starts where every chosen resource can take the party: the overlay shown once a first
 * resource is chosen. `slotsByResource` holds each chosen resource's slots for the days shown.
 */
export function commonFreeStarts(
  chosen: readonly BookingResource[],
  slotsByResource: ReadonlyMap<Id, readonly Slot[]>,
  guests: number,
): Set<Timestamp> {
  let common: Set<Timestamp> | undefined;
  for (const r of chosen) {
    const seats = seatsFor(r, guests);
    const free = new Set<Timestamp>();
    for (const s of slotsByResource.get(r.id) ?? []) if (s.reason === undefined && s.load + seats <= s.capacity) free.add(s.start);
    common = common ? new Set([...common].filter((t) => free.has(t))) : free;
  }
  return common ?? new Set();
}
