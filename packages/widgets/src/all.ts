// Registers every crmkit widget. Prefer importing only the widgets a page uses.
import './client-timeline/crm-client-timeline.js';
import './activity-counters/crm-activity-counters.js';
import './client-base/crm-client-base.js';
import './forgotten-deals/crm-forgotten-deals.js';
import './registry-conversion/crm-registry-conversion.js';
import './shahmatka/crm-shahmatka.js';
import './booking-calendar/crm-booking-calendar.js';
