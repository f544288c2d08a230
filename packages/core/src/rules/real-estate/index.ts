/** Pure rules of the real-estate sales office: working days and holds, the шахматка grid, requests, totals. */
export * from './working-days.js';
export * from './grid.js';
export * from './matching.js';
