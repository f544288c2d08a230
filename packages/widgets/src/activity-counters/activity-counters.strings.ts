import type { CounterKey } from '@crmkit/core';

/** Strings of `<crm-activity-counters>`. */
export interface ActivityCountersStrings {
  readonly label: string;
  readonly groups: Readonly<Record<'deals' | 'invoices' | 'activities' | 'documents', string>>;
  readonly counters: Readonly<Record<CounterKey, string>>;
  /** Accessible name of a counter button: "Open deals: 3, 1 000 ₽. Show them". */
  readonly counterLabel: (what: string, count: string, sum: string) => string;
}

const ru: ActivityCountersStrings = {
  label: 'Счётчики клиента',
  groups: { deals: 'Сделки', invoices: 'Счета', activities: 'Дела', documents: 'Документы' },
  counters: {
    'deals.open': 'В работе',
    'deals.won': 'Выиграны',
    'deals.lost': 'Проиграны',
    'invoices.paid': 'Оплачены',
    'invoices.unpaid': 'Не оплачены',
    'invoices.cancelled': 'Отменены',
    'activities.planned': 'Запланированы',
    'activities.overdue': 'Просрочены',
    'activities.done': 'Выполнены',
    'documents.all': 'Все',
  },
  counterLabel: (what, count, sum) => `${what}: ${count}${sum ? `, ${sum}` : ''}. Показать`,
};

const en: ActivityCountersStrings = {
  label: 'Client counters',
  groups: { deals: 'Deals', invoices: 'Invoices', activities: 'Activities', documents: 'Documents' },
  counters: {
    'deals.open': 'Open',
    'deals.won': 'Won',
    'deals.lost': 'Lost',
    'invoices.paid': 'Paid',
    'invoices.unpaid': 'Unpaid',
    'invoices.cancelled': 'Cancelled',
    'activities.planned': 'Planned',
    'activities.overdue': 'Overdue',
    'activities.done': 'Done',
    'documents.all': 'All',
  },
  counterLabel: (what, count, sum) => `${what}: ${count}${sum ? `, ${sum}` : ''}. Show them`,
};

export const activityCountersStrings = { ru, en };
