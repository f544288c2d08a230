import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { generateMockCrm, SnapshotAdapter } from '@crmkit/adapter-mock';
import type { CrmDrillDownEvent, DataAdapter } from '@crmkit/core';
import { failingAdapter, pendingAdapter } from '../../../../stories/support/story-adapters.js';
import { clientsSnapshot, CLIENTS_NOW } from '../client-timeline/client-fixtures.js';
import '../client-timeline/crm-client-timeline.js';
import type { CrmClientTimeline } from '../client-timeline/client-timeline.js';
import './crm-activity-counters.js';
import type { CrmActivityCounters } from './activity-counters.js';

const adapter = () => new SnapshotAdapter(clientsSnapshot);

async function mount(a: DataAdapter, width = '360px', id = 'A'): Promise<CrmActivityCounters> {
  const wrap = await fixture<HTMLDivElement>(html`<div style="inline-size: ${width}">
    <crm-activity-counters lang="ru" entity-type="company" entity-id=${id} .now=${CLIENTS_NOW} .adapter=${a}></crm-activity-counters>
  </div>`);
  return wrap.querySelector('crm-activity-counters') as CrmActivityCounters;
}
const button = (el: Element, key: string) => el.shadowRoot?.querySelector(`[data-key="${key}"]`) as HTMLButtonElement;
const ready = (el: CrmActivityCounters) => waitUntil(() => button(el, 'deals.open'), 'counters not shown', { timeout: 5000 });

describe('<crm-activity-counters>', () => {
  it('shows exact counts with sums for a company', async () => {
    const el = await mount(adapter());
    await ready(el);
    const n = (k: string) => button(el, k).querySelector('.n')?.textContent;
    expect([n('deals.open'), n('deals.won'), n('deals.lost')]).to.deep.equal(['0', '1', '1']);
    expect(button(el, 'deals.won').querySelector('.sum')?.textContent?.replace(/\s/g, '')).to.equal('1000₽');
    expect([n('invoices.paid'), n('invoices.unpaid')]).to.deep.equal(['1', '0']);
    expect([n('activities.planned'), n('activities.overdue'), n('activities.done'), n('documents.all')]).to.deep.equal(['1', '1', '2', '1']);
    expect(button(el, 'deals.lost').textContent?.replace(/\s+/g, ' ').trim()).to.match(/^Сделки: 1 Проиграны 500\s₽$/);
  });

  it('fires crm-drill-down from a number, by keyboard too', async () => {
    const el = await mount(adapter());
    await ready(el);
    const events: CrmDrillDownEvent[] = [];
    el.addEventListener('crm-drill-down', (e) => events.push(e));
    button(el, 'activities.overdue').focus();
    await sendKeys({ press: 'Enter' });
    expect(events).to.have.length(1);
    expect(events[0].detail).to.deep.equal({ key: 'activities.overdue', entity: 'activity', filter: [{ field: 'id', op: 'in', value: ['O'] }], count: 1 });
  });

  it('filters the timeline named by `for`, unless the drill-down is cancelled', async () => {
    const a = adapter();
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <crm-activity-counters lang="ru" for="tl" entity-type="company" entity-id="A" .now=${CLIENTS_NOW} .adapter=${a}></crm-activity-counters>
      <crm-client-timeline id="tl" lang="ru" entity-type="company" entity-id="A" .now=${CLIENTS_NOW} .adapter=${a}></crm-client-timeline>
    </div>`);
    const counters = wrap.querySelector('crm-activity-counters') as CrmActivityCounters;
    const timeline = wrap.querySelector('crm-client-timeline') as CrmClientTimeline;
    await ready(counters);
    await waitUntil(() => timeline.shadowRoot?.querySelector('crm-data-table'), 'timeline not loaded', { timeout: 5000 });
    button(counters, 'deals.lost').click();
    await timeline.updateComplete;
    expect(timeline.visibleEvents.history.map((e) => e.key)).to.deep.equal(['deal:D2:closed', 'deal:D2:created']);
    expect(timeline.shadowRoot?.textContent).to.include('Показано: Сделки — Проиграны');
    timeline.clearDrillDown();
    wrap.addEventListener('crm-drill-down', (e) => e.preventDefault(), { once: true });
    button(counters, 'deals.won').click();
    await timeline.updateComplete;
    expect(timeline.visibleEvents.history).to.have.length(11);
  });

  it('counts a mock portal client', async () => {
    const snap = generateMockCrm({ scale: 'small', seed: 1, now: CLIENTS_NOW });
    const ref = snap.situations.b2bCompanySeveralManagers[0];
    const el = await mount(new SnapshotAdapter(snap), '900px', ref.id);
    await ready(el);
    const total = ['deals.open', 'deals.won', 'deals.lost'].map((k) => Number(button(el, k).querySelector('.n')?.textContent?.replace(/\D/g, '')));
    expect(total.reduce((x, y) => x + y, 0)).to.be.greaterThan(0);
  });

  it('is accessible and fits 360 px loaded, loading and failed', async () => {
    for (const [name, a, selector] of [
      ['loaded', adapter(), '[data-key]'],
      ['loading', pendingAdapter(), '[part="loading"]'],
      ['error', failingAdapter('access-denied'), '[part="error"]'],
    ] as const) {
      const el = await mount(a);
      await waitUntil(() => el.shadowRoot?.querySelector(selector), `${name} not shown`, { timeout: 5000 });
      await expect(el, name).to.be.accessible();
      expect(el.scrollWidth, name).to.be.at.most(360);
    }
  });
});
