/**
 * @crmkit/adapter-bitrix24: a read-only Bitrix24 data adapter with its own REST client
 * (batching, request planning, the shared leaky bucket, operating-time pauses, token refresh).
 */
export * from './bitrix24-adapter.js';
export * from './rest-client.js';
export * from './transport.js';
export * from './allowlist.js';
export * from './errors.js';
export { buildQuery } from './query-string.js';
