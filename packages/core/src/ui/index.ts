export * from './state-views.js';
export * from './date-presets.js';
export * from './data-table/index.js';
export * from './filter-bar/index.js';
export * from './employee/index.js';
export * from './progress-bar/index.js';
