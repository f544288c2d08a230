export * from './types.js';
export * from './csv.js';
export * from './xlsx-sheet.js';
export * from './xlsx.js';
export * from './xlsx-download.js';
export * from './download.js';
