/*
 * What the forgotten-deals list computes once its data is there, imported together with the data
 * so that none of it counts against the widget's size before first render (the size budget).
 */
export {
  dealFilterFields,
  describePlanned,
  describeReason,
  describeTouch,
  findForgottenDeals,
  findPeriodField,
  forgottenDigest,
  groupForgottenDeals,
  matchesConditions,
  optionLabel,
  findField,
  toCsv,
} from '@crmkit/core';
export { findForgottenSliced, forgottenSteps } from './forgotten-steps.js';
