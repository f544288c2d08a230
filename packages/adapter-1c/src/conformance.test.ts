import { describeAdapterConformance } from '@crmkit/core/testing/adapter-conformance.js';
import { createOneCAdapter } from './adapter-1c.js';

/** The shared adapter contract, on the 1C emulator, in both modes (each run on its own tenant). */
async function tenantUrl(): Promise<string> {
  const res = await fetch('/crm1c-admin/tenants', { method: 'POST', body: JSON.stringify({ challenge: false }) });
  return new URL(((await res.json()) as { odata: string }).odata, location.href).href;
}
const credentials = { user: 'Иванова Мария', password: 'пароль' };

describeAdapterConformance('1C (standard OData interface)', async () => createOneCAdapter({ odataUrl: await tenantUrl(), credentials }), {
  supportsWrites: true,
});
describeAdapterConformance('1C (HTTP service)', async () => createOneCAdapter({ odataUrl: await tenantUrl(), credentials, mode: 'http-service' }), {
  supportsWrites: true,
});
