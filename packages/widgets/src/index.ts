/**
 * @crmkit/widgets: the element classes and their types. Importing this module defines no
 * tags; import a widget's `crm-<name>.js` module (or `all.js`) to register it.
 */
export * from './client-timeline/index.js';
export * from './activity-counters/index.js';
export * from './client-base/index.js';
export * from './forgotten-deals/index.js';
export * from './registry-conversion/index.js';
export * from './deal-filter/index.js';
export * from './shahmatka/index.js';
export * from './booking-calendar/index.js';
