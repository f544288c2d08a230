import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SnapshotAdapter, type CrmSnapshot } from '@crmkit/adapter-mock';
import { decodeView, encodeView, type DataAdapter } from '@crmkit/core';
import { failingAdapter } from '../../../../stories/support/story-adapters.js';
import type { CrmDealFilterChangeEvent } from '../events/deal-filter.js';
import './crm-deal-filter.js';
import type { CrmDealFilter } from './deal-filter.js';

const snapshot: CrmSnapshot = {
  format: 'crmkit-snapshot',
  version: 1,
  origin: 'https://crm.example',
  userId: '7',
  timeZone: 'Europe/Moscow',
  entities: {
    deal: [],
    funnel: [{ id: '0', name: 'Общая', stages: [{ id: 'NEW', funnelId: '0', name: 'Новая', sort: 10, semantics: 'process' }] }],
    fieldDefinition: [
      { id: 'deal:UF_CRM_PERIOD', code: 'UF_CRM_PERIOD', owner: 'deal', label: 'Период', type: 'enumeration', multiple: false, builtIn: false, options: [{ id: '4', label: 'Апрель' }, { id: '5', label: 'Май' }] },
      { id: 'deal:UF_CRM_POLICY_END', code: 'UF_CRM_POLICY_END', owner: 'deal', label: 'Окончание полиса', type: 'date', multiple: false, builtIn: false },
    ],
    employee: [{ id: '7', name: 'Иванов Иван', departmentIds: [], active: true }],
  },
};

async function mount(a: DataAdapter, width = '800px'): Promise<{ el: CrmDealFilter; target: HTMLElement & { view?: string } }> {
  localStorage.clear();
  const wrap = await fixture<HTMLDivElement>(html`<div style="inline-size: ${width}">
    <crm-deal-filter lang="ru" for="target" scope="forgotten-deals" .adapter=${a}></crm-deal-filter>
    <div id="target"></div>
  </div>`);
  return { el: wrap.querySelector('crm-deal-filter') as CrmDealFilter, target: wrap.querySelector('#target') as HTMLElement & { view?: string } };
}
async function loaded(el: CrmDealFilter): Promise<void> {
  await waitUntil(() => el.shadowRoot?.querySelector('section, [part="error"]'), 'did not load', { timeout: 8000 });
  await el.updateComplete;
}

describe('<crm-deal-filter>', () => {
  it('builds "Период is Апрель" by label, emits the view string and sets it on the target widget', async () => {
    const { el, target } = await mount(new SnapshotAdapter(snapshot));
    await loaded(el);
    let event: CrmDealFilterChangeEvent | undefined;
    el.addEventListener('crm-deal-filter-change', (e) => (event = e));
    const add = el.shadowRoot?.querySelector('[part="add"] select') as HTMLSelectElement;
    const labels = [...add.querySelectorAll('option')].map((o) => o.textContent?.trim());
    expect(labels).to.include.members(['Период', 'Окончание полиса', 'Стадия', 'Ответственный', 'Дата создания']);
    add.value = 'UF_CRM_PERIOD';
    add.dispatchEvent(new Event('change'));
    await el.updateComplete;
    (el.shadowRoot?.querySelector('[part="add"] button') as HTMLButtonElement).click();
    await el.updateComplete;
    const april = [...(el.shadowRoot?.querySelectorAll('fieldset label') ?? [])].find((l) => l.textContent?.includes('Апрель'))?.querySelector('input') as HTMLInputElement;
    april.click();
    await el.updateComplete;
    expect(decodeView(el.view).conditions).to.deep.equal([{ field: { code: 'UF_CRM_PERIOD', label: 'Период' }, op: 'anyOf', options: [{ id: '4', label: 'Апрель' }] }]);
    expect(event?.view).to.equal(el.view);
    expect(target.view).to.equal(el.view);
  });

  it('offers date presets for a date field and saves named views per user', async () => {
    const { el } = await mount(new SnapshotAdapter(snapshot));
    await loaded(el);
    el.view = encodeView({ conditions: [{ field: { code: 'UF_CRM_POLICY_END', label: 'Окончание полиса' }, op: 'inRange', date: { preset: 'thisMonth' } }] });
    await el.updateComplete;
    const value = el.shadowRoot?.querySelector('li.cond select[aria-label^="Значение"]') as HTMLSelectElement;
    value.value = 'next3Months';
    value.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(decodeView(el.view).conditions[0]?.date).to.deep.equal({ preset: 'next3Months' });
    const form = el.shadowRoot?.querySelector('[part="views"] form') as HTMLFormElement;
    (form.querySelector('input[name="name"]') as HTMLInputElement).value = 'Полисы на 3 месяца';
    form.requestSubmit();
    await el.updateComplete;
    const key = 'crmkit:views:forgotten-deals:https://crm.example|7';
    expect(localStorage.getItem(key)).to.include('Полисы на 3 месяца');
    const views = el.shadowRoot?.querySelector('[part="views"] select') as HTMLSelectElement;
    expect([...views.options].map((o) => o.textContent?.trim())).to.deep.equal(['— не выбран —', 'Полисы на 3 месяца']);
    expect(views.selectedOptions[0]?.textContent?.trim()).to.equal('Полисы на 3 месяца');
  });

  it('is accessible and fits 360 px, with conditions and when failed', async () => {
    const { el } = await mount(new SnapshotAdapter(snapshot), '360px');
    await loaded(el);
    el.view = encodeView({ conditions: [{ field: { code: 'UF_CRM_PERIOD', label: 'Период' }, op: 'anyOf', options: [{ id: '4', label: 'Апрель' }] }, { field: { code: 'amount' }, op: 'between', number: 1, number2: 5 }] });
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(el.scrollWidth).to.be.at.most(360);
    const failed = (await mount(failingAdapter('network'), '360px')).el;
    await loaded(failed);
    await expect(failed).to.be.accessible();
  });
});
