export * from './test-adapter.js';
export * from './token-check.js';
export * from './data-widget-suite.js';
export * from './fixtures.js';
