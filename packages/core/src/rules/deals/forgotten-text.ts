import type { ActivityKind } from '../../model/activities.js';
import type { Id } from '../../model/common.js';
import { formatDate } from '../../i18n/format.js';
import type { Language } from '../../i18n/languages.js';
import { plural } from '../../i18n/plural.js';
import type { ForgottenDeal, ForgottenReason, PlannedActivity, Touch } from './forgotten.js';

/**
 * Plain-text wording of forgotten-deal reasons, last touches and the per-manager digest, in
 * Russian and English. Plain text (not HTML) because the digest is copied into a messenger or an
 * e-mail; the widget renders the same strings through Lit bindings.
 */

const KIND: Record<Language, Record<ActivityKind | 'stage-change' | 'created', string>> = {
  ru: {
    call: 'звонок',
    email: 'письмо',
    messenger: 'сообщение',
    'open-line': 'диалог',
    meeting: 'встреча',
    task: 'задача',
    todo: 'дело',
    comment: 'комментарий',
    document: 'документ',
    'stage-change': 'смена стадии',
    created: 'создание сделки',
  },
  en: {
    call: 'call',
    email: 'e-mail',
    messenger: 'message',
    'open-line': 'dialog',
    meeting: 'meeting',
    task: 'task',
    todo: 'to-do',
    comment: 'comment',
    document: 'document',
    'stage-change': 'stage change',
    created: 'deal created',
  },
};

/** Russian past participles agree with the noun: звонок просрочен, встреча просрочена, дело просрочено. */
const RU_ENDING: Record<ActivityKind, string> = {
  call: '',
  email: 'о',
  messenger: 'о',
  'open-line': '',
  meeting: 'а',
  task: 'а',
  todo: 'о',
  comment: '',
  document: '',
};

const DAYS = {
  ru: { one: '{n} день', few: '{n} дня', many: '{n} дней', other: '{n} дня' },
  en: { one: '{n} day', other: '{n} days' },
};

export interface TextContext {
  readonly lang: Language;
  readonly timeZone: string;
  /** Employee names by id, for "by Иванов". */
  readonly names?: ReadonlyMap<Id, string>;
}

const d = (ctx: TextContext, at: number) => formatDate(ctx.lang, at, ctx.timeZone);

/** "исходящий звонок 12.03.2025, Иванов Иван" / "outgoing call 12/03/2025 by Ivan Ivanov". */
export function describeTouch(t: Touch, ctx: TextContext): string {
  const ru = ctx.lang === 'ru';
  const dir = t.direction ? (ru ? (t.direction === 'outgoing' ? 'исходящий ' : 'входящий ') : `${t.direction} `) : '';
  const kind = KIND[ctx.lang][t.kind];
  const dirKind = dir && ru && (t.kind === 'email' || t.kind === 'messenger') ? (t.direction === 'outgoing' ? 'исходящее ' : 'входящее ') : dir;
  const who = t.byId ? ctx.names?.get(t.byId) ?? '' : '';
  return `${dirKind}${kind} ${d(ctx, t.at)}${who ? (ru ? `, ${who}` : ` by ${who}`) : ''}`;
}

export function describePlanned(p: PlannedActivity | undefined, ctx: TextContext): string {
  if (!p) return ctx.lang === 'ru' ? 'ничего не запланировано' : 'nothing planned';
  return `${KIND[ctx.lang][p.kind]} ${d(ctx, p.at)}${p.subject ? ` «${p.subject}»` : ''}`;
}

/** Why a deal is forgotten, with the dates: "звонок просрочен на 1 день (срок 14.04.2025)". */
export function describeReason(r: ForgottenReason, ctx: TextContext): string {
  const ru = ctx.lang === 'ru';
  const days = (n: number) => plural(ctx.lang, n, DAYS[ctx.lang]);
  switch (r.rule) {
    case 'untouched':
      return ru
        ? `не было касаний ${days(r.days)} (с ${d(ctx, r.since)}; порог ${r.thresholdDays}), ничего не запланировано`
        : `untouched for ${days(r.days)} (since ${d(ctx, r.since)}; threshold ${r.thresholdDays}), nothing planned`;
    case 'overdue': {
      const kind = KIND[ctx.lang][r.activityKind];
      const overdue = `просрочен${RU_ENDING[r.activityKind]}`;
      if (r.severity === 'today') return ru ? `${kind} ${overdue} сегодня (срок ${d(ctx, r.deadline)})` : `${kind} overdue today (due ${d(ctx, r.deadline)})`;
      return ru ? `${kind} ${overdue} на ${days(r.overdueDays)} (срок ${d(ctx, r.deadline)})` : `${kind} overdue by ${days(r.overdueDays)} (due ${d(ctx, r.deadline)})`;
    }
    case 'no-activity':
      return ru ? `ни одного дела за ${days(r.days)} с создания (${d(ctx, r.createdAt)})` : `never any activity in ${days(r.days)} since created (${d(ctx, r.createdAt)})`;
    case 'period': {
      const end = d(ctx, r.period.end - 1);
      if (r.state === 'over') return ru ? `${r.fieldLabel} «${r.period.label}» закончился ${end}, сделка всё ещё на первой стадии` : `${r.fieldLabel} "${r.period.label}" ended ${end}, deal still in the first stage`;
      return ru
        ? `${r.fieldLabel} «${r.period.label}» заканчивается ${end} (осталось ${days(r.daysLeft)}), сделка всё ещё на первой стадии`
        : `${r.fieldLabel} "${r.period.label}" ends ${end} (${days(r.daysLeft)} left), deal still in the first stage`;
    }
  }
}

/**
 * The copyable digest for one manager: a header with the count, then one line per deal with
 * why, last touch and next planned activity. Snoozed deals should be removed by the caller.
 */
export function forgottenDigest(managerName: string, items: readonly ForgottenDeal[], ctx: TextContext): string {
  const ru = ctx.lang === 'ru';
  const count = plural(ctx.lang, items.length, ru ? { one: '{n} забытая сделка', few: '{n} забытые сделки', many: '{n} забытых сделок', other: '{n} забытой сделки' } : { one: '{n} forgotten deal', other: '{n} forgotten deals' });
  const lines = items.map((it) => {
    const why = it.reasons.map((r) => describeReason(r, ctx)).join('; ');
    const touch = describeTouch(it.lastTouch, ctx);
    const next = describePlanned(it.nextPlanned, ctx);
    return ru
      ? `• ${it.deal.title} [${it.stageName}]: ${why}. Последнее касание: ${touch}. Дальше: ${next}.`
      : `• ${it.deal.title} [${it.stageName}]: ${why}. Last touch: ${touch}. Next: ${next}.`;
  });
  return [`${managerName}: ${count}`, ...lines].join('\n');
}
