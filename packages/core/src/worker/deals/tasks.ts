import type { Id } from '../../model/common.js';
import { pivotRegistry, type PivotResult, type RegistryTable } from '../../rules/deals/pivot.js';
import { buildRegistryTable, type RegistryInput } from '../../rules/deals/registry.js';
import { registerWorkerTask } from '../registry.js';

/**
 * The whole registry-conversion computation as one worker task: encoding the period's deals
 * (`buildRegistryTable`: deal kinds and client LTV over every deal, the period test per deal,
 * the dictionary columns) and the two pivots the widget shows. Encoding is the heavy part (the
 * period test reads a month per deal on the CRM clock), the pivots over the encoded table take
 * a few milliseconds, so running only `deals.registryPivot` in a worker would leave the cost on
 * the page.
 *
 * A field filter cannot travel as a function: the caller applies it (in slices, on the page)
 * and sends the ids of the deals that pass. The worker bundle then stays free of the
 * field-filter code.
 */
export interface RegistryComputeInput extends Omit<RegistryInput, 'include'> {
  /** Ids of the deals a field filter keeps; absent = every deal (same as `RegistryInput.include`). */
  readonly includeIds?: readonly Id[];
  /** Pivot levels: indices into `dimensions`. */
  readonly levels: readonly number[];
  /** Further pivots of the same table (e.g. by seller alone), each a list of dimension indices. */
  readonly extraPivots?: readonly (readonly number[])[];
}

export interface RegistryComputeOutput {
  readonly table: RegistryTable;
  readonly pivot: PivotResult;
  readonly extra: readonly PivotResult[];
}

/** Builds the registry table and its pivots; the same function runs on the main thread when no worker is available. */
export function computeRegistry(input: RegistryComputeInput): RegistryComputeOutput {
  const { includeIds, levels, extraPivots, ...rest } = input;
  const kept = includeIds ? new Set(includeIds) : undefined;
  const include = kept ? (deal: RegistryInput['deals'][number]) => kept.has(deal.id) : undefined;
  const table = buildRegistryTable({ ...rest, ...(include ? { include } : {}) });
  return { table, pivot: pivotRegistry(table, levels), extra: (extraPivots ?? []).map((l) => pivotRegistry(table, l)) };
}

/** {@link computeRegistry} off the main thread. */
export const registryComputeTask = registerWorkerTask<RegistryComputeInput, RegistryComputeOutput>('deals.registryCompute', (input) => computeRegistry(input));
