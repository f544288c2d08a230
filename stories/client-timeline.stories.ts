import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { SnapshotAdapter } from '@crmkit/adapter-mock';
import { TIMELINE_SCOPES, type DataAdapter } from '@crmkit/core';
import '../packages/widgets/src/client-timeline/crm-client-timeline.js';
import { CLIENTS_NOW } from '../packages/widgets/src/client-timeline/client-fixtures.js';
import { bigClientSnapshot, handMadeAdapter, mockPortal, mockPortalAdapter } from './client-stories-support.js';
import { emptyAdapter, failingAdapter, pendingAdapter } from './support/story-adapters.js';

/** `<crm-client-timeline>`: a contact's or company's full history (seed 001, cases 1–3). */
const meta: Meta = {
  title: 'Clients/Client timeline',
  component: 'crm-client-timeline',
  argTypes: { scope: { control: 'inline-radio', options: TIMELINE_SCOPES } },
  args: { scope: 'deals' },
};
export default meta;

type Args = { scope: string };
type Story = StoryObj<Args>;

const render = (adapter: () => DataAdapter, type: string, id: string, now?: number) => (args: Args) =>
  html`<crm-client-timeline .adapter=${adapter()} entity-type=${type} entity-id=${id} scope=${args.scope} .now=${now}></crm-client-timeline>`;

const situation = (name: 'b2bCompanySeveralManagers' | 'contactInSeveralCompanies' | 'b2cContact') => mockPortal('small').situations[name][0];

/** Case 1 (B2C): a contact without a company, from the mock portal. */
export const Default: Story = { render: (args) => render(mockPortalAdapter, situation('b2cContact').kind, situation('b2cContact').id)(args) };
export const Loading: Story = { render: render(() => pendingAdapter(), 'company', 'A') };
/** A contact with no events at all. */
export const Empty: Story = { render: render(handMadeAdapter, 'contact', 'Z', CLIENTS_NOW) };
export const Error: Story = { render: render(() => failingAdapter('network'), 'company', 'A') };
/** 10,000 events, virtualized, loaded 2,000 at a time with "Load older". */
export const LargePortal: Story = { render: render(() => new SnapshotAdapter(bigClientSnapshot(10_000, CLIENTS_NOW)), 'company', 'A', CLIENTS_NOW) };
/** Case 2 (B2B): a company whose contacts and managers work in parallel. */
export const B2BCompany: Story = { render: (args) => render(mockPortalAdapter, 'company', situation('b2bCompanySeveralManagers').id)(args) };
/** Case 3: one contact in two companies; each company's context is attributed. */
export const ContactInSeveralCompanies: Story = { render: (args) => render(mockPortalAdapter, 'contact', situation('contactInSeveralCompanies').id)(args) };
/** The hand-made portal of the unit tests: every kind of event, planned and overdue. */
export const HandMade: Story = { render: render(handMadeAdapter, 'company', 'A', CLIENTS_NOW) };
