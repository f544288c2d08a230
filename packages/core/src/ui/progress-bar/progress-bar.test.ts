import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { StateViewController } from '../state-views.js';
import './crm-progress-bar.js';
import type { CrmProgressBar } from './progress-bar.js';

const text = (el: CrmProgressBar) => el.shadowRoot?.querySelector('[role="status"]')?.textContent?.replace(/\s+/g, ' ').trim();

describe('<crm-progress-bar>', () => {
  it('says "loading" with an indeterminate bar before anything is known', async () => {
    const el = await fixture<CrmProgressBar>(html`<crm-progress-bar></crm-progress-bar>`);
    expect(text(el)).to.equal('Загрузка…');
    expect(el.shadowRoot?.querySelector('progress')?.hasAttribute('value')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('shows records loaded of total and the time left', async () => {
    const el = await fixture<CrmProgressBar>(html`<crm-progress-bar loaded="12000" total="60000" time-left-ms="40000"></crm-progress-bar>`);
    expect(text(el)).to.equal('Загружено 12 000 из 60 000 · осталось 40 секунд');
    const bar = el.shadowRoot?.querySelector('progress') as HTMLProgressElement;
    expect(bar.value).to.equal(12000);
    expect(bar.max).to.equal(60000);
    el.timeLeftMs = 150_000;
    el.total = undefined;
    await el.updateComplete;
    expect(text(el)).to.equal('Загружено 12 000 записей · осталось 3 минуты');
    await expect(el).to.be.accessible();
  });

  it('cancels from the keyboard: fires crm-load-cancel and cancels a bound controller', async () => {
    let cancelled = 0;
    const controller: StateViewController = {
      progress: { entity: 'deal', loaded: 5, total: 10, startedAt: Date.now() },
      timeLeftMs: undefined,
      cancel: () => cancelled++,
      retry: () => undefined,
      refresh: () => undefined,
      stale: false,
      asOf: undefined,
    };
    const el = await fixture<CrmProgressBar>(html`<crm-progress-bar .controller=${controller}></crm-progress-bar>`);
    expect(text(el)).to.equal('Загружено 5 из 10');
    let events = 0;
    el.addEventListener('crm-load-cancel', () => events++);
    (el.shadowRoot?.querySelector('[part="cancel"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    expect(events).to.equal(1);
    expect(cancelled).to.equal(1);
    el.addEventListener('crm-load-cancel', (e) => e.preventDefault());
    await sendKeys({ press: 'Space' });
    expect(events).to.equal(2);
    expect(cancelled, 'preventDefault keeps the load running').to.equal(1);
  });
});
