/**
 * Side effect: registers the `1c` adapter kind, so
 * `<crm-provider adapter-kind="1c" odata="https://host/base/odata/standard.odata/" mapping="/mapping.json" time-zone="Europe/Moscow">`
 * builds a {@link OneCAdapter}. Credentials come from the page's session (same origin or a
 * reverse proxy; see the README), never from attributes.
 */
import { registerAdapterFactory } from '@crmkit/core/provider/adapter-registry.js';
import { createOneCAdapter } from './adapter-1c.js';

registerAdapterFactory('1c', (el) => {
  const odataUrl = el.getAttribute('odata');
  if (!odataUrl) throw new Error('<crm-provider adapter-kind="1c"> needs an odata="…/odata/standard.odata/" attribute');
  const mappingUrl = el.getAttribute('mapping') ?? undefined;
  const mode = el.getAttribute('mode') === 'http-service' ? 'http-service' : 'odata';
  return createOneCAdapter({ odataUrl, mode, ...(mappingUrl ? { mappingUrl } : {}), timeZone: el.getAttribute('time-zone') ?? undefined });
});
