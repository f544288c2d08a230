/**
 * Side-effect module: lets `<crm-provider adapter-kind="mock" scale="small" seed="7">` build the
 * mock CRM adapter. Attributes: `scale` (`small`, `default`, `large`; default `default`) and
 * `seed` (an integer; default 1). An invalid value falls back to the default with a console
 * warning rather than an error, so a typo in pasted HTML still shows data.
 */
import { registerAdapterFactory } from '@crmkit/core/provider/adapter-registry.js';
import { MOCK_SCALES, type MockScale } from './generator/generate.js';
import { createMockAdapter } from './mock-adapter.js';

registerAdapterFactory('mock', (el) => {
  const scaleAttr = el.getAttribute('scale')?.trim();
  const seedAttr = el.getAttribute('seed')?.trim();
  let scale: MockScale | undefined;
  if (scaleAttr) {
    if ((MOCK_SCALES as readonly string[]).includes(scaleAttr)) scale = scaleAttr as MockScale;
    else console.warn(`[crmkit] <crm-provider adapter-kind="mock">: unknown scale "${scaleAttr}", expected ${MOCK_SCALES.join(', ')}`);
  }
  let seed: number | undefined;
  if (seedAttr) {
    const n = Number(seedAttr);
    if (Number.isInteger(n)) seed = n;
    else console.warn(`[crmkit] <crm-provider adapter-kind="mock">: seed "${seedAttr}" is not an integer`);
  }
  return createMockAdapter({ ...(scale ? { scale } : {}), ...(seed !== undefined ? { seed } : {}) });
});
