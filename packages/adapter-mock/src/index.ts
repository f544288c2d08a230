export * from './snapshot.js';
export * from './snapshot-adapter.js';
