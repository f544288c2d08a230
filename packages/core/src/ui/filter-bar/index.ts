export * from './filter-model.js';
export * from './filter-bar.js';
