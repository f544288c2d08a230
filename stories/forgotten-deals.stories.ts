import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { SnapshotAdapter, generateMockCrm, MOCK_FIELDS } from '@crmkit/adapter-mock';
import { encodeView, type DataAdapter } from '@crmkit/core';
import '../packages/widgets/src/forgotten-deals/crm-forgotten-deals.js';
import '../packages/widgets/src/deal-filter/crm-deal-filter.js';
import { emptyAdapter, failingAdapter, pendingAdapter } from './support/story-adapters.js';

/**
 * `<crm-forgotten-deals>` on the mock insurer portal: prolongation registries loaded months
 * ahead with planned first calls (not forgotten), overdue calls, deals still in NEW at the end of
 * their Период. Open "Правила" to read and change the rules.
 */
const meta: Meta = {
  title: 'Deals/Forgotten deals',
  component: 'crm-forgotten-deals',
  argTypes: { groupBy: { control: 'inline-radio', options: ['manager', 'department'] } },
  args: { groupBy: 'manager' },
};
export default meta;
type Story = StoryObj<{ groupBy: string }>;

const cache = new Map<string, DataAdapter>();
const mock = (scale: 'small' | 'default' | 'large'): DataAdapter => {
  let a = cache.get(scale);
  if (!a) cache.set(scale, (a = new SnapshotAdapter(generateMockCrm({ scale, seed: 7 }))));
  return a;
};
const render = (adapter: () => DataAdapter, view = '') => (args: { groupBy: string }) =>
  html`<crm-forgotten-deals .adapter=${adapter()} group-by=${args.groupBy} view=${view}></crm-forgotten-deals>`;

export const Default: Story = { render: render(() => mock('small')) };
export const Loading: Story = { render: render(() => pendingAdapter()) };
export const Empty: Story = { render: render(() => emptyAdapter()) };
export const Error: Story = { render: render(() => failingAdapter('network')) };
export const LargePortal: Story = { render: render(() => mock('default')) };
/** Only prolongation registries (a saved view, as a URL would carry it). */
export const ProlongationsOnly: Story = {
  render: render(
    () => mock('small'),
    encodeView({ conditions: [{ field: { code: MOCK_FIELDS.registryType, label: 'Тип реестра' }, op: 'anyOf', options: [{ id: 'prolongation', label: 'Пролонгация' }] }] }),
  ),
};
/** With `<crm-deal-filter for="…">`: build a filter on any field (Период, Тип реестра, Продукт…) and save it. */
export const WithFilterBuilder: Story = {
  render: (args) => {
    const a = mock('small');
    return html`<crm-deal-filter for="forgotten" scope="forgotten-deals" .adapter=${a}></crm-deal-filter>
      <crm-forgotten-deals id="forgotten" .adapter=${a} group-by=${args.groupBy}></crm-forgotten-deals>`;
  },
};
