export * from './client-base.js';
export * from './client-base.strings.js';
export * from './client-base-data.js';
