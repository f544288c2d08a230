/** Client rules (seed 001): clients, classification, forgotten clients, timeline, counters, control. */
export * from './days.js';
export * from './slices.js';
export * from './clients.js';
export * from './classification.js';
export * from './dialog-candidates.js';
export * from './request-candidates.js';
export * from './forgotten.js';
export * from './related.js';
export * from './timeline.js';
export * from './counters.js';
export * from './control.js';
export * from './tasks.js';
