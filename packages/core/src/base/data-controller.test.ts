import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import type { DataAdapter } from '../adapter/data-adapter.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import type { Deal } from '../model/deals.js';
import { dataWidgetSuite, deepText } from '../testing/data-widget-suite.js';
import { TestAdapter } from '../testing/test-adapter.js';
import { renderEmpty, renderStatusBar, stateRenderers, stateStyles } from '../ui/state-views.js';
import { CrmDataController } from './data-controller.js';
import { defineElement } from './define-element.js';
import { CrmElement } from './element.js';

/** The smallest data widget: lists deal titles through the shared controller and state views. */
class TinyDealList extends CrmElement {
  static override styles = [...CrmElement.styles, stateStyles];
  private readonly localize = new LocalizeController(this);
  readonly data = new CrmDataController<readonly Deal[], readonly []>(this, {
    args: () => [],
    needs: ['deal'],
    load: async ({ adapter, signal, progress }) => {
      const result = await adapter.list('deal', { fields: ['id', 'title'] }, { signal, onProgress: progress });
      return result.items;
    },
    isEmpty: (deals) => deals.length === 0,
  });

  protected override render(): unknown {
    return this.data.render({
      ...stateRenderers(this.localize, this.data),
      complete: (deals) =>
        deals.length
          ? litHtml`${renderStatusBar(this.localize, this.data)}
              <ul>
                ${deals.map((d) => litHtml`<li>${d.title}</li>`)}
              </ul>`
          : renderEmpty(this.localize),
    });
  }
}
defineElement('tiny-deal-list', TinyDealList);

const deal = (id: string, title: string): Deal => ({ id, title }) as unknown as Deal;
const deals = [deal('1', 'Пролонгация КАСКО'), deal('2', 'Ипотека')];

describe('CrmDataController through a tiny element', () => {
  dataWidgetSuite<TinyDealList>({
    name: '<tiny-deal-list>',
    data: { deal: deals },
    emptyData: { deal: [] },
    render: (adapter: DataAdapter | undefined) => fixture<TinyDealList>(html`<tiny-deal-list .adapter=${adapter}></tiny-deal-list>`),
    showsData: (el) => deepText(el).includes('Пролонгация КАСКО'),
  });

  it('marks custom states for CSS: loading, then empty', async () => {
    const adapter = new TestAdapter({ deal: [] });
    adapter.hold();
    const el = await fixture<TinyDealList>(html`<tiny-deal-list .adapter=${adapter}></tiny-deal-list>`);
    await el.updateComplete;
    expect(el.matches(':state(loading)')).to.equal(true);
    adapter.release();
    await waitUntil(() => el.data.status === 'complete', 'load completes', { timeout: 5000 });
    expect(el.matches(':state(loading)')).to.equal(false);
    expect(el.matches(':state(empty)')).to.equal(true);
  });

  it('explains when the CRM does not serve a needed entity', async () => {
    const el = await fixture<TinyDealList>(html`<tiny-deal-list .adapter=${new TestAdapter({ contact: [] })}></tiny-deal-list>`);
    await waitUntil(() => el.data.status === 'error', 'capability check fails', { timeout: 5000 });
    await el.updateComplete;
    expect(el.matches(':state(error)')).to.equal(true);
    expect(el.matches(':state(loading)')).to.equal(false);
    expect(deepText(el)).to.contain('Недоступно с этой CRM: нет данных «сделки»');
  });
});
