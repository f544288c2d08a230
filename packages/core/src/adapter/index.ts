export * from './query.js';
export * from './capabilities.js';
export * from './errors.js';
export * from './data-adapter.js';
export * from './match.js';
export * from './guid.js';
