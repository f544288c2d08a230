export * from './state-views.js';
