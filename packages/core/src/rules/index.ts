export {};
export * from './real-estate/index.js';
export * from './booking/index.js';
export * from './clients/index.js';
export * from './field-filter/index.js';
export * from './deals/index.js';
// Both the client and the deal rules count calendar days on the CRM's clock; one public name.
export { calendarDaysBetween } from './clients/index.js';
