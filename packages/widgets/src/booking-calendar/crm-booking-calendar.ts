import { defineElement } from '@crmkit/core';
import { CrmBookingCalendar } from './booking-calendar.js';

defineElement('crm-booking-calendar', CrmBookingCalendar);

declare global {
  interface HTMLElementTagNameMap {
    'crm-booking-calendar': CrmBookingCalendar;
  }
}
