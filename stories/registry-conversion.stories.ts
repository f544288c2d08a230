import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { SnapshotAdapter, generateMockCrm, MOCK_FIELDS } from '@crmkit/adapter-mock';
import type { DataAdapter } from '@crmkit/core';
import '../packages/widgets/src/registry-conversion/crm-registry-conversion.js';
import { emptyAdapter, failingAdapter, pendingAdapter } from './support/story-adapters.js';

/**
 * `<crm-registry-conversion>` on the mock insurer portal: registries by type, seller, product,
 * branch and channel; the period by *Период* (or any date field); every number drills down.
 */
const meta: Meta = {
  title: 'Deals/Registry conversion',
  component: 'crm-registry-conversion',
  argTypes: {
    groupBy: { control: 'text' },
    period: { control: 'select', options: ['thisMonth', 'lastMonth', 'next3Months', 'thisQuarter', 'thisYear', 'all'] },
  },
  args: { groupBy: `fields.${MOCK_FIELDS.registryType},responsibleId`, period: 'thisMonth' },
};
export default meta;
type Story = StoryObj<{ groupBy: string; period: string }>;

const cache = new Map<string, DataAdapter>();
const mock = (scale: 'small' | 'default' | 'large'): DataAdapter => {
  let a = cache.get(scale);
  if (!a) cache.set(scale, (a = new SnapshotAdapter(generateMockCrm({ scale, seed: 7 }))));
  return a;
};
const render = (adapter: () => DataAdapter) => (args: { groupBy: string; period: string }) =>
  html`<crm-registry-conversion .adapter=${adapter()} group-by=${args.groupBy} period=${args.period}></crm-registry-conversion>`;

export const Default: Story = { render: render(() => mock('small')) };
export const Loading: Story = { render: render(() => pendingAdapter()) };
export const Empty: Story = { render: render(() => emptyAdapter()) };
export const Error: Story = { render: render(() => failingAdapter('network')) };
export const LargePortal: Story = { render: render(() => mock('default')) };
/** Branch → channel → product, for the branch network's head. */
export const ByBranchChannelProduct: Story = {
  args: { groupBy: `fields.${MOCK_FIELDS.branch},fields.${MOCK_FIELDS.channel},product`, period: 'thisQuarter' },
  render: render(() => mock('small')),
};
