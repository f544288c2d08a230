import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { DataAdapter } from '../adapter/data-adapter.js';
import '../provider/crm-provider.js';
import type { CrmProvider } from '../provider/provider.js';

/**
 * The shared fixture: renders `template` inside a `<crm-provider>` that gives `adapter` through
 * context (as a page would), and resolves with the template's first element once it rendered.
 *
 * ```ts
 * const el = await withAdapter<CrmClientTimeline>(adapter, html`<crm-client-timeline client="contact:1">`);
 * ```
 */
export async function withAdapter<E extends Element>(adapter: DataAdapter | undefined, template: TemplateResult, options: { lang?: string; theme?: 'light' | 'dark' | 'auto' } = {}): Promise<E> {
  const provider = await fixture<CrmProvider>(
    html`<crm-provider .adapter=${adapter} lang=${options.lang ?? 'ru'} theme=${options.theme ?? 'auto'}>${template}</crm-provider>`,
  );
  const el = provider.firstElementChild as E | null;
  if (!el) throw new Error('withAdapter: the template rendered no element');
  await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return el;
}
