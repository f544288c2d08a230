export * from './catalog.js';
export * from './conditions.js';
export * from './view-codec.js';
export * from './saved-views.js';
