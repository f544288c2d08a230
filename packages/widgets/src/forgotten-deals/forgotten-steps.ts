import { byForgottenUrgency, dealFilterFields, findForgottenDeals, matchesConditions, runStepsSliced } from '@crmkit/core';
import type { Activity, Deal, FieldCondition, ForgottenDeal, ForgottenRules, Id, StageMove, Timestamp } from '@crmkit/core';
import type { ForgottenData } from './forgotten-data.js';

/**
 * The forgotten-deal rules over the loaded data, in small steps so the page never freezes.
 *
 * `findForgottenDeals` judges every deal on its own (its activities, its stage moves, the
 * funnels), so it is run on batches of deals, each with only the activities and moves bound to
 * them, in their original order; the batches' results are then ordered as `findForgottenDeals`
 * orders them (most urgent first, the oldest last touch, the deal id). The result is the same
 * list, with the same deal objects, as one call over everything.
 *
 * Why not the compute worker (`deals.forgotten`): its input is every activity bound to a deal
 * (≈ 50,000 on the default mock portal) and copying it to a worker (structured clone, on the
 * main thread) costs several times more than the rules themselves; most of those activities
 * belong to closed deals, which the batches here never look at.
 */

export interface ForgottenArgs {
  readonly data: ForgottenData;
  readonly rules: ForgottenRules;
  readonly now: Timestamp;
  readonly conditions: readonly FieldCondition[];
}

/** Deals per batch: a batch with its activities is well under a slice of work. */
const BATCH = 25;
/** Records looked at between two yields in the indexing passes. */
const STRIDE = 500;

/** Indices of the records bound to each wanted deal, ascending (the records' order is kept). */
function indexByDeal<T>(records: readonly T[], dealsOf: (r: T) => readonly Id[], wanted: ReadonlySet<Id>, out: Map<Id, number[]>): Generator<void, void, void> {
  return (function* () {
    for (let i = 0; i < records.length; i++) {
      for (const id of dealsOf(records[i] as T)) {
        if (!wanted.has(id)) continue;
        const list = out.get(id);
        if (!list) out.set(id, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
      if (i % STRIDE === STRIDE - 1) yield;
    }
  })();
}

/** Records of a batch of deals, each once, in their original order. */
function gather<T>(records: readonly T[], index: ReadonlyMap<Id, number[]>, deals: readonly Deal[]): T[] {
  const at: number[] = [];
  for (const d of deals) {
    const list = index.get(d.id);
    if (list) for (const i of list) at.push(i);
  }
  at.sort((a, b) => a - b);
  const out: T[] = [];
  for (let k = 0; k < at.length; k++) if (k === 0 || at[k] !== at[k - 1]) out.push(records[at[k] as number] as T);
  return out;
}

const dealBindings = (a: Activity): Id[] => {
  const out: Id[] = [];
  for (const b of a.bindings) if (b.kind === 'deal') out.push(b.id);
  return out;
};
const moveDeal = (m: StageMove): readonly Id[] => [m.dealId];

/** The steps: filter, index, judge batch by batch, order. Run with `runStepsSliced` (or `runSteps`). */
export function* forgottenSteps(args: ForgottenArgs): Generator<void, ForgottenDeal[], void> {
  const { data: d, rules, now, conditions } = args;
  let deals: readonly Deal[] = d.deals;
  if (conditions.length) {
    const fields = dealFilterFields({ fieldDefinitions: d.fieldDefinitions, funnels: d.funnels, employees: d.employees });
    const kept: Deal[] = [];
    for (let i = 0; i < d.deals.length; i++) {
      const deal = d.deals[i] as Deal;
      if (matchesConditions(deal, conditions, { fields, now, timeZone: d.timeZone })) kept.push(deal);
      if (i % 100 === 99) yield;
    }
    deals = kept;
  }
  // Only open deals can be forgotten: the others' activities are never read.
  const open = deals.filter((deal) => deal.stageSemantics === 'process');
  const wanted = new Set(open.map((deal) => deal.id));
  const activitiesOf = new Map<Id, number[]>();
  yield* indexByDeal(d.activities, dealBindings, wanted, activitiesOf);
  const movesOf = new Map<Id, number[]>();
  yield* indexByDeal(d.stageMoves, moveDeal, wanted, movesOf);

  const found: ForgottenDeal[] = [];
  for (let i = 0; i < open.length; i += BATCH) {
    const batch = open.slice(i, i + BATCH);
    const part = findForgottenDeals({
      deals: batch,
      activities: gather(d.activities, activitiesOf, batch),
      stageMoves: gather(d.stageMoves, movesOf, batch),
      funnels: d.funnels,
      fieldDefinitions: d.fieldDefinitions,
      rules,
      now,
      timeZone: d.timeZone,
    });
    for (const f of part) found.push(f);
    yield;
  }
  return found.sort(byForgottenUrgency);
}

/** {@link forgottenSteps} in slices of a few milliseconds, giving the page back between them. */
export function findForgottenSliced(args: ForgottenArgs, signal: AbortSignal): Promise<ForgottenDeal[]> {
  return runStepsSliced(forgottenSteps(args), { signal });
}
