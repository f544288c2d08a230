import { CrmError, type DataAdapter } from '@crmkit/core';
import type { DemoParams } from './params.js';

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/**
 * The demo's data source from its address. Real-CRM adapters are imported only when asked
 * for, so the default page loads the mock alone.
 */
export async function createDemoAdapter(
  params: DemoParams,
  credentials: Credentials | undefined,
  status: (text: string) => void,
): Promise<DataAdapter> {
  const ru = params.lang === 'ru';
  switch (params.adapter) {
    case 'bitrix24': {
      if (!params.webhook) throw new CrmError('invalid-input', { detail: ru ? 'укажите ?webhook=<адрес входящего вебхука>' : 'pass ?webhook=<inbound webhook URL>' });
      const { createBitrix24Adapter } = await import('@crmkit/adapter-bitrix24');
      return createBitrix24Adapter({ webhookUrl: params.webhook });
    }
    case '1c': {
      if (!params.odata) throw new CrmError('invalid-input', { detail: ru ? 'укажите ?odata=<адрес standard.odata>' : 'pass ?odata=<standard.odata URL>' });
      const { createOneCAdapter } = await import('@crmkit/adapter-1c');
      return createOneCAdapter({
        odataUrl: params.odata,
        ...(params.mapping ? { mappingUrl: params.mapping } : {}),
        ...(credentials ? { credentials } : {}),
        // Ask for the 1C user in the demo's own form instead of the browser's password prompt.
        useSession: false,
      });
    }
    case 'mock': {
      status(ru ? 'Генерирую демо-CRM…' : 'Generating the mock CRM…');
      const { createMockAdapterAsync } = await import('@crmkit/adapter-mock');
      return createMockAdapterAsync({
        scale: params.scale,
        seed: params.seed,
        onProgress: (p: { loaded: number; total?: number }) =>
          status(
            ru
              ? `Генерирую демо-CRM: ${p.loaded}${p.total ? ` из ${p.total}` : ''}`
              : `Generating the mock CRM: ${p.loaded}${p.total ? ` of ${p.total}` : ''}`,
          ),
      });
    }
  }
}
