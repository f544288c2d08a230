/**
 * @crmkit/adapter-1c: the 1C:Enterprise data adapter (standard OData interface or the crmkit
 * HTTP service), its mapping format and validator. Importing it registers nothing; import
 * `@crmkit/adapter-1c/register.js` to make `<crm-provider adapter-kind="1c">` work.
 */
export * from './adapter-1c.js';
export * from './mapping.js';
export * from './default-mapping.js';
export * from './convert.js';
export * from './kinds.js';
export { errorFromResponse, OneCHttp } from './http.js';
export { compileCondition, splitTerms, urlBytes, quote, literals, type FieldTarget, type Compiled } from './filter-compile.js';
