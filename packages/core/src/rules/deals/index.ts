export * from './periods.js';
export * from './forgotten.js';
export * from './forgotten-text.js';
export * from './kinds.js';
export * from './pivot.js';
export * from './registry.js';
