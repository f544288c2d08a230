/**
 * Side-effect module: lets `<crm-provider adapter-kind="bitrix24" webhook="…">` build this adapter.
 * Inside a Bitrix24 frame (no `webhook` attribute) it uses the page's `BX24` global.
 */
import { CrmError } from '@crmkit/core/adapter/index.js';
import { registerAdapterFactory } from '@crmkit/core/provider/adapter-registry.js';
import { createBitrix24Adapter } from './bitrix24-adapter.js';
import type { Bx24Like } from './transport.js';

registerAdapterFactory('bitrix24', (el) => {
  const webhook = el.getAttribute('webhook');
  const enterprise = el.getAttribute('plan') === 'enterprise';
  const limit = enterprise ? { burst: 250, rate: 5 } : undefined;
  if (webhook) return createBitrix24Adapter({ webhook, ...(limit ? { limit } : {}) });
  const bx = (globalThis as { BX24?: Bx24Like }).BX24;
  if (bx) return createBitrix24Adapter({ frame: bx, ...(limit ? { limit } : {}) });
  throw new CrmError('invalid-input', { detail: 'bitrix24: set the webhook attribute or open the page inside a Bitrix24 frame' });
});
