export * from './columnar.js';
export * from './cache.js';
export * from './cached-list.js';
export * from './merge.js';
export * from './query-key.js';
export type { DatasetMeta, LoadMeta, ResultRecord } from './backend.js';
export * from './cached-keyed-list.js';
