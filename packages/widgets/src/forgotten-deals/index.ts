export * from './forgotten-deals.js';
export * from './forgotten-deals.strings.js';
export * from './forgotten-data.js';
export * from './snooze.js';
