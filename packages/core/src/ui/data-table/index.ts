export * from './columns.js';
export * from './data-table.js';
