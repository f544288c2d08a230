import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createMockAdapter, SnapshotAdapter } from '@crmkit/adapter-mock';
import '../packages/widgets/src/shahmatka/crm-shahmatka.js';
import { HEATMAP_MODES } from '@crmkit/core';
import { PRICE_MODES, SHAHMATKA_VIEWS } from '../packages/widgets/src/shahmatka/shahmatka.js';
import { NOW, SHAHMATKA_SNAPSHOT, WritableShahmatkaAdapter } from '../packages/widgets/src/shahmatka/shahmatka.fixtures.js';
import { emptyAdapter, failingAdapter, pendingAdapter } from './support/story-adapters.js';

/**
 * `<crm-shahmatka>`: a building's apartments by floor and section. Fed by the mock CRM (its
 * bookings persist in IndexedDB) or by the hand-made irregular building of the tests.
 */
const meta: Meta = {
  title: 'Real estate/Shahmatka',
  component: 'crm-shahmatka',
  argTypes: {
    heatmap: { control: 'select', options: HEATMAP_MODES },
    priceMode: { control: 'select', options: PRICE_MODES },
    view: { control: 'select', options: SHAHMATKA_VIEWS },
  },
  args: { heatmap: 'status', priceMode: 'price', view: 'auto' },
};
export default meta;

type Args = { heatmap: string; priceMode: string; view: string };
type Story = StoryObj<Args>;

let mock: ReturnType<typeof createMockAdapter> | undefined;
const mockAdapter = () => (mock ??= createMockAdapter({ scale: 'small', latencyMs: 150 }));

const render =
  (adapter: () => unknown, extra: { selectedId?: string; now?: number } = {}) =>
  (args: Args) =>
    html`<crm-shahmatka
      .adapter=${adapter()}
      heatmap=${args.heatmap}
      price-mode=${args.priceMode}
      view=${args.view}
      selected-id=${extra.selectedId ?? ''}
      .now=${extra.now}
    ></crm-shahmatka>`;

/** The mock CRM's residential project; book and release write to IndexedDB. */
export const Default: Story = { render: render(mockAdapter) };
export const Loading: Story = { render: render(() => pendingAdapter()) };
export const Empty: Story = { render: render(() => emptyAdapter()) };
export const Error: Story = { render: render(() => failingAdapter('network')) };
/** Commercial ground floor, a two-level apartment, a merged unit, a lower wing, no 4th floor. */
export const IrregularBuilding: Story = { render: render(() => new WritableShahmatkaAdapter(), { now: NOW }) };
/** A paid booking with five hours left: the countdown turns red. */
export const ExpiringHold: Story = { render: render(() => new SnapshotAdapter(SHAHMATKA_SNAPSHOT), { selectedId: 'a-52', now: NOW }) };
export const PricePerM2Heatmap: Story = { args: { heatmap: 'price-per-m2', priceMode: 'per-m2' }, render: render(() => new SnapshotAdapter(SHAHMATKA_SNAPSHOT), { now: NOW }) };
export const Narrow: Story = {
  render: (args) => html`<div style="inline-size: 360px">${render(() => new SnapshotAdapter(SHAHMATKA_SNAPSHOT), { now: NOW })(args)}</div>`,
};
