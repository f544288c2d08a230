export * from './languages.js';
export * from './plural.js';
export * from './format.js';
export * from './translation.js';
export * from './deep-merge.js';
export * from './localize-controller.js';
export { ru as coreRu } from './ru.js';
export { en as coreEn } from './en.js';
