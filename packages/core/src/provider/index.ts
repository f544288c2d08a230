export * from './adapter-registry.js';
export * from './default-adapter.js';
export * from './provider.js';
