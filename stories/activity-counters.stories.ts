import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { SnapshotAdapter } from '@crmkit/adapter-mock';
import type { DataAdapter } from '@crmkit/core';
import '../packages/widgets/src/activity-counters/crm-activity-counters.js';
import '../packages/widgets/src/client-timeline/crm-client-timeline.js';
import { CLIENTS_NOW } from '../packages/widgets/src/client-timeline/client-fixtures.js';
import { bigClientSnapshot, handMadeAdapter, mockPortal, mockPortalAdapter } from './client-stories-support.js';
import { emptyAdapter, failingAdapter, pendingAdapter } from './support/story-adapters.js';

/** `<crm-activity-counters>`: exact counts of a client's deals, invoices, activities and documents. */
const meta: Meta = { title: 'Clients/Activity counters', component: 'crm-activity-counters' };
export default meta;
type Story = StoryObj;

const render = (adapter: () => DataAdapter, type: string, id: string, now?: number) => () =>
  html`<crm-activity-counters .adapter=${adapter()} entity-type=${type} entity-id=${id} .now=${now}></crm-activity-counters>`;
const situation = (name: 'b2bCompanySeveralManagers' | 'contactInSeveralCompanies' | 'b2cContact') => mockPortal('small').situations[name][0];

export const Default: Story = { render: () => render(mockPortalAdapter, 'contact', situation('b2cContact').id)() };
export const Loading: Story = { render: render(() => pendingAdapter(), 'company', 'A') };
export const Empty: Story = { render: render(handMadeAdapter, 'contact', 'Z', CLIENTS_NOW) };
export const Error: Story = { render: render(() => failingAdapter('network'), 'company', 'A') };
export const LargePortal: Story = { render: render(() => new SnapshotAdapter(bigClientSnapshot(10_000, CLIENTS_NOW)), 'company', 'A', CLIENTS_NOW) };
export const B2BCompany: Story = { render: () => render(mockPortalAdapter, 'company', situation('b2bCompanySeveralManagers').id)() };
export const ContactInSeveralCompanies: Story = { render: () => render(mockPortalAdapter, 'contact', situation('contactInSeveralCompanies').id)() };
/** Beside a timeline: each number filters it (`for="timeline"`). */
export const WithTimeline: Story = {
  render: () => {
    const a = handMadeAdapter();
    return html`<crm-activity-counters for="timeline" .adapter=${a} entity-type="company" entity-id="A" .now=${CLIENTS_NOW}></crm-activity-counters>
      <crm-client-timeline id="timeline" .adapter=${a} entity-type="company" entity-id="A" .now=${CLIENTS_NOW}></crm-client-timeline>`;
  },
};
void emptyAdapter;
