import type { Activity, DataAdapter, Deal, Department, Employee, FieldDefinition, Funnel, LoadContext, StageMove } from '@crmkit/core';

/** Everything the forgotten-deal rules read, loaded once; rules and filters then run locally. */
export interface ForgottenData {
  readonly deals: readonly Deal[];
  readonly activities: readonly Activity[];
  readonly stageMoves: readonly StageMove[];
  readonly funnels: readonly Funnel[];
  readonly fieldDefinitions: readonly FieldDefinition[];
  readonly employees: readonly Employee[];
  readonly departments: readonly Department[];
  readonly origin: string;
  readonly userId: string;
  readonly timeZone: string;
}

async function optional<T>(adapter: DataAdapter, run: () => Promise<readonly T[]>, entity: string, ctx: LoadContext): Promise<readonly T[]> {
  const caps = await adapter.capabilities({ signal: ctx.signal });
  if (!caps.entities[entity as keyof typeof caps.entities]?.read) return [];
  return run();
}

/**
 * Loads open deals (only they can be forgotten), the activities and stage moves that say when
 * they were last touched and what is planned, and the dictionaries. Fields read: deal id, title,
 * funnel, stage, responsible, created, custom fields (for the period and filters), URL; activity
 * kind, direction, subject, dates, completion, responsible/author, bindings.
 */
export async function loadForgottenData(ctx: LoadContext): Promise<ForgottenData> {
  const { adapter, signal } = ctx;
  const opts = { signal, onProgress: (p: Parameters<LoadContext['progress']>[0]) => ctx.progress(p) };
  const identity = await adapter.identity({ signal });
  signal.throwIfAborted();
  const deals = await adapter.list('deal', { filter: [{ field: 'stageSemantics', op: 'eq', value: 'process' }] }, opts);
  signal.throwIfAborted();
  const activities = await adapter.list('activity', {}, opts);
  signal.throwIfAborted();
  const [stageMoves, funnels, fieldDefinitions, employees, departments] = await Promise.all([
    optional(adapter, async () => (await adapter.list('stageMove', {}, { signal })).items, 'stageMove', ctx),
    adapter.list('funnel', {}, { signal }).then((r) => r.items),
    optional(adapter, async () => (await adapter.list('fieldDefinition', { filter: [{ field: 'owner', op: 'eq', value: 'deal' }] }, { signal })).items, 'fieldDefinition', ctx),
    optional(adapter, async () => (await adapter.list('employee', {}, { signal })).items, 'employee', ctx),
    optional(adapter, async () => (await adapter.list('department', {}, { signal })).items, 'department', ctx),
  ]);
  signal.throwIfAborted();
  return {
    deals: deals.items,
    activities: activities.items.filter((a) => a.bindings.some((b) => b.kind === 'deal')),
    stageMoves,
    funnels,
    fieldDefinitions,
    employees,
    departments,
    origin: identity.origin,
    userId: identity.userId,
    timeZone: identity.timeZone,
  };
}
