export * from './activity-counters.js';
export * from './activity-counters.strings.js';
