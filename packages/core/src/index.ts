/**
 * @crmkit/core: the domain model, the data-adapter contract, the cache, localization, theme
 * tokens, shared UI parts and the pure business rules. Importing it defines no elements.
 */
export * from './model/index.js';
export * from './time/zone.js';
export * from './time/zone-cache.js';
export * from './adapter/index.js';
export * from './i18n/index.js';
export * from './events/index.js';
export * from './theme/tokens.js';
export * from './base/context.js';
export * from './base/define-element.js';
export * from './base/safe-url.js';
export * from './base/element.js';
export * from './base/data-controller.js';
export * from './ui/index.js';
export * from './cache/index.js';
export * from './worker/index.js';
export * from './export/index.js';
export * from './provider/index.js';
export * from './rules/index.js';
export * from './base/css-props.js';
export * from './base/clear-local-data.js';
