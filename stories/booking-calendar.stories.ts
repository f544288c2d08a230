import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createMockAdapter, type CrmSnapshot } from '@crmkit/adapter-mock';
import type { Booking } from '@crmkit/core';
import '../packages/widgets/src/booking-calendar/crm-booking-calendar.js';
import { BOOKING_RANGES, BOOKING_VIEWS } from '../packages/widgets/src/booking-calendar/booking-calendar.js';
import { BOOKING_NOW, BOOKING_SNAPSHOT, BOOKING_WEEK, WritableBookingAdapter } from '../packages/widgets/src/booking-calendar/booking-calendar.fixtures.js';
import { emptyAdapter, failingAdapter, pendingAdapter } from './support/story-adapters.js';

/**
 * `<crm-booking-calendar>`: slots of meeting rooms, viewing platforms, buses and managers, the
 * meeting planner, and the reports «Встречи к переносу» and «Занятость слотов».
 */
const meta: Meta = {
  title: 'Real estate/Booking calendar',
  component: 'crm-booking-calendar',
  argTypes: {
    view: { control: 'select', options: BOOKING_VIEWS },
    range: { control: 'select', options: BOOKING_RANGES },
  },
  args: { view: 'calendar', range: 'week' },
};
export default meta;

type Args = { view: string; range: string };
type Story = StoryObj<Args>;

let mock: ReturnType<typeof createMockAdapter> | undefined;
const mockAdapter = () => (mock ??= createMockAdapter({ scale: 'small', latencyMs: 150 }));

const render =
  (adapter: () => unknown, date = '', now?: number) =>
  (args: Args) =>
    html`<crm-booking-calendar .adapter=${adapter()} view=${args.view} range=${args.range} date=${date} .now=${now}></crm-booking-calendar>`;

/** A full Tuesday: every slot of «Переговорная 1» taken. */
function fullDaySnapshot(): CrmSnapshot {
  const extra: Booking[] = ['08:00', '09:00', '11:00'].map((t, i) => ({
    id: `full-${i}`,
    resourceId: 'room-s',
    meetingId: `full-${i}`,
    start: Date.parse(`2026-03-24T${t}:00Z`),
    end: Date.parse(`2026-03-24T${t}:00Z`) + 3_600_000,
    seats: 2,
    title: 'Показ',
    clientRefs: [],
    clientNames: [`Клиент ${i + 1}`],
    createdAt: 10 + i,
    status: 'active',
  }));
  return { ...BOOKING_SNAPSHOT, entities: { ...BOOKING_SNAPSHOT.entities, booking: [...(BOOKING_SNAPSHOT.entities.booking ?? []), ...extra] } };
}

/** The mock CRM's sales office; meetings made here persist in IndexedDB. */
export const Default: Story = { render: render(mockAdapter) };
export const Loading: Story = { render: render(() => pendingAdapter()) };
export const Empty: Story = { render: render(() => emptyAdapter()) };
export const Error: Story = { render: render(() => failingAdapter('network')) };
/** Europe/Berlin's week of 23–29 March 2026: summer time starts on Sunday; slots stay on the wall clock. */
export const DstWeek: Story = { render: render(() => new WritableBookingAdapter(), BOOKING_WEEK, BOOKING_NOW) };
export const FullDay: Story = { args: { range: 'day' }, render: render(() => new WritableBookingAdapter(fullDaySnapshot()), '2026-03-24', BOOKING_NOW) };
export const MeetingsToReschedule: Story = { args: { view: 'reschedule' }, render: render(() => new WritableBookingAdapter(), BOOKING_WEEK, BOOKING_NOW) };
export const SlotOccupancy: Story = { args: { view: 'occupancy' }, render: render(() => new WritableBookingAdapter(), BOOKING_WEEK, BOOKING_NOW) };
export const Narrow: Story = {
  render: (args) => html`<div style="inline-size: 360px">${render(() => new WritableBookingAdapter(), BOOKING_WEEK, BOOKING_NOW)(args)}</div>`,
};
