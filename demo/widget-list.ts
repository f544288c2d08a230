/**
 * Every widget the demo shows, in page order. `register-widgets.ts` imports their registering
 * modules; a card whose element is not defined says so honestly instead of leaving a hole.
 */

export interface DemoWidget {
  readonly tag: string;
  readonly title: { readonly ru: string; readonly en: string };
  /** Needs a client (`entity-type` / `entity-id`). */
  readonly perClient?: boolean;
  readonly wide?: boolean;
}

export const DEMO_WIDGETS: readonly DemoWidget[] = [
  { tag: 'crm-activity-counters', title: { ru: 'Счётчики клиента', en: 'Client counters' }, perClient: true },
  { tag: 'crm-client-timeline', title: { ru: 'История клиента', en: 'Client timeline' }, perClient: true },
  { tag: 'crm-client-base', title: { ru: 'Клиентская база', en: 'Client base' }, wide: true },
  { tag: 'crm-forgotten-deals', title: { ru: 'Забытые сделки', en: 'Forgotten deals' }, wide: true },
  { tag: 'crm-registry-conversion', title: { ru: 'Конверсия реестров', en: 'Registry conversion' }, wide: true },
  { tag: 'crm-shahmatka', title: { ru: 'Шахматка', en: 'Chessboard (шахматка)' }, wide: true },
  { tag: 'crm-booking-calendar', title: { ru: 'Бронирование встреч', en: 'Meeting booking' }, wide: true },
];

export function isDefined(tag: string): boolean {
  return customElements.get(tag) !== undefined;
}
