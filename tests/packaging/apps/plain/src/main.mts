// Registers the elements used on the page and the mock adapter kind for <crm-provider>.
import '@crmkit/core/provider/crm-provider.js';
import '@crmkit/widgets/client-timeline/crm-client-timeline.js';
import '@crmkit/widgets/activity-counters/crm-activity-counters.js';
import '@crmkit/adapter-mock/register.js';

const timeline = document.querySelector('crm-client-timeline');
if (!timeline) throw new Error('no timeline');
// Typed through HTMLElementTagNameMap: `timeline` is a CrmClientTimeline.
timeline.scope = 'deals';
// Typed through GlobalEventHandlersEventMap: `event` is a CrmRecordOpenEvent.
timeline.addEventListener('crm-record-open', (event) => {
  event.preventDefault(); // open it our way: no new tab
  document.querySelector('#opened')!.textContent = `${event.kind}:${event.id}`;
});
