export * from './record-open.js';
export * from './drill-down.js';
export * from './filter-change.js';
export * from './open-record.js';
export * from './row-activate.js';
export * from './load-cancel.js';
