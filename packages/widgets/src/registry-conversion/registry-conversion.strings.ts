import { plural, type Dictionaries } from '@crmkit/core';

/** Every text of `<crm-registry-conversion>`; override any of them through the `strings` property. */
export interface RegistryConversionStrings {
  readonly title: string;
  readonly grouping: string;
  readonly level: (n: number) => string;
  readonly none: string;
  readonly periodField: string;
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly presets: Readonly<Record<'thisMonth' | 'lastMonth' | 'next3Months' | 'thisQuarter' | 'thisYear' | 'all' | 'custom', string>>;
  readonly group: string;
  readonly total: string;
  readonly loaded: string;
  readonly coverage: string;
  readonly coverageHint: (norm: string, goal: string) => string;
  readonly pace: (pace: string) => string;
  readonly stillNew: string;
  readonly inWork: string;
  readonly won: string;
  readonly lost: string;
  readonly convCreated: string;
  readonly convOverall: string;
  readonly wonSum: string;
  readonly newSales: string;
  readonly crossSales: string;
  readonly prolongations: string;
  readonly disagreements: string;
  readonly disagreementsHint: string;
  readonly ltv: string;
  readonly newLtv: string;
  readonly clients: string;
  readonly products: string;
  readonly productCell: (name: string, count: number, sum: string) => string;
  readonly belowNorm: string;
  readonly of: (num: string, den: string) => string;
  readonly drillTitle: (column: string, group: string, n: number) => string;
  readonly drillCell: (column: string, group: string, value: string) => string;
  readonly closeDrill: string;
  readonly openDeal: (title: string) => string;
  readonly showChart: string;
  readonly hideChart: string;
  readonly chartTitle: string;
  readonly chartFailed: string;
  readonly noDeals: string;
  readonly kinds: Readonly<Record<'new' | 'cross-sale' | 'prolongation', string>>;
  readonly dimensions: Readonly<Record<'kind' | 'responsibleId' | 'department' | 'product' | 'funnelId' | 'stageId' | 'sourceId', string>>;
  readonly dateFields: Readonly<Record<'createdAt' | 'closedAt' | 'expectedCloseAt' | 'modifiedAt', string>>;
  readonly notSet: string;
  readonly yes: string;
  readonly no: string;
  readonly filterActive: (n: number) => string;
  readonly clearFilter: string;
  readonly badView: string;
  readonly exportName: string;
  readonly numerator: (name: string) => string;
  readonly denominator: (name: string) => string;
  readonly deals: (n: number) => string;
}

const ru: RegistryConversionStrings = {
  title: 'Конверсия реестров',
  grouping: 'Группировка',
  level: (n) => `Уровень ${n}`,
  none: '—',
  periodField: 'Период по полю',
  period: 'Период',
  from: 'С',
  to: 'По',
  presets: { thisMonth: 'Этот месяц', lastMonth: 'Прошлый месяц', next3Months: 'Следующие 3 месяца', thisQuarter: 'Этот квартал', thisYear: 'Этот год', all: 'Всё время', custom: 'Свой период' },
  group: 'Группа',
  total: 'Итого',
  loaded: 'Загружено',
  coverage: 'Охват первым звонком',
  coverageHint: (norm, goal) => `Доля сделок, ушедших с первой стадии. Норма ${norm}, цель ${goal}.`,
  pace: (pace) => `Темп на сегодня: ${pace}`,
  stillNew: 'На первой стадии',
  inWork: 'В работе',
  won: 'Продано',
  lost: 'Отказ',
  convCreated: 'Конверсия созданных в периоде',
  convOverall: 'Общая конверсия',
  wonSum: 'Сумма продаж',
  newSales: 'Новые',
  crossSales: 'Кросс-продажи',
  prolongations: 'Пролонгации',
  disagreements: 'Расхождения',
  disagreementsHint: 'Тип реестра в сделке не совпадает с историей продуктов клиента',
  ltv: 'LTV на клиента',
  newLtv: 'LTV новых продуктов',
  clients: 'Клиентов',
  products: 'Продано по продуктам',
  productCell: (name, count, sum) => `${name}: ${count} на ${sum}`,
  belowNorm: 'ниже нормы',
  of: (num, den) => `${num} из ${den}`,
  drillTitle: (column, group, n) => `${column} — ${group}: ${plural('ru', n, { one: '{n} сделка', few: '{n} сделки', many: '{n} сделок', other: '{n} сделки' })}`,
  drillCell: (column, group, value) => `${column}, ${group}: ${value}. Показать сделки`,
  closeDrill: 'Закрыть список',
  openDeal: (title) => `Открыть сделку «${title}»`,
  showChart: 'Показать график',
  hideChart: 'Скрыть график',
  chartTitle: 'Охват и конверсия по продавцам',
  chartFailed: 'График не загрузился.',
  noDeals: 'В выбранном периоде нет сделок.',
  kinds: { new: 'Новый бизнес', 'cross-sale': 'Кросс-продажа', prolongation: 'Пролонгация' },
  dimensions: { kind: 'Вид продажи', responsibleId: 'Продавец', department: 'Отдел', product: 'Продукт', funnelId: 'Воронка', stageId: 'Стадия', sourceId: 'Источник' },
  dateFields: { createdAt: 'Дата создания', closedAt: 'Дата закрытия', expectedCloseAt: 'Плановая дата закрытия', modifiedAt: 'Дата изменения' },
  notSet: '(не указано)',
  yes: 'да',
  no: 'нет',
  filterActive: (n) => plural('ru', n, { one: 'Фильтр: {n} условие', few: 'Фильтр: {n} условия', many: 'Фильтр: {n} условий', other: 'Фильтр: {n} условия' }),
  clearFilter: 'Сбросить фильтр',
  badView: 'Фильтр в адресе повреждён и не применён.',
  exportName: 'Конверсия реестров',
  numerator: (name) => `${name}: числитель`,
  denominator: (name) => `${name}: знаменатель`,
  deals: (n) => plural('ru', n, { one: '{n} сделка', few: '{n} сделки', many: '{n} сделок', other: '{n} сделки' }),
};

const en: RegistryConversionStrings = {
  title: 'Registry conversion',
  grouping: 'Grouping',
  level: (n) => `Level ${n}`,
  none: '—',
  periodField: 'Period by field',
  period: 'Period',
  from: 'From',
  to: 'To',
  presets: { thisMonth: 'This month', lastMonth: 'Last month', next3Months: 'Next 3 months', thisQuarter: 'This quarter', thisYear: 'This year', all: 'All time', custom: 'Custom' },
  group: 'Group',
  total: 'Total',
  loaded: 'Loaded',
  coverage: 'First-call coverage',
  coverageHint: (norm, goal) => `Share of deals that left the first stage. Norm ${norm}, goal ${goal}.`,
  pace: (pace) => `Pace for today: ${pace}`,
  stillNew: 'In first stage',
  inWork: 'In work',
  won: 'Won',
  lost: 'Lost',
  convCreated: 'Conversion, created in period',
  convOverall: 'Overall conversion',
  wonSum: 'Sales sum',
  newSales: 'New',
  crossSales: 'Cross-sales',
  prolongations: 'Prolongations',
  disagreements: 'Disagreements',
  disagreementsHint: 'The registry type of the deal disagrees with the client\'s product history',
  ltv: 'LTV per client',
  newLtv: 'New-product LTV',
  clients: 'Clients',
  products: 'Sold by product',
  productCell: (name, count, sum) => `${name}: ${count} for ${sum}`,
  belowNorm: 'below norm',
  of: (num, den) => `${num} of ${den}`,
  drillTitle: (column, group, n) => `${column} — ${group}: ${plural('en', n, { one: '{n} deal', other: '{n} deals' })}`,
  drillCell: (column, group, value) => `${column}, ${group}: ${value}. Show deals`,
  closeDrill: 'Close list',
  openDeal: (title) => `Open deal "${title}"`,
  showChart: 'Show chart',
  hideChart: 'Hide chart',
  chartTitle: 'Coverage and conversion by seller',
  chartFailed: 'The chart did not load.',
  noDeals: 'No deals in the chosen period.',
  kinds: { new: 'New business', 'cross-sale': 'Cross-sale', prolongation: 'Prolongation' },
  dimensions: { kind: 'Sale kind', responsibleId: 'Seller', department: 'Department', product: 'Product', funnelId: 'Funnel', stageId: 'Stage', sourceId: 'Source' },
  dateFields: { createdAt: 'Created', closedAt: 'Closed', expectedCloseAt: 'Expected close', modifiedAt: 'Modified' },
  notSet: '(not set)',
  yes: 'yes',
  no: 'no',
  filterActive: (n) => plural('en', n, { one: 'Filter: {n} condition', other: 'Filter: {n} conditions' }),
  clearFilter: 'Clear filter',
  badView: 'The filter in the address is damaged and was not applied.',
  exportName: 'Registry conversion',
  numerator: (name) => `${name}: numerator`,
  denominator: (name) => `${name}: denominator`,
  deals: (n) => plural('en', n, { one: '{n} deal', other: '{n} deals' }),
};

export const registryConversionStrings: Dictionaries<RegistryConversionStrings> = { ru, en };
