import type { NewBooking } from '@crmkit/core';

/**
 * Fired by `<crm-booking-calendar>` when a person books a meeting and the adapter cannot write
 * bookings. The meeting has already passed every check (capacity, one resource per type,
 * conflicts). Cancelable: `preventDefault()` says the embedder saved it its own way.
 */
export class CrmMeetingCreateEvent extends Event {
  static readonly eventName = 'crm-meeting-create';
  readonly bookings: readonly NewBooking[];

  constructor(bookings: readonly NewBooking[]) {
    super(CrmMeetingCreateEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.bookings = bookings;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-meeting-create': CrmMeetingCreateEvent;
  }
}
