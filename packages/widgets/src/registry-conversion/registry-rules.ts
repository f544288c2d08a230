/*
 * What the registry computes once its data is there, imported together with the data so that
 * none of it counts against the widget's size before first render (the size budget).
 */
export {
  COVERAGE_GOAL,
  COVERAGE_NORM,
  buildRegistryTable,
  conversionCreated,
  conversionOverall,
  coverage,
  coveragePace,
  dealFilterFields,
  findField,
  findKindField,
  findPeriodField,
  ltvPerClient,
  matchesConditions,
  optionLabel,
  pivotRegistry,
  registryCellDeals,
  registryDimensions,
  registryPeriodFields,
  toCsv,
} from '@crmkit/core';
// The pivot runs in the compute worker (or sliced on the main thread without one).
export { runInWorker, runStepsSliced } from '@crmkit/core';
export { registryComputeTask } from '@crmkit/core/worker/deals/tasks.js';
