export { CrmBookingCalendar, BOOKING_VIEWS, BOOKING_RANGES, type BookingView, type BookingRange } from './booking-calendar.js';
export { type BookingCalendarStrings, ru as bookingCalendarRu, en as bookingCalendarEn } from './booking-calendar.strings.js';
export { type BookingData, loadBookingData, createMeeting, type MeetingOutcome } from './booking-data.js';
export * from '../events/booking-calendar.js';
