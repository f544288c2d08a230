export * from './record-open.js';
export * from './drill-down.js';
export * from './filter-change.js';
export * from './open-record.js';
