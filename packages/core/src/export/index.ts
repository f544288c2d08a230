export * from './types.js';
export * from './csv.js';
export * from './xlsx.js';
export * from './download.js';
