import type { Activity, ActivityKind, Direction } from '../../model/activities.js';
import { activityTime } from '../../model/activities.js';
import type { Id, Timestamp } from '../../model/common.js';
import type { Deal, Funnel, StageMove } from '../../model/deals.js';
import type { FieldDefinition } from '../../model/fields.js';
import type { Department, Employee } from '../../model/people.js';
import { civilDateOf } from '../../ui/date-presets.js';
import { dealPeriod, findPeriodField, type DealPeriod } from './periods.js';

/**
 * Forgotten deals, by rules a person can read and change.
 *
 * Why not "untouched 14 days = forgotten" (the peer app *Незабудка*): an insurer loads registries
 * of prolongation deals months ahead, each with a planned first call (*отложенный звонок*) on
 * the day work must start. Such a deal is untouched for months and yet nobody forgot it. So:
 *
 * Days are calendar days on the CRM clock (a touch yesterday evening is 1 day ago this morning).
 *
 * 1. **untouched** — open, no touch for N days (default 14; per stage if set) **and nothing
 *    planned ahead** (no open activity due now or later).
 * 2. **overdue** — an open planned activity whose deadline has passed. Severity by calendar
 *    days on the CRM clock: `today` (due earlier today), `days` (1–3 days), `long` (more than 3).
 * 3. **no-activity** — open, created more than a day ago (configurable) and never had any
 *    activity at all, done or planned (severity `never`).
 * 4. **period** — marked for a period (*Период* = April, any date or enumeration field) and still
 *    in its funnel's first stage when the period is running out (its last 5 days, default) or
 *    over. While running out, a call planned before the period ends excuses it (the work is
 *    scheduled in time); a call planned after the period ends does not (it will be too late:
 *    "в мае уже звонить будет поздно"). Once the period is over nothing excuses it.
 *
 * A deal whose planned first call is in the future is therefore never forgotten until that
 * call is overdue (rules 1–3), unless its period runs out first (rule 4).
 *
 * What counts as a touch is explicit and configurable: a stage change (not the creation), a
 * done activity, a comment, an e-mail. A deal with no touch at all counts from its creation.
 */

export const TOUCH_KINDS = ['stage-change', 'done-activity', 'comment', 'email'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export const FORGOTTEN_RULE_IDS = ['untouched', 'overdue', 'no-activity', 'period'] as const;
export type ForgottenRuleId = (typeof FORGOTTEN_RULE_IDS)[number];

export interface ForgottenRules {
  readonly untouched: {
    readonly enabled: boolean;
    /** Days without a touch; default 14. */
    readonly days: number;
    /** Per-stage overrides by stage id; 0 turns the rule off for that stage. */
    readonly byStage: Readonly<Record<Id, number>>;
  };
  readonly overdue: {
    readonly enabled: boolean;
    /** Overdue by more than this many days is `long`; default 3. */
    readonly longAfterDays: number;
  };
  readonly noActivity: {
    readonly enabled: boolean;
    /** A new deal has this many days to get its first activity; default 1. */
    readonly graceDays: number;
  };
  readonly period: {
    readonly enabled: boolean;
    /** Code of the period field; default the deal field labelled "Период"/"Period". */
    readonly fieldCode?: string;
    /** The last days of the period in which a deal still in the first stage is flagged; default 5. */
    readonly warnDays: number;
  };
  /** What counts as a touch; default all four. */
  readonly touchKinds: readonly TouchKind[];
}

export const DEFAULT_FORGOTTEN_RULES: ForgottenRules = {
  untouched: { enabled: true, days: 14, byStage: {} },
  overdue: { enabled: true, longAfterDays: 3 },
  noActivity: { enabled: true, graceDays: 1 },
  period: { enabled: true, warnDays: 5 },
  touchKinds: TOUCH_KINDS,
};

export type OverdueSeverity = 'today' | 'days' | 'long';

export type ForgottenReason =
  | { readonly rule: 'untouched'; readonly since: Timestamp; readonly days: number; readonly thresholdDays: number }
  | {
      readonly rule: 'overdue';
      readonly activityId: Id;
      readonly activityKind: ActivityKind;
      readonly subject: string;
      readonly deadline: Timestamp;
      readonly overdueDays: number;
      readonly severity: OverdueSeverity;
    }
  | { readonly rule: 'no-activity'; readonly createdAt: Timestamp; readonly days: number; readonly severity: 'never' }
  | {
      readonly rule: 'period';
      readonly fieldLabel: string;
      readonly period: DealPeriod;
      readonly state: 'ending' | 'over';
      readonly daysLeft: number;
    };

/** The last touch of a deal: "outgoing call 12.03 by Иванов". */
export interface Touch {
  readonly at: Timestamp;
  /** `stage-change`, an activity kind, or `created` when the deal was never touched. */
  readonly kind: 'stage-change' | 'created' | ActivityKind;
  readonly direction?: Direction;
  readonly byId?: Id;
  readonly subject?: string;
  readonly stageId?: Id;
}

export interface PlannedActivity {
  readonly id: Id;
  readonly kind: ActivityKind;
  readonly subject: string;
  readonly at: Timestamp;
  readonly responsibleId?: Id;
}

export interface ForgottenDeal {
  readonly deal: Deal;
  /** Every rule that fired, most severe first. Never empty. */
  readonly reasons: readonly ForgottenReason[];
  /** 3 = most urgent (long overdue, never any activity, period over), 1 = mildest. */
  readonly level: 1 | 2 | 3;
  readonly lastTouch: Touch;
  readonly nextPlanned?: PlannedActivity;
  readonly stageName: string;
}

export interface ForgottenInput {
  readonly deals: readonly Deal[];
  readonly activities: readonly Activity[];
  readonly stageMoves: readonly StageMove[];
  readonly funnels: readonly Funnel[];
  readonly fieldDefinitions?: readonly FieldDefinition[];
  readonly now: Timestamp;
  /** The CRM's time zone: "today" and the period's month are on its clock. */
  readonly timeZone: string;
  readonly rules?: ForgottenRules;
}

const DAY = 86_400_000;

/** Whole calendar days from `a` to `b` on the CRM clock (positive when `b` is later). */
export function calendarDaysBetween(a: Timestamp, b: Timestamp, timeZone: string): number {
  const x = civilDateOf(a, timeZone);
  const y = civilDateOf(b, timeZone);
  return Math.round((Date.UTC(y.year, y.month - 1, y.day) - Date.UTC(x.year, x.month - 1, x.day)) / DAY);
}

/** When a planned activity is due: its deadline, else its start. */
export function plannedAt(a: Activity): Timestamp | undefined {
  return a.deadline ?? a.startAt;
}

/** The touch an activity makes under the given touch kinds, or undefined when it is none. */
export function activityTouch(a: Activity, kinds: readonly TouchKind[], now: Timestamp): Touch | undefined {
  let at: Timestamp | undefined;
  if (a.kind === 'comment') at = kinds.includes('comment') ? a.createdAt : undefined;
  else if (a.kind === 'email') at = kinds.includes('email') ? activityTime(a) : undefined;
  else if (a.completed && kinds.includes('done-activity')) at = a.completedAt ?? activityTime(a);
  if (at === undefined || at > now) return undefined;
  const byId = a.completedById ?? a.authorId ?? a.responsibleId;
  return { at, kind: a.kind, ...(a.direction ? { direction: a.direction } : {}), ...(byId ? { byId } : {}), subject: a.subject };
}

/** Ids of the first stage (smallest sort) of every funnel. */
export function firstStages(funnels: readonly Funnel[]): Map<Id, Id> {
  const out = new Map<Id, Id>();
  for (const f of funnels) {
    let first: { id: Id; sort: number } | undefined;
    for (const s of f.stages) if (!first || s.sort < first.sort) first = s;
    if (first) out.set(f.id, first.id);
  }
  return out;
}

function groupBy<T>(items: readonly T[], keys: (t: T) => readonly Id[]): Map<Id, T[]> {
  const out = new Map<Id, T[]>();
  for (const it of items) {
    for (const k of keys(it)) {
      const list = out.get(k);
      if (list) list.push(it);
      else out.set(k, [it]);
    }
  }
  return out;
}

const REASON_LEVEL = (r: ForgottenReason): 1 | 2 | 3 => {
  switch (r.rule) {
    case 'overdue':
      return r.severity === 'long' ? 3 : r.severity === 'days' ? 2 : 1;
    case 'no-activity':
      return 3;
    case 'period':
      return r.state === 'over' ? 3 : 2;
    case 'untouched':
      return 1;
  }
};

/**
 * Applies the rules to every open deal and returns the forgotten ones, most urgent first
 * (level, then the oldest last touch). Closed deals are never forgotten.
 */
export function findForgottenDeals(input: ForgottenInput): ForgottenDeal[] {
  const rules = input.rules ?? DEFAULT_FORGOTTEN_RULES;
  const { now, timeZone } = input;
  const activitiesByDeal = groupBy(input.activities, (a) => a.bindings.filter((b) => b.kind === 'deal').map((b) => b.id));
  const movesByDeal = groupBy(input.stageMoves, (m) => [m.dealId]);
  const first = firstStages(input.funnels);
  const stageNames = new Map<Id, string>();
  for (const f of input.funnels) for (const s of f.stages) stageNames.set(s.id, s.name);
  const periodField = rules.period.enabled ? findPeriodField(input.fieldDefinitions ?? [], rules.period.fieldCode) : undefined;
  const periodCode = rules.period.fieldCode ?? periodField?.code;
  const out: ForgottenDeal[] = [];

  for (const deal of input.deals) {
    if (deal.stageSemantics !== 'process') continue;
    const acts = activitiesByDeal.get(deal.id) ?? [];
    // Last touch.
    let last: Touch = { at: deal.createdAt, kind: 'created', ...(deal.createdById ? { byId: deal.createdById } : {}) };
    if (rules.touchKinds.includes('stage-change')) {
      const moves = [...(movesByDeal.get(deal.id) ?? [])].sort((a, b) => a.at - b.at);
      for (const m of moves.slice(1)) {
        if (m.at <= now && m.at > last.at) last = { at: m.at, kind: 'stage-change', stageId: m.stageId, ...(m.byId ? { byId: m.byId } : {}) };
      }
    }
    for (const a of acts) {
      const t = activityTouch(a, rules.touchKinds, now);
      if (t && t.at > last.at) last = t;
    }
    // Planned: open activities with a due time.
    let nextPlanned: PlannedActivity | undefined;
    const overdue: { a: Activity; at: Timestamp }[] = [];
    for (const a of acts) {
      if (a.completed) continue;
      const at = plannedAt(a);
      if (at === undefined) continue;
      if (at >= now) {
        if (!nextPlanned || at < nextPlanned.at) {
          nextPlanned = { id: a.id, kind: a.kind, subject: a.subject, at, ...(a.responsibleId ? { responsibleId: a.responsibleId } : {}) };
        }
      } else overdue.push({ a, at });
    }

    const reasons: ForgottenReason[] = [];
    if (rules.overdue.enabled) {
      for (const { a, at } of overdue.sort((x, y) => x.at - y.at)) {
        const days = calendarDaysBetween(at, now, timeZone);
        const severity: OverdueSeverity = days <= 0 ? 'today' : days > rules.overdue.longAfterDays ? 'long' : 'days';
        reasons.push({ rule: 'overdue', activityId: a.id, activityKind: a.kind, subject: a.subject, deadline: at, overdueDays: Math.max(0, days), severity });
      }
    }
    if (rules.noActivity.enabled && acts.filter((a) => a.kind !== 'comment').length === 0) {
      const days = calendarDaysBetween(deal.createdAt, now, timeZone);
      if (days >= rules.noActivity.graceDays) reasons.push({ rule: 'no-activity', createdAt: deal.createdAt, days, severity: 'never' });
    }
    if (rules.untouched.enabled && !nextPlanned) {
      const threshold = rules.untouched.byStage[deal.stageId] ?? rules.untouched.days;
      const days = calendarDaysBetween(last.at, now, timeZone);
      if (threshold > 0 && days >= threshold) reasons.push({ rule: 'untouched', since: last.at, days, thresholdDays: threshold });
    }
    if (rules.period.enabled && periodCode && deal.stageId === first.get(deal.funnelId)) {
      const period = dealPeriod(deal, periodField, periodCode, timeZone);
      if (period) {
        const daysLeft = calendarDaysBetween(now, period.end, timeZone);
        const over = now >= period.end;
        const ending = !over && daysLeft <= rules.period.warnDays;
        const excused = ending && nextPlanned !== undefined && nextPlanned.at < period.end;
        if ((over || ending) && !excused) {
          reasons.push({ rule: 'period', fieldLabel: periodField?.label ?? periodCode, period, state: over ? 'over' : 'ending', daysLeft: Math.max(0, daysLeft) });
        }
      }
    }
    if (!reasons.length) continue;
    reasons.sort((a, b) => REASON_LEVEL(b) - REASON_LEVEL(a));
    out.push({
      deal,
      reasons,
      level: REASON_LEVEL(reasons[0] as ForgottenReason),
      lastTouch: last,
      ...(nextPlanned ? { nextPlanned } : {}),
      stageName: stageNames.get(deal.stageId) ?? deal.stageId,
    });
  }
  return out.sort(byForgottenUrgency);
}

/**
 * The order of a forgotten-deals list: most severe first, then the longest untouched, then by
 * deal id (a stable order for equal cases). Exported so a sliced computation sorts the same way.
 */
export function byForgottenUrgency(a: ForgottenDeal, b: ForgottenDeal): number {
  return b.level - a.level || a.lastTouch.at - b.lastTouch.at || a.deal.id.localeCompare(b.deal.id);
}

export interface ForgottenGroup {
  /** Employee or department id; `''` for deals without one. */
  readonly key: Id;
  readonly label: string;
  readonly items: readonly ForgottenDeal[];
  /** Count per level, [level1, level2, level3]. */
  readonly byLevel: readonly [number, number, number];
}

/**
 * Groups forgotten deals by responsible manager or by the manager's (first) department,
 * largest group first. `unassigned` labels the group of deals without one.
 */
export function groupForgottenDeals(
  items: readonly ForgottenDeal[],
  by: 'manager' | 'department',
  employees: readonly Employee[],
  departments: readonly Department[],
  unassigned = '—',
): ForgottenGroup[] {
  const emp = new Map(employees.map((e) => [e.id, e]));
  const dep = new Map(departments.map((d) => [d.id, d]));
  const groups = new Map<Id, ForgottenDeal[]>();
  for (const it of items) {
    const rid = it.deal.responsibleId ?? '';
    const key = by === 'manager' ? rid : (emp.get(rid)?.departmentIds[0] ?? '');
    const list = groups.get(key);
    if (list) list.push(it);
    else groups.set(key, [it]);
  }
  return [...groups.entries()]
    .map(([key, list]) => {
      const label = key === '' ? unassigned : by === 'manager' ? (emp.get(key)?.name ?? key) : (dep.get(key)?.name ?? key);
      const byLevel: [number, number, number] = [0, 0, 0];
      for (const it of list) byLevel[it.level - 1]++;
      return { key, label, items: list, byLevel };
    })
    .sort((a, b) => b.items.length - a.items.length || a.label.localeCompare(b.label));
}
