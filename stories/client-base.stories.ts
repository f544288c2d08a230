import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { SnapshotAdapter } from '@crmkit/adapter-mock';
import type { DataAdapter } from '@crmkit/core';
import '../packages/widgets/src/client-base/crm-client-base.js';
import { CLIENT_BASE_VIEWS } from '../packages/widgets/src/client-base/client-base.strings.js';
import { clientsSnapshot, CLIENTS_NOW } from '../packages/widgets/src/client-timeline/client-fixtures.js';
import { mockPortalAdapter } from './client-stories-support.js';
import { emptyAdapter, failingAdapter, pendingAdapter } from './support/story-adapters.js';

/** `<crm-client-base>`: the portal's clients, classified, with forgotten clients and manager control. */
const meta: Meta = {
  title: 'Clients/Client base',
  component: 'crm-client-base',
  argTypes: {
    view: { control: 'inline-radio', options: CLIENT_BASE_VIEWS },
    activeDays: { control: 'number' },
    sleepingDays: { control: 'number' },
  },
  args: { view: 'clients', activeDays: 90, sleepingDays: 365 },
};
export default meta;
type Args = { view: string; activeDays: number; sleepingDays: number };
type Story = StoryObj<Args>;

const render = (adapter: () => DataAdapter, now?: number) => (args: Args) =>
  html`<crm-client-base .adapter=${adapter()} view=${args.view} active-days=${args.activeDays} sleeping-days=${args.sleepingDays} .now=${now}></crm-client-base>`;

export const Default: Story = { render: render(() => mockPortalAdapter('small')) };
export const Loading: Story = { render: render(() => pendingAdapter()) };
export const Empty: Story = { render: render(() => emptyAdapter()) };
export const Error: Story = { render: render(() => failingAdapter('network', new SnapshotAdapter({ ...clientsSnapshot, origin: 'mock://story-failing' }))) };
/** 2,000 clients, 10,000 deals, 60,000 activities, classified in a worker. */
export const LargePortal: Story = { render: render(() => mockPortalAdapter('default')) };
/** Only B2B: the hand-made portal's two companies sharing a contact, plus two B2C contacts. */
export const B2BCompany: Story = { render: render(() => new SnapshotAdapter(clientsSnapshot), CLIENTS_NOW) };
/** A contact in two companies counts in both companies' clients, never as a client of its own. */
export const ContactInSeveralCompanies: Story = { render: render(() => new SnapshotAdapter(clientsSnapshot), CLIENTS_NOW), args: { view: 'clients' } };
