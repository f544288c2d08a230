// React 19 sets known properties on custom elements and adds a listener for `on<event>` props;
// the JSX types come from the manifest (`@crmkit/widgets/react.js`).
import type {} from '@crmkit/widgets/react.js';
import '@crmkit/core/provider/crm-provider.js';
import '@crmkit/widgets/client-timeline/crm-client-timeline.js';
import '@crmkit/widgets/activity-counters/crm-activity-counters.js';
import '@crmkit/adapter-mock/register.js';
import type { CrmRecordOpenEvent } from '@crmkit/core';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [opened, setOpened] = useState('');
  const onOpen = (event: CrmRecordOpenEvent) => {
    event.preventDefault(); // open it our way: no new tab
    setOpened(`${event.kind}:${event.id}`);
  };
  return (
    <>
      <crm-provider adapter-kind="mock" scale="small" lang="en">
        {/* Entity ids type-check as numbers as well as strings. */}
        <crm-activity-counters entityType="company" entityId={1} />
        <crm-client-timeline entityType="company" entityId={1} scope="deals" oncrm-record-open={onOpen} />
      </crm-provider>
      <p>
        Opened: <output id="opened">{opened}</output>
      </p>
    </>
  );
}

// The typings reject what the element does not accept.
// @ts-expect-error: entityType is 'contact' | 'company'
export const wrongKind = <crm-client-timeline entityType="person" />;
// @ts-expect-error: an entity id is a string or a number
export const wrongId = <crm-client-timeline entityId={{ id: 1 }} />;
// @ts-expect-error: the handler receives a CrmRecordOpenEvent, not a string
export const wrongHandler = <crm-client-timeline oncrm-record-open={(e: string) => e} />;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
