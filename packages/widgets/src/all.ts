// Registers every crmkit widget, the filter (<crm-deal-filter>) and <crm-provider>. Adapter
// kinds for the provider are registered apart (`@crmkit/adapter-mock/register.js`…), so a page
// ships only the adapters it uses. Prefer importing only the widgets a page uses.
import '@crmkit/core/provider/crm-provider.js';
import './client-timeline/crm-client-timeline.js';
import './activity-counters/crm-activity-counters.js';
import './client-base/crm-client-base.js';
import './forgotten-deals/crm-forgotten-deals.js';
import './registry-conversion/crm-registry-conversion.js';
import './shahmatka/crm-shahmatka.js';
import './booking-calendar/crm-booking-calendar.js';
import './deal-filter/crm-deal-filter.js';
