import type { CalendarDate, Id, Timestamp } from './common.js';

/** What can be booked for a meeting with clients. */
export const RESOURCE_TYPES = ['meeting-room', 'viewing-platform', 'bus', 'manager'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** A wall-clock time of day, `HH:MM`, in the resource's time zone. */
export type ClockTime = string;

export interface TimeRange {
  readonly start: ClockTime;
  readonly end: ClockTime;
}

export interface DayHours {
  readonly start: ClockTime;
  readonly end: ClockTime;
  readonly breaks: readonly TimeRange[];
}

/** Weekly hours, ISO weekday 1 (Monday) … 7 (Sunday); a missing day is a day off. */
export interface WeeklySchedule {
  readonly days: Readonly<Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, DayHours>>>;
  /** Slot length in minutes (60 for hourly slots). */
  readonly slotMinutes: number;
}

export interface ScheduleException {
  readonly date: CalendarDate;
  /** Hours that day, or null for a day off. */
  readonly hours: DayHours | null;
  readonly reason?: string;
}

export interface BookingResource {
  readonly id: Id;
  readonly type: ResourceType;
  /** For managers: their kind (sales, mortgage, legal…). Exactly one resource of each type and kind per meeting. */
  readonly kind?: string;
  readonly name: string;
  /** People it holds at once (a room's seats, a bus's places, a manager's parallel meetings). */
  readonly capacity: number;
  /** IANA zone the schedule's clock times are in; the CRM's zone when absent. */
  readonly timeZone?: string;
  readonly schedule: WeeklySchedule;
  readonly exceptions: readonly ScheduleException[];
  readonly projectId?: Id;
  /** A manager resource's employee. */
  readonly employeeId?: Id;
}

export interface Booking {
  readonly id: Id;
  readonly resourceId: Id;
  /** Bookings of one meeting share it: one room, one bus, one manager of each kind. */
  readonly meetingId: Id;
  readonly start: Timestamp;
  readonly end: Timestamp;
  /** People this booking takes from the resource's capacity. */
  readonly seats: number;
  readonly title: string;
  readonly clientRefs: readonly { readonly kind: 'contact' | 'company'; readonly id: Id }[];
  readonly clientNames?: readonly string[];
  readonly createdById?: Id;
  readonly createdAt: Timestamp;
  readonly status: 'active' | 'cancelled';
  readonly version?: string;
}
