export * from './registry.js';
export * from './runner.js';
export * from './builtin-tasks.js';
