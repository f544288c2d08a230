import { plural, type Dictionaries } from '@crmkit/core';

/** Every text of `<crm-forgotten-deals>`; override any of them through the `strings` property. */
export interface ForgottenDealsStrings {
  readonly title: string;
  readonly summary: (n: number) => string;
  readonly groupBy: string;
  readonly byManager: string;
  readonly byDepartment: string;
  readonly groups: string;
  readonly allGroups: string;
  readonly unassigned: string;
  readonly groupCount: (label: string, n: number) => string;
  readonly copyDigest: string;
  readonly digestCopied: string;
  readonly digestFailed: string;
  readonly digestLabel: (name: string) => string;
  readonly why: string;
  readonly responsible: string;
  readonly stage: string;
  readonly lastTouch: string;
  readonly nextPlanned: string;
  readonly deal: string;
  readonly openDeal: (title: string) => string;
  readonly snooze: string;
  readonly snoozeFor: (title: string) => string;
  readonly snoozeReason: string;
  readonly snoozeDays: string;
  readonly snoozeSave: string;
  readonly snoozeCancel: string;
  readonly snoozedCount: (n: number) => string;
  readonly showSnoozed: string;
  readonly hideSnoozed: string;
  readonly snoozedUntil: (date: string, reason: string) => string;
  readonly unsnooze: string;
  readonly localOnly: string;
  readonly rules: string;
  readonly rulesHint: string;
  readonly ruleNames: Readonly<Record<'untouched' | 'overdue' | 'no-activity' | 'period', string>>;
  readonly ruleHelp: Readonly<Record<'untouched' | 'overdue' | 'no-activity' | 'period', string>>;
  readonly untouchedDays: string;
  readonly perStage: string;
  readonly stageDefault: string;
  readonly longAfterDays: string;
  readonly graceDays: string;
  readonly warnDays: string;
  readonly periodField: string;
  readonly noPeriodField: string;
  readonly touchKinds: string;
  readonly touchKindNames: Readonly<Record<'stage-change' | 'done-activity' | 'comment' | 'email', string>>;
  readonly resetRules: string;
  readonly levels: Readonly<Record<1 | 2 | 3, string>>;
  readonly noneForgotten: string;
  readonly filterActive: (n: number) => string;
  readonly clearFilter: string;
  readonly badView: string;
  readonly showMore: (n: number) => string;
  readonly exportName: string;
}

const ru: ForgottenDealsStrings = {
  title: 'Забытые сделки',
  summary: (n) => plural('ru', n, { one: '{n} забытая сделка', few: '{n} забытые сделки', many: '{n} забытых сделок', other: '{n} забытой сделки' }),
  groupBy: 'Группировать',
  byManager: 'по менеджерам',
  byDepartment: 'по отделам',
  groups: 'Группы',
  allGroups: 'Все',
  unassigned: 'Без ответственного',
  groupCount: (label, n) => `${label}: ${n}`,
  copyDigest: 'Скопировать сводку',
  digestCopied: 'Сводка скопирована',
  digestFailed: 'Не удалось скопировать: выделите текст сводки вручную',
  digestLabel: (name) => `Сводка для ${name}`,
  why: 'Почему',
  responsible: 'Ответственный',
  stage: 'Стадия',
  lastTouch: 'Последнее касание',
  nextPlanned: 'Запланировано',
  deal: 'Сделка',
  openDeal: (title) => `Открыть сделку «${title}»`,
  snooze: 'Отложить',
  snoozeFor: (title) => `Отложить сделку «${title}»`,
  snoozeReason: 'Причина',
  snoozeDays: 'На сколько дней',
  snoozeSave: 'Отложить',
  snoozeCancel: 'Отмена',
  snoozedCount: (n) => plural('ru', n, { one: 'отложена {n}', few: 'отложено {n}', many: 'отложено {n}', other: 'отложено {n}' }),
  showSnoozed: 'Показать отложенные',
  hideSnoozed: 'Скрыть отложенные',
  snoozedUntil: (date, reason) => `Отложена до ${date}${reason ? `: ${reason}` : ''}`,
  unsnooze: 'Вернуть',
  localOnly: 'Отметка хранится только в этом браузере и не меняет сделку в CRM.',
  rules: 'Правила',
  rulesHint: 'Сделка считается забытой, если сработало хотя бы одно включённое правило.',
  ruleNames: {
    untouched: 'Без касаний',
    overdue: 'Просроченное дело',
    'no-activity': 'Ни одного дела',
    period: 'Период на исходе',
  },
  ruleHelp: {
    untouched: 'Открытая сделка без касаний N дней и без запланированных дел впереди. Сделка с будущим звонком не забыта, пока звонок не просрочен.',
    overdue: 'Запланированное дело просрочено: сегодня, на 1–3 дня или дольше.',
    'no-activity': 'У сделки никогда не было ни одного дела.',
    period: 'Сделка с отметкой периода (например, Период = Апрель) всё ещё на первой стадии, когда период заканчивается или закончился.',
  },
  untouchedDays: 'Дней без касаний',
  perStage: 'Порог по стадиям (пусто — общий, 0 — не проверять)',
  stageDefault: 'общий',
  longAfterDays: 'Сильно просрочено, если дольше (дней)',
  graceDays: 'Дней на первое дело',
  warnDays: 'Предупреждать за дней до конца периода',
  periodField: 'Поле периода',
  noPeriodField: 'не найдено',
  touchKinds: 'Что считается касанием',
  touchKindNames: { 'stage-change': 'смена стадии', 'done-activity': 'выполненное дело', comment: 'комментарий', email: 'письмо' },
  resetRules: 'Правила по умолчанию',
  levels: { 1: 'внимание', 2: 'важно', 3: 'срочно' },
  noneForgotten: 'Забытых сделок нет.',
  filterActive: (n) => plural('ru', n, { one: 'Фильтр: {n} условие', few: 'Фильтр: {n} условия', many: 'Фильтр: {n} условий', other: 'Фильтр: {n} условия' }),
  clearFilter: 'Сбросить фильтр',
  badView: 'Фильтр в адресе повреждён и не применён.',
  showMore: (n) => `Показать ещё ${n}`,
  exportName: 'Забытые сделки',
};

const en: ForgottenDealsStrings = {
  title: 'Forgotten deals',
  summary: (n) => plural('en', n, { one: '{n} forgotten deal', other: '{n} forgotten deals' }),
  groupBy: 'Group',
  byManager: 'by manager',
  byDepartment: 'by department',
  groups: 'Groups',
  allGroups: 'All',
  unassigned: 'No responsible',
  groupCount: (label, n) => `${label}: ${n}`,
  copyDigest: 'Copy digest',
  digestCopied: 'Digest copied',
  digestFailed: 'Could not copy: select the digest text by hand',
  digestLabel: (name) => `Digest for ${name}`,
  why: 'Why',
  responsible: 'Responsible',
  stage: 'Stage',
  lastTouch: 'Last touch',
  nextPlanned: 'Planned',
  deal: 'Deal',
  openDeal: (title) => `Open deal "${title}"`,
  snooze: 'Snooze',
  snoozeFor: (title) => `Snooze deal "${title}"`,
  snoozeReason: 'Reason',
  snoozeDays: 'For how many days',
  snoozeSave: 'Snooze',
  snoozeCancel: 'Cancel',
  snoozedCount: (n) => `${n} snoozed`,
  showSnoozed: 'Show snoozed',
  hideSnoozed: 'Hide snoozed',
  snoozedUntil: (date, reason) => `Snoozed until ${date}${reason ? `: ${reason}` : ''}`,
  unsnooze: 'Restore',
  localOnly: 'Kept in this browser only; the deal in the CRM is not changed.',
  rules: 'Rules',
  rulesHint: 'A deal is forgotten when at least one enabled rule fires.',
  ruleNames: { untouched: 'Untouched', overdue: 'Overdue activity', 'no-activity': 'Never any activity', period: 'Period running out' },
  ruleHelp: {
    untouched: 'Open, untouched for N days and nothing planned ahead. A deal with a future call is not forgotten until that call is overdue.',
    overdue: 'A planned activity is overdue: today, by 1–3 days or longer.',
    'no-activity': 'The deal never had any activity.',
    period: 'Marked for a period (e.g. Period = April) and still in the first stage when the period is running out or over.',
  },
  untouchedDays: 'Days without a touch',
  perStage: 'Per-stage threshold (empty: default, 0: skip)',
  stageDefault: 'default',
  longAfterDays: 'Long overdue after (days)',
  graceDays: 'Days to the first activity',
  warnDays: 'Warn this many days before the period ends',
  periodField: 'Period field',
  noPeriodField: 'not found',
  touchKinds: 'What counts as a touch',
  touchKindNames: { 'stage-change': 'stage change', 'done-activity': 'done activity', comment: 'comment', email: 'e-mail' },
  resetRules: 'Default rules',
  levels: { 1: 'attention', 2: 'important', 3: 'urgent' },
  noneForgotten: 'No forgotten deals.',
  filterActive: (n) => plural('en', n, { one: 'Filter: {n} condition', other: 'Filter: {n} conditions' }),
  clearFilter: 'Clear filter',
  badView: 'The filter in the address is damaged and was not applied.',
  showMore: (n) => `Show ${n} more`,
  exportName: 'Forgotten deals',
};

export const forgottenDealsStrings: Dictionaries<ForgottenDealsStrings> = { ru, en };
