import type { Apartment, ApartmentBooking } from '@crmkit/core';

/** What a booking or a release asks for. */
export interface ApartmentActionDetail {
  readonly apartment: Apartment;
  /** For a hold: the booking to create (without `bookedAt`, set by the CRM). */
  readonly booking?: Omit<ApartmentBooking, 'bookedAt'>;
}

/**
 * Fired by `<crm-shahmatka>` when a person books an apartment and the adapter cannot write
 * bookings. Cancelable: call `preventDefault()` to say the embedder took over (opened the CRM's
 * own booking form); the widget then says the request was handed over.
 */
export class CrmApartmentHoldEvent extends Event {
  static readonly eventName = 'crm-apartment-hold';
  readonly apartment: Apartment;
  readonly booking?: Omit<ApartmentBooking, 'bookedAt'>;

  constructor(detail: ApartmentActionDetail) {
    super(CrmApartmentHoldEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.apartment = detail.apartment;
    this.booking = detail.booking;
  }
}

/** Like {@link CrmApartmentHoldEvent}, for releasing a booking. */
export class CrmApartmentReleaseEvent extends Event {
  static readonly eventName = 'crm-apartment-release';
  readonly apartment: Apartment;

  constructor(detail: ApartmentActionDetail) {
    super(CrmApartmentReleaseEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.apartment = detail.apartment;
  }
}

/** Fired when a cell is selected (its card opens). Not cancelable. */
export class CrmApartmentSelectEvent extends Event {
  static readonly eventName = 'crm-apartment-select';
  readonly apartment: Apartment;

  constructor(apartment: Apartment) {
    super(CrmApartmentSelectEvent.eventName, { bubbles: true, composed: true });
    this.apartment = apartment;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-apartment-hold': CrmApartmentHoldEvent;
    'crm-apartment-release': CrmApartmentReleaseEvent;
    'crm-apartment-select': CrmApartmentSelectEvent;
  }
}
