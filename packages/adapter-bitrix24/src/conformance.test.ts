/** The shared adapter conformance suite, run against the Bitrix24 adapter on the emulator. */
import { describeAdapterConformance } from '@crmkit/core/testing/adapter-conformance.js';
import { Bitrix24Adapter, clearBitrix24Dictionaries } from './bitrix24-adapter.js';
import { resetSharedClients } from './rest-client.js';
import { createPortal, type PortalHandle } from './testing/emulator-client.js';

let portal: PortalHandle | undefined;

describeAdapterConformance(
  'bitrix24 (emulator)',
  async () => {
    resetSharedClients();
    clearBitrix24Dictionaries();
    portal = await createPortal({ fixture: { extraDeals: 0 }, options: { bucket: false, operating: false } });
    return new Bitrix24Adapter({ webhook: portal.webhook });
  },
  {
    // The suite runs over HTTP: the entities with their own mapping paths; lead, payment, stage
    // moves and departments are covered by the adapter's own browser and Node tests.
    entities: ['deal', 'contact', 'company', 'invoice', 'activity', 'employee', 'funnel', 'fieldDefinition'],
    // Each filter case is three HTTP round trips (list, count, listIds) against an emulator that
    // spends milliseconds per batch command; on a busy 2-core runner the contact case needs > 20 s.
    timeout: 60_000,
    teardown: async () => {
      await portal?.close();
    },
  },
);
