import { registerWorkerTask } from '../../worker/registry.js';
import { findForgottenDeals, type ForgottenDeal, type ForgottenInput } from './forgotten.js';
import { pivotRegistry, type PivotOptions, type PivotResult, type RegistryTable } from './pivot.js';

/**
 * The deal analytics that may run off the main thread. Both are pure functions of plain data
 * (typed arrays and records), so the worker and the main thread give the same result.
 */

export interface RegistryPivotInput {
  readonly table: RegistryTable;
  readonly levels: readonly number[];
  readonly options?: PivotOptions;
}

/** The registry pivot over an encoded table (`buildRegistryTable`). */
export const registryPivotTask = registerWorkerTask<RegistryPivotInput, PivotResult>('deals.registryPivot', (input) =>
  pivotRegistry(input.table, input.levels, input.options),
);

/** Forgotten-deal rules over deals, activities and stage moves. */
export const forgottenDealsTask = registerWorkerTask<ForgottenInput, ForgottenDeal[]>('deals.forgotten', (input) => findForgottenDeals(input));
