import { plural, type TimelineCategory, type TimelineEventType, type TimelineScope, type TimelineSortKey, type TimelineStatus } from '@crmkit/core';

/** Strings of `<crm-client-timeline>`; override any of them with the `strings` property. */
export interface ClientTimelineStrings {
  readonly label: string;
  readonly titleFor: (name: string) => string;
  readonly scope: string;
  readonly scopes: Readonly<Record<TimelineScope, string>>;
  readonly categories: Readonly<Record<TimelineCategory, string>>;
  readonly categoriesLabel: string;
  readonly types: Readonly<Record<TimelineEventType, string>>;
  readonly statuses: Readonly<Record<TimelineStatus, string>>;
  readonly columns: Readonly<Record<TimelineSortKey | 'event' | 'via' | 'recorded' | 'amount' | 'status', string>>;
  readonly upcoming: string;
  readonly history: string;
  readonly period: string;
  readonly via: Readonly<Record<'contact' | 'company' | 'deal', (name: string) => string>>;
  readonly happened: (when: string) => string;
  readonly recorded: (when: string) => string;
  readonly due: (when: string) => string;
  readonly differs: string;
  readonly incoming: string;
  readonly outgoing: string;
  readonly loadedOf: (loaded: string, total: string) => string;
  readonly loadOlder: string;
  readonly drilled: (what: string) => string;
  readonly clearDrill: string;
  readonly events: (n: number) => string;
  readonly nothingUpcoming: string;
  readonly noSubject: string;
  readonly fileName: string;
}

const ruN = (n: number, one: string, few: string, many: string) => plural('ru', n, { one, few, many, other: many });

const ru: ClientTimelineStrings = {
  label: 'История клиента',
  titleFor: (name) => `История: ${name}`,
  scope: 'Что показывать',
  scopes: { record: 'Только эта запись', contacts: 'С контактами', deals: 'Со сделками' },
  categories: {
    deal: 'Сделки',
    invoice: 'Счета',
    payment: 'Оплаты',
    call: 'Звонки',
    email: 'Письма',
    messenger: 'Мессенджеры',
    'open-line': 'Открытые линии',
    meeting: 'Встречи',
    task: 'Задачи',
    todo: 'Дела',
    comment: 'Комментарии',
    document: 'Документы',
  },
  categoriesLabel: 'Типы событий',
  types: {
    'deal-created': 'Сделка создана',
    'stage-move': 'Смена стадии',
    'deal-won': 'Сделка выиграна',
    'deal-lost': 'Сделка проиграна',
    invoice: 'Счёт',
    payment: 'Оплата',
    call: 'Звонок',
    email: 'Письмо',
    messenger: 'Мессенджер',
    'open-line': 'Открытая линия',
    meeting: 'Встреча',
    task: 'Задача',
    todo: 'Дело',
    comment: 'Комментарий',
    document: 'Документ',
  },
  statuses: { done: 'Выполнено', planned: 'Запланировано', overdue: 'Просрочено' },
  columns: {
    date: 'Когда',
    type: 'Тип',
    event: 'Событие',
    responsible: 'Ответственный',
    author: 'Автор',
    via: 'Источник',
    recorded: 'Записано в CRM',
    amount: 'Сумма',
    status: 'Статус',
  },
  upcoming: 'Запланировано и просрочено',
  history: 'История',
  period: 'Период',
  via: {
    contact: (n) => `через контакт ${n}`,
    company: (n) => `через компанию ${n}`,
    deal: (n) => `через сделку ${n}`,
  },
  happened: (w) => `Произошло: ${w}`,
  recorded: (w) => `Записано: ${w}`,
  due: (w) => `Срок: ${w}`,
  differs: 'автор не ответственный',
  incoming: 'входящий',
  outgoing: 'исходящий',
  loadedOf: (l, t) => `Загружено дел: ${l} из ${t}`,
  loadOlder: 'Загрузить более ранние',
  drilled: (w) => `Показано: ${w}`,
  clearDrill: 'Показать всё',
  events: (n) => ruN(n, '{n} событие', '{n} события', '{n} событий'),
  nothingUpcoming: 'Нет запланированных дел',
  noSubject: 'Укажите entity-type и entity-id',
  fileName: 'история-клиента',
};

const en: ClientTimelineStrings = {
  label: 'Client history',
  titleFor: (name) => `History: ${name}`,
  scope: 'Show',
  scopes: { record: 'This record only', contacts: 'With contacts', deals: 'With deals' },
  categories: {
    deal: 'Deals',
    invoice: 'Invoices',
    payment: 'Payments',
    call: 'Calls',
    email: 'E-mails',
    messenger: 'Messengers',
    'open-line': 'Open lines',
    meeting: 'Meetings',
    task: 'Tasks',
    todo: 'To-dos',
    comment: 'Comments',
    document: 'Documents',
  },
  categoriesLabel: 'Event types',
  types: {
    'deal-created': 'Deal created',
    'stage-move': 'Stage changed',
    'deal-won': 'Deal won',
    'deal-lost': 'Deal lost',
    invoice: 'Invoice',
    payment: 'Payment',
    call: 'Call',
    email: 'E-mail',
    messenger: 'Messenger',
    'open-line': 'Open line',
    meeting: 'Meeting',
    task: 'Task',
    todo: 'To-do',
    comment: 'Comment',
    document: 'Document',
  },
  statuses: { done: 'Done', planned: 'Planned', overdue: 'Overdue' },
  columns: {
    date: 'When',
    type: 'Type',
    event: 'Event',
    responsible: 'Responsible',
    author: 'Author',
    via: 'Source',
    recorded: 'Recorded in CRM',
    amount: 'Amount',
    status: 'Status',
  },
  upcoming: 'Planned and overdue',
  history: 'History',
  period: 'Period',
  via: {
    contact: (n) => `via contact ${n}`,
    company: (n) => `via company ${n}`,
    deal: (n) => `via deal ${n}`,
  },
  happened: (w) => `Happened: ${w}`,
  recorded: (w) => `Recorded: ${w}`,
  due: (w) => `Due: ${w}`,
  differs: 'author is not the responsible',
  incoming: 'incoming',
  outgoing: 'outgoing',
  loadedOf: (l, t) => `Activities loaded: ${l} of ${t}`,
  loadOlder: 'Load older',
  drilled: (w) => `Showing: ${w}`,
  clearDrill: 'Show all',
  events: (n) => plural('en', n, { one: '{n} event', other: '{n} events' }),
  nothingUpcoming: 'Nothing planned',
  noSubject: 'Set entity-type and entity-id',
  fileName: 'client-history',
};

export const clientTimelineStrings = { ru, en };
