import {
  addCalendarDays,
  checkMeeting,
  CrmError,
  isCrmError,
  RESOURCE_TYPES,
  zonedStartOfDay,
  type Booking,
  type BookingResource,
  type CalendarDate,
  type DataAdapter,
  type LoadContext,
  type MeetingPart,
  type MeetingProblem,
  type NewBooking,
} from '@crmkit/core';

/** What `<crm-booking-calendar>` loads for the days it shows. */
export interface BookingData {
  /** The CRM's zone: dates, slots and reports are in it. */
  readonly timeZone: string;
  readonly canWrite: boolean;
  readonly resources: readonly BookingResource[];
  /** Active and cancelled bookings starting within the shown days (± one day for zones). */
  readonly bookings: readonly Booking[];
  /** The shown dates, in the CRM's zone. */
  readonly dates: readonly CalendarDate[];
}

/** Bookings of the given days, with a day's margin either side for resources in other zones. */
function bookingFilter(dates: readonly CalendarDate[], timeZone: string) {
  const from = zonedStartOfDay(addCalendarDays(dates[0], -1), timeZone);
  const to = zonedStartOfDay(addCalendarDays(dates[dates.length - 1], 2), timeZone);
  return [
    { field: 'start', op: 'gte' as const, value: from },
    { field: 'start', op: 'lt' as const, value: to },
  ];
}

/** Dates of the shown range: 7 from `start` for a week, 1 for a day. */
export function rangeDates(start: CalendarDate, days: number): CalendarDate[] {
  return Array.from({ length: days }, (_, i) => addCalendarDays(start, i));
}

export async function loadBookingData(ctx: LoadContext, start: CalendarDate | undefined, days: number, today: (zone: string) => CalendarDate): Promise<BookingData> {
  const { adapter, signal } = ctx;
  const [identity, caps] = await Promise.all([adapter.identity({ signal }), adapter.capabilities({ signal })]);
  signal.throwIfAborted();
  const dates = rangeDates(start ?? today(identity.timeZone), days);
  const [resources, bookings] = await Promise.all([
    adapter.list('resource', {}, { signal }),
    adapter.list('booking', { filter: bookingFilter(dates, identity.timeZone) }, { signal, onProgress: ctx.progress }),
  ]);
  signal.throwIfAborted();
  return {
    timeZone: identity.timeZone,
    canWrite: caps.writes.resourceBooking && typeof adapter.createBookings === 'function',
    resources: [...resources.items].sort(
      (a, b) => RESOURCE_TYPES.indexOf(a.type) - RESOURCE_TYPES.indexOf(b.type) || (a.kind ?? '').localeCompare(b.kind ?? '') || a.name.localeCompare(b.name),
    ),
    bookings: bookings.items,
    dates,
  };
}

export type MeetingOutcome =
  | { readonly ok: true; readonly bookings: readonly Booking[] }
  | { readonly ok: false; readonly problems: readonly MeetingProblem[]; readonly error?: CrmError };

/**
 * Writes a meeting only after checking it against bookings read *now*, not the ones on
 * screen: another manager may have booked the room a minute ago. The adapter's own
 * all-or-nothing `createBookings` is the last guard; its `conflict` comes back as a problem.
 * Give every booking a client-made `id` and retry with the same ones: a retry after a lost
 * answer then finds the meeting made instead of booking it twice.
 */
export async function createMeeting(
  adapter: DataAdapter,
  parts: readonly MeetingPart[],
  guests: number,
  bookings: readonly NewBooking[],
  dates: readonly CalendarDate[],
  timeZone: string,
): Promise<MeetingOutcome> {
  try {
    const fresh = await adapter.list('booking', {
      filter: [...bookingFilter(dates, timeZone), { field: 'resourceId', op: 'in', value: parts.map((p) => p.resource.id) }],
    });
    // A retry of a write whose answer was lost: its bookings may already be stored under the
    // ids this meeting made. All there means done; the others are checked against, ours not.
    const ours = new Set(bookings.flatMap((b) => (b.id === undefined ? [] : [b.id])));
    const already = fresh.items.filter((b) => ours.has(b.id));
    if (ours.size && already.length === bookings.length) return { ok: true, bookings: already };
    const problems = checkMeeting(parts, fresh.items.filter((b) => !ours.has(b.id)), guests);
    if (problems.length) return { ok: false, problems };
    const made = await adapter.createBookings!(bookings);
    return { ok: true, bookings: made };
  } catch (e) {
    const error = isCrmError(e) ? e : new CrmError('bad-response', { detail: String(e), cause: e });
    return { ok: false, problems: error.code === 'conflict' ? [{ code: 'conflict' }] : [], error };
  }
}
