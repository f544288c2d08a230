import { plural, type ActivityKind, type ClientClass, type CommFlagName } from '@crmkit/core';

export const CLIENT_BASE_VIEWS = ['clients', 'forgotten', 'control'] as const;
export type ClientBaseView = (typeof CLIENT_BASE_VIEWS)[number];

/** Strings of `<crm-client-base>`. */
export interface ClientBaseStrings {
  readonly label: string;
  readonly views: Readonly<Record<ClientBaseView, string>>;
  readonly viewsLabel: string;
  readonly all: string;
  readonly b2b: string;
  readonly b2c: string;
  readonly withPayments: string;
  readonly withoutPayments: string;
  readonly classes: Readonly<Record<ClientClass, string>>;
  readonly thresholds: (active: number, sleeping: number) => string;
  readonly suggestion: (active: number, sleeping: number, gaps: string) => string;
  readonly searchName: string;
  readonly columns: Readonly<{
    name: string;
    type: string;
    class: string;
    why: string;
    lastPayment: string;
    lastInteraction: string;
    modified: string;
    responsible: string;
    kind: string;
    subject: string;
    setBy: string;
    setAt: string;
    deadline: string;
    closedBy: string;
    closedAt: string;
    lag: string;
    late: string;
    status: string;
  }>;
  readonly evidence: Readonly<{
    payment: (date: string, days: number, count: number) => string;
    requests: (deals: number, invoices: number) => string;
    dialogs: (count: number, date: string) => string;
    contacts: (list: string) => string;
    none: string;
  }>;
  readonly comms: Readonly<Record<CommFlagName, string>>;
  readonly kinds: Readonly<Record<ActivityKind, string>>;
  readonly controlStatus: Readonly<Record<'done' | 'open' | 'overdue', string>>;
  readonly forgottenHint: (days: number) => string;
  /** Manager control over a window (the CRM keeps last-activity times, so not every activity is read). */
  readonly controlWindow: (from: string) => string;
  readonly days: (n: number) => string;
  readonly filteredBy: (what: string) => string;
  readonly fileName: string;
}

const ruN = (n: number, one: string, few: string, many: string) => plural('ru', n, { one, few, many, other: many });

const ru: ClientBaseStrings = {
  label: 'База клиентов',
  views: { clients: 'Клиенты', forgotten: 'Забытые', control: 'Контроль менеджеров' },
  viewsLabel: 'Раздел',
  all: 'Всего клиентов',
  b2b: 'B2B',
  b2c: 'B2C',
  withPayments: 'С оплатами',
  withoutPayments: 'Без оплат',
  classes: {
    active: 'Активные',
    sleeping: 'Спящие',
    lost: 'Потерянные',
    requests: 'С заявками',
    dialogs: 'С диалогами',
    contacts: 'С контактами',
    'no-contacts': 'Без контактов',
  },
  thresholds: (a, s) => `Активные — оплата не позже ${a} дн. назад, спящие — до ${s} дн., дальше — потерянные`,
  suggestion: (a, s, gaps) => `По интервалам между оплатами на портале (${gaps}) подходят пороги ${a} и ${s} дн.`,
  searchName: 'Поиск по названию',
  columns: {
    name: 'Клиент',
    type: 'Тип',
    class: 'Класс',
    why: 'Почему',
    lastPayment: 'Последняя оплата',
    lastInteraction: 'Последнее общение',
    modified: 'Изменён',
    responsible: 'Ответственный',
    kind: 'Тип дела',
    subject: 'Тема',
    setBy: 'Поставил',
    setAt: 'Когда поставлено',
    deadline: 'Срок',
    closedBy: 'Закрыл',
    closedAt: 'Когда закрыто',
    lag: 'От постановки до закрытия',
    late: 'Просрочка',
    status: 'Статус',
  },
  evidence: {
    payment: (d, days, c) => `Последняя оплата ${d} (${ruN(days, '{n} день', '{n} дня', '{n} дней')} назад), ${ruN(c, '{n} оплата', '{n} оплаты', '{n} оплат')}`,
    requests: (d, i) => `Сделок: ${d}, счетов: ${i}`,
    dialogs: (c, d) => `${ruN(c, '{n} диалог', '{n} диалога', '{n} диалогов')}, последний ${d}`,
    contacts: (l) => `Есть: ${l}`,
    none: 'Ни контактных данных, ни событий',
  },
  comms: { phone: 'телефон', email: 'e-mail', web: 'сайт', im: 'мессенджер', requisites: 'реквизиты' },
  kinds: {
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
  controlStatus: { done: 'Закрыто', open: 'В работе', overdue: 'Просрочено' },
  controlWindow: (from) => `Задачи и дела, поставленные с ${from}, и все открытые`,
  forgottenHint: (d) => `Нет общения ${ruN(d, '{n} день', '{n} дня', '{n} дней')} и больше, и ничего не запланировано`,
  days: (n) => ruN(n, '{n} день', '{n} дня', '{n} дней'),
  filteredBy: (w) => `Показаны: ${w}`,
  fileName: 'клиенты',
};

const enN = (n: number, one: string, other: string) => plural('en', n, { one, other });

const en: ClientBaseStrings = {
  label: 'Client base',
  views: { clients: 'Clients', forgotten: 'Forgotten', control: 'Manager control' },
  viewsLabel: 'View',
  all: 'All clients',
  b2b: 'B2B',
  b2c: 'B2C',
  withPayments: 'With payments',
  withoutPayments: 'Without payments',
  classes: {
    active: 'Active',
    sleeping: 'Sleeping',
    lost: 'Lost',
    requests: 'With requests',
    dialogs: 'With dialogs',
    contacts: 'With contact data',
    'no-contacts': 'Without contacts',
  },
  thresholds: (a, s) => `Active: paid within ${a} days; sleeping: within ${s} days; beyond: lost`,
  suggestion: (a, s, gaps) => `The portal's gaps between payments (${gaps}) suggest ${a} and ${s} days`,
  searchName: 'Search by name',
  columns: {
    name: 'Client',
    type: 'Type',
    class: 'Class',
    why: 'Why',
    lastPayment: 'Last payment',
    lastInteraction: 'Last interaction',
    modified: 'Modified',
    responsible: 'Responsible',
    kind: 'Kind',
    subject: 'Subject',
    setBy: 'Set by',
    setAt: 'Set at',
    deadline: 'Deadline',
    closedBy: 'Closed by',
    closedAt: 'Closed at',
    lag: 'Set to closed',
    late: 'Late by',
    status: 'Status',
  },
  evidence: {
    payment: (d, days, c) => `Last payment ${d} (${enN(days, '{n} day', '{n} days')} ago), ${enN(c, '{n} payment', '{n} payments')}`,
    requests: (d, i) => `Deals: ${d}, invoices: ${i}`,
    dialogs: (c, d) => `${enN(c, '{n} dialog', '{n} dialogs')}, last ${d}`,
    contacts: (l) => `Has: ${l}`,
    none: 'No contact data and no events',
  },
  comms: { phone: 'phone', email: 'e-mail', web: 'website', im: 'messenger', requisites: 'requisites' },
  kinds: {
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
  controlStatus: { done: 'Closed', open: 'Open', overdue: 'Overdue' },
  controlWindow: (from) => `Tasks and activities set since ${from}, and every open one`,
  forgottenHint: (d) => `No interaction for ${enN(d, '{n} day', '{n} days')} or more, and nothing planned`,
  days: (n) => enN(n, '{n} day', '{n} days'),
  filteredBy: (w) => `Showing: ${w}`,
  fileName: 'clients',
};

export const clientBaseStrings = { ru, en };
