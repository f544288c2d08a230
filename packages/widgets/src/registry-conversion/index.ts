export * from './registry-conversion.js';
export * from './registry-conversion.strings.js';
export * from './registry-data.js';
export * from './registry-chart.js';
