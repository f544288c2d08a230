import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { setDefaultAdapter } from '../provider/default-adapter.js';
import { TestAdapter } from '../testing/test-adapter.js';
import { defineElement } from './define-element.js';
import { CrmElement } from './element.js';
import { safeImageUrl, safeLinkUrl } from './safe-url.js';

class BaseProbe extends CrmElement {
  protected override render(): unknown {
    return litHtml`<span>${this.resolvedAdapter?.kind ?? 'none'}</span>`;
  }
}
defineElement('base-probe', BaseProbe);

describe('safe URLs', () => {
  it('opens only http(s) links, resolving relative ones', () => {
    expect(safeLinkUrl('https://portal.bitrix24.ru/crm/deal/details/5/')).to.equal('https://portal.bitrix24.ru/crm/deal/details/5/');
    expect(safeLinkUrl('/crm/deal/5', 'https://a.example/')).to.equal('https://a.example/crm/deal/5');
    expect(safeLinkUrl('javascript:alert(1)')).to.equal(undefined);
    expect(safeLinkUrl(' JaVaScRiPt:alert(1)')).to.equal(undefined);
    expect(safeLinkUrl('data:text/html,<script>alert(1)</script>')).to.equal(undefined);
    expect(safeLinkUrl('vbscript:x')).to.equal(undefined);
    expect(safeLinkUrl('')).to.equal(undefined);
    expect(safeLinkUrl(null)).to.equal(undefined);
  });

  it('shows only http(s) and data:image pictures', () => {
    expect(safeImageUrl('data:image/png;base64,AAAA')).to.equal('data:image/png;base64,AAAA');
    expect(safeImageUrl('data:text/html;base64,AAAA')).to.equal(undefined);
    expect(safeImageUrl('javascript:alert(1)')).to.equal(undefined);
    expect(safeImageUrl('https://portal.bitrix24.ru/upload/a.jpg')).to.equal('https://portal.bitrix24.ru/upload/a.jpg');
  });
});

describe('defineElement', () => {
  it('keeps the first definition of a tag and warns instead of throwing', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      defineElement('base-dup-test', First);
      defineElement('base-dup-test', Second);
      defineElement('base-dup-test', First);
    } finally {
      console.warn = original;
    }
    expect(customElements.get('base-dup-test')).to.equal(First);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<base-dup-test>');
  });
});

describe('CrmElement', () => {
  afterEach(() => setDefaultAdapter(undefined));

  it('prefers its own adapter, then the page default', async () => {
    const el = await fixture<BaseProbe>(html`<base-probe></base-probe>`);
    expect(el.resolvedAdapter).to.equal(undefined);
    const page = new TestAdapter();
    setDefaultAdapter(page);
    await el.updateComplete;
    expect(el.resolvedAdapter).to.equal(page);
    const own = new TestAdapter();
    el.adapter = own;
    await el.updateComplete;
    expect(el.resolvedAdapter).to.equal(own);
  });

  it('toggles custom states for CSS', async () => {
    const el = await fixture<BaseProbe>(html`<base-probe></base-probe>`);
    el.setCustomState('stale', true);
    expect(el.hasCustomState('stale')).to.equal(true);
    expect(el.matches(':state(stale)')).to.equal(true);
    el.setCustomState('stale', false);
    expect(el.matches(':state(stale)')).to.equal(false);
  });

  it('stops listening for the page default when removed', async () => {
    const el = await fixture<BaseProbe>(html`<base-probe></base-probe>`);
    el.remove();
    setDefaultAdapter(new TestAdapter());
    expect(el.isUpdatePending).to.equal(false);
  });
});
