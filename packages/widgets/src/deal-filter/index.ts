export * from './deal-filter.js';
export * from './deal-filter.strings.js';
export * from '../events/deal-filter.js';
