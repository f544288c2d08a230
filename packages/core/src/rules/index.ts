export {};
export * from './real-estate/index.js';
export * from './booking/index.js';
export * from './clients/index.js';
export * from './field-filter/index.js';
export * from './deals/index.js';
