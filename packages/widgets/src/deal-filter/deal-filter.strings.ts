import type { ConditionOp, Dictionaries } from '@crmkit/core';

/** Every text of `<crm-deal-filter>`; override any of them through the `strings` property. */
export interface DealFilterStrings {
  readonly title: string;
  readonly addCondition: string;
  readonly chooseField: string;
  readonly builtInFields: string;
  readonly customFields: string;
  readonly add: string;
  readonly remove: (field: string) => string;
  readonly operator: (field: string) => string;
  readonly value: (field: string) => string;
  readonly ops: Readonly<Record<ConditionOp, string>>;
  readonly presets: Readonly<Record<'today' | 'yesterday' | 'last7' | 'last30' | 'thisWeek' | 'thisMonth' | 'lastMonth' | 'thisQuarter' | 'thisYear' | 'next7' | 'next30' | 'next3Months' | 'all' | 'custom', string>>;
  readonly from: string;
  readonly to: string;
  readonly ids: string;
  readonly noConditions: string;
  readonly clear: string;
  readonly savedViews: string;
  readonly noSavedView: string;
  readonly viewName: string;
  readonly save: string;
  readonly deleteView: string;
  readonly saved: (name: string) => string;
  readonly link: string;
  readonly builtInLabels: Readonly<Record<'title' | 'funnelId' | 'stageId' | 'stageSemantics' | 'amount' | 'currency' | 'responsibleId' | 'createdById' | 'companyId' | 'contactIds' | 'createdAt' | 'modifiedAt' | 'closedAt' | 'expectedCloseAt' | 'sourceId' | 'products', string>>;
}

const ru: DealFilterStrings = {
  title: 'Фильтр сделок',
  addCondition: 'Добавить условие',
  chooseField: 'Поле',
  builtInFields: 'Поля сделки',
  customFields: 'Пользовательские поля',
  add: 'Добавить',
  remove: (f) => `Удалить условие «${f}»`,
  operator: (f) => `Условие для «${f}»`,
  value: (f) => `Значение «${f}»`,
  ops: {
    anyOf: 'любое из',
    noneOf: 'ни одно из',
    allOf: 'все из',
    eq: 'равно',
    ne: 'не равно',
    contains: 'содержит',
    notContains: 'не содержит',
    gt: 'больше',
    gte: 'не меньше',
    lt: 'меньше',
    lte: 'не больше',
    between: 'между',
    inRange: 'в периоде',
    notInRange: 'вне периода',
    isTrue: 'да',
    isFalse: 'нет',
    empty: 'не заполнено',
    notEmpty: 'заполнено',
  },
  presets: {
    today: 'Сегодня',
    yesterday: 'Вчера',
    last7: 'Последние 7 дней',
    last30: 'Последние 30 дней',
    thisWeek: 'Эта неделя',
    thisMonth: 'Этот месяц',
    lastMonth: 'Прошлый месяц',
    thisQuarter: 'Этот квартал',
    thisYear: 'Этот год',
    next7: 'Следующие 7 дней',
    next30: 'Следующие 30 дней',
    next3Months: 'Следующие 3 месяца',
    all: 'Всё время',
    custom: 'Свой период',
  },
  from: 'С',
  to: 'По',
  ids: 'Номера через запятую',
  noConditions: 'Условий нет: показаны все сделки.',
  clear: 'Сбросить',
  savedViews: 'Сохранённые фильтры',
  noSavedView: '— не выбран —',
  viewName: 'Название фильтра',
  save: 'Сохранить',
  deleteView: 'Удалить фильтр',
  saved: (name) => `Фильтр «${name}» сохранён в этом браузере`,
  link: 'Фильтр строкой (для ссылки)',
  builtInLabels: {
    title: 'Название',
    funnelId: 'Воронка',
    stageId: 'Стадия',
    stageSemantics: 'Группа стадий',
    amount: 'Сумма',
    currency: 'Валюта',
    responsibleId: 'Ответственный',
    createdById: 'Кем создана',
    companyId: 'Компания',
    contactIds: 'Контакты',
    createdAt: 'Дата создания',
    modifiedAt: 'Дата изменения',
    closedAt: 'Дата закрытия',
    expectedCloseAt: 'Плановая дата закрытия',
    sourceId: 'Источник',
    products: 'Товары',
  },
};

const en: DealFilterStrings = {
  title: 'Deal filter',
  addCondition: 'Add condition',
  chooseField: 'Field',
  builtInFields: 'Deal fields',
  customFields: 'Custom fields',
  add: 'Add',
  remove: (f) => `Remove condition "${f}"`,
  operator: (f) => `Condition for "${f}"`,
  value: (f) => `Value of "${f}"`,
  ops: {
    anyOf: 'any of',
    noneOf: 'none of',
    allOf: 'all of',
    eq: 'equals',
    ne: 'not equal',
    contains: 'contains',
    notContains: 'does not contain',
    gt: 'greater than',
    gte: 'at least',
    lt: 'less than',
    lte: 'at most',
    between: 'between',
    inRange: 'in period',
    notInRange: 'outside period',
    isTrue: 'yes',
    isFalse: 'no',
    empty: 'is empty',
    notEmpty: 'is filled',
  },
  presets: {
    today: 'Today',
    yesterday: 'Yesterday',
    last7: 'Last 7 days',
    last30: 'Last 30 days',
    thisWeek: 'This week',
    thisMonth: 'This month',
    lastMonth: 'Last month',
    thisQuarter: 'This quarter',
    thisYear: 'This year',
    next7: 'Next 7 days',
    next30: 'Next 30 days',
    next3Months: 'Next 3 months',
    all: 'All time',
    custom: 'Custom',
  },
  from: 'From',
  to: 'To',
  ids: 'Ids, comma separated',
  noConditions: 'No conditions: all deals are shown.',
  clear: 'Clear',
  savedViews: 'Saved filters',
  noSavedView: '— none —',
  viewName: 'Filter name',
  save: 'Save',
  deleteView: 'Delete filter',
  saved: (name) => `Filter "${name}" saved in this browser`,
  link: 'Filter as text (for a link)',
  builtInLabels: {
    title: 'Title',
    funnelId: 'Funnel',
    stageId: 'Stage',
    stageSemantics: 'Stage group',
    amount: 'Amount',
    currency: 'Currency',
    responsibleId: 'Responsible',
    createdById: 'Created by',
    companyId: 'Company',
    contactIds: 'Contacts',
    createdAt: 'Created',
    modifiedAt: 'Modified',
    closedAt: 'Closed',
    expectedCloseAt: 'Expected close',
    sourceId: 'Source',
    products: 'Products',
  },
};

export const dealFilterStrings: Dictionaries<DealFilterStrings> = { ru, en };
