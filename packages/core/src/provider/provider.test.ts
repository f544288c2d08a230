import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { CrmError } from '../adapter/errors.js';
import { defineElement } from '../base/define-element.js';
import { CrmElement } from '../base/element.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { TestAdapter } from '../testing/test-adapter.js';
import { registerAdapterFactory } from './adapter-registry.js';
import './crm-provider.js';
import { setDefaultAdapter } from './default-adapter.js';
import type { CrmProvider } from './provider.js';

/** Shows which adapter reached it and which language it speaks. */
class AdapterProbe extends CrmElement {
  private readonly localize = new LocalizeController(this);
  protected override render(): unknown {
    return litHtml`<span>${this.resolvedAdapter?.kind ?? 'none'} ${this.localize.lang}</span>`;
  }
}
defineElement('adapter-probe', AdapterProbe);

class KindAdapter extends TestAdapter {
  constructor(readonly label: string) {
    super();
  }
}

const probeText = (p: AdapterProbe) => p.shadowRoot?.textContent?.trim();
const message = (el: CrmProvider) => el.shadowRoot?.querySelector<HTMLElement>('[part="message"]') ?? null;
const until = (what: string, test: () => boolean) => waitUntil(test, what, { timeout: 5000 });

describe('<crm-provider>', () => {
  afterEach(() => setDefaultAdapter(undefined));

  it('gives its adapter to a nested element through context, inside other shadow roots too', async () => {
    const adapter = new TestAdapter();
    const el = await fixture<CrmProvider>(html`<crm-provider .adapter=${adapter} lang="en"><div><adapter-probe></adapter-probe></div></crm-provider>`);
    const probe = el.querySelector('adapter-probe') as AdapterProbe;
    await probe.updateComplete;
    expect(probeText(probe)).to.equal('test en');
    expect(message(el)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('switches descendants when the adapter changes', async () => {
    const el = await fixture<CrmProvider>(html`<crm-provider .adapter=${new KindAdapter('a')}><adapter-probe></adapter-probe></crm-provider>`);
    const probe = el.querySelector('adapter-probe') as AdapterProbe;
    const second = new TestAdapter();
    el.adapter = second;
    await el.updateComplete;
    await probe.updateComplete;
    expect(probe.resolvedAdapter).to.equal(second);
  });

  it('builds a declarative adapter from adapter-kind and its attributes, and disposes it when removed', async () => {
    const built: KindAdapter[] = [];
    const off = registerAdapterFactory('unit-sync', (host) => {
      const a = new KindAdapter(host.getAttribute('scale') ?? '');
      built.push(a);
      return a;
    });
    try {
      const el = await fixture<CrmProvider>(html`<crm-provider adapter-kind="unit-sync" scale="small"><adapter-probe></adapter-probe></crm-provider>`);
      const probe = el.querySelector('adapter-probe') as AdapterProbe;
      await until('adapter built', () => probe.resolvedAdapter !== undefined);
      expect((probe.resolvedAdapter as KindAdapter).label).to.equal('small');
      el.setAttribute('scale', 'large');
      await until('rebuilt on attribute change', () => (probe.resolvedAdapter as KindAdapter | undefined)?.label === 'large');
      expect(built[0]?.disposed).to.equal(true);
      el.remove();
      expect(built[1]?.disposed).to.equal(true);
    } finally {
      off();
    }
  });

  it('waits for a factory registered later and resolves async factories', async () => {
    const el = await fixture<CrmProvider>(html`<crm-provider adapter-kind="unit-late"><adapter-probe></adapter-probe></crm-provider>`);
    expect(message(el)?.textContent).to.contain('Неизвестный источник данных «unit-late»');
    await expect(el).to.be.accessible();
    const off = registerAdapterFactory('unit-late', async () => new KindAdapter('late'));
    try {
      const probe = el.querySelector('adapter-probe') as AdapterProbe;
      await until('late adapter', () => (probe.resolvedAdapter as KindAdapter | undefined)?.label === 'late');
      await el.updateComplete;
      expect(message(el)).to.equal(null);
    } finally {
      off();
    }
  });

  it('says when nothing is configured or a factory fails, and never hides its children', async () => {
    const el = await fixture<CrmProvider>(html`<crm-provider><p>контент</p></crm-provider>`);
    expect(message(el)?.textContent).to.equal('Источник данных не настроен: задайте атрибут adapter-kind или свойство adapter.');
    expect(message(el)?.getAttribute('role')).to.equal('alert');
    expect((el.querySelector('p') as HTMLElement).offsetHeight).to.be.greaterThan(0);
    await expect(el).to.be.accessible();

    const off = registerAdapterFactory('unit-broken', () => {
      throw new CrmError('auth-expired');
    });
    try {
      el.adapterKind = 'unit-broken';
      await until('failure message', () => (message(el)?.textContent ?? '').includes('Сеанс в CRM истёк'));
      expect(message(el)?.textContent).to.contain('Не удалось подключить источник данных');
      expect((el.querySelector('p') as HTMLElement).offsetHeight).to.be.greaterThan(0);
    } finally {
      off();
    }
  });

  it('passes an outer provider\'s adapter through an inner provider that only sets the theme', async () => {
    const outer = new TestAdapter();
    const el = await fixture<CrmProvider>(html`<crm-provider .adapter=${outer}
      ><crm-provider theme="dark"><adapter-probe></adapter-probe></crm-provider
    ></crm-provider>`);
    const inner = el.querySelector('crm-provider') as CrmProvider;
    const probe = el.querySelector('adapter-probe') as AdapterProbe;
    await inner.updateComplete;
    await probe.updateComplete;
    expect(probe.resolvedAdapter).to.equal(outer);
    expect(message(inner)).to.equal(null);
  });

  it('sets a theme class that descendants style by, in both palettes', async () => {
    const el = await fixture<CrmProvider>(html`<crm-provider theme="dark" .adapter=${new TestAdapter()}><adapter-probe></adapter-probe></crm-provider>`);
    expect(el.classList.contains('crm-theme-dark')).to.equal(true);
    const probe = el.querySelector('adapter-probe') as AdapterProbe;
    await probe.updateComplete;
    expect(getComputedStyle(probe).backgroundColor).to.equal('rgb(22, 27, 34)');
    el.theme = 'light';
    await el.updateComplete;
    expect(el.classList.contains('crm-theme-dark')).to.equal(false);
    expect(el.classList.contains('crm-theme-light')).to.equal(true);
    expect(getComputedStyle(probe).backgroundColor).to.equal('rgb(255, 255, 255)');
    el.theme = 'auto';
    await el.updateComplete;
    expect(el.classList.contains('crm-theme-light')).to.equal(false);
  });

  it('lets elements outside any provider use the page default adapter', async () => {
    const probe = await fixture<AdapterProbe>(html`<adapter-probe></adapter-probe>`);
    expect(probeText(probe)).to.equal('none ru');
    const adapter = new TestAdapter();
    setDefaultAdapter(adapter);
    await probe.updateComplete;
    expect(probe.resolvedAdapter).to.equal(adapter);
    expect(probeText(probe)).to.equal('test ru');
    const el = await fixture<CrmProvider>(html`<crm-provider></crm-provider>`);
    expect(message(el), 'no message while a page default exists').to.equal(null);
  });

  it('fits 360 px with its message', async () => {
    const el = await fixture<CrmProvider>(html`<crm-provider adapter-kind="a-very-long-unknown-adapter-kind-name-without-spaces" style="inline-size: 360px"></crm-provider>`);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth);
  });
});

describe('<crm-provider> language', () => {
  it('re-renders descendants when its lang changes', async () => {
    const el = await fixture<CrmProvider>(html`<crm-provider lang="ru" .adapter=${new TestAdapter()}><adapter-probe></adapter-probe></crm-provider>`);
    const probe = el.querySelector('adapter-probe') as AdapterProbe;
    await probe.updateComplete;
    expect(probeText(probe)).to.equal('test ru');
    el.lang = 'en';
    await el.updateComplete;
    await probe.updateComplete;
    expect(probeText(probe)).to.equal('test en');
    expect(el.getAttribute('lang')).to.equal('en');
  });

  it("a widget's own lang property renders at once, and clearing it inherits again", async () => {
    const el = await fixture<CrmProvider>(html`<crm-provider lang="en" .adapter=${new TestAdapter()}><adapter-probe></adapter-probe></crm-provider>`);
    const probe = el.querySelector('adapter-probe') as AdapterProbe;
    probe.lang = 'ru';
    await probe.updateComplete;
    expect(probeText(probe)).to.equal('test ru');
    probe.lang = '';
    await probe.updateComplete;
    expect(probe.hasAttribute('lang')).to.equal(false);
    expect(probeText(probe)).to.equal('test en');
  });
});

describe('withAdapter (shared fixture)', () => {
  it('renders a widget inside a provider with the adapter', async () => {
    const { withAdapter } = await import('../testing/fixtures.js');
    const adapter = new TestAdapter();
    const probe = await withAdapter<AdapterProbe>(adapter, html`<adapter-probe></adapter-probe>`, { lang: 'en' });
    expect(probe.resolvedAdapter).to.equal(adapter);
    expect(probeText(probe)).to.equal('test en');
  });
});
