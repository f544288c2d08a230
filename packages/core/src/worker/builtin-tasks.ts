import { registerWorkerTask, withTransfer, workerTaskNames } from './registry.js';

/** Input of {@link groupSumTask}: a dictionary-coded key column and a value column, as the cache stores them. */
export interface GroupSumInput {
  /** Group code per row, `0 … groups-1` (a cache `dict` column's codes). */
  readonly keys: Uint32Array;
  /** Value per row (a cache `f64` column); NaN rows count but add nothing. */
  readonly values: Float64Array;
  readonly groups: number;
}
export interface GroupSumOutput {
  readonly sums: Float64Array;
  readonly counts: Uint32Array;
}

/**
 * Sum and count of values per group, the kernel of pivots (amount by stage, by manager…),
 * over typed-array columns. Rejects mismatched lengths and codes outside `groups` with a
 * RangeError. A generator, so on the main thread it runs in slices.
 */
export const groupSumTask = registerWorkerTask<GroupSumInput, GroupSumOutput>('core.groupSum', function* groupSum(input) {
  const { keys, values, groups } = input;
  if (keys.length !== values.length) throw new RangeError(`groupSum: ${keys.length} keys but ${values.length} values`);
  if (!Number.isInteger(groups) || groups < 0) throw new RangeError(`groupSum: bad group count ${groups}`);
  const sums = new Float64Array(groups);
  const counts = new Uint32Array(groups);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k >= groups) throw new RangeError(`groupSum: row ${i} has group ${k}, expected < ${groups}`);
    counts[k]++;
    const v = values[i];
    if (v === v) sums[k] += v;
    if ((i & 0xffff) === 0xffff) yield;
  }
  return withTransfer({ sums, counts }, [sums.buffer, counts.buffer]);
});

/** Where tasks run and which are known there: a health check for the worker setup. */
export const pingTask = registerWorkerTask<null, { where: 'worker' | 'main'; tasks: string[] }>('core.ping', () => ({
  where: typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined' && typeof document === 'undefined' ? 'worker' : 'main',
  tasks: workerTaskNames(),
}));
