/**
 * @crmkit/adapter-mock: a seeded, deterministic mock CRM (an insurer's sales, a developer's
 * apartments and a sales office's bookable resources), the snapshot JSON format, and adapters
 * serving either. See README.md and SNAPSHOT.md.
 */
export * from './snapshot.js';
export * from './snapshot-adapter.js';
export * from './load-snapshot.js';
export * from './mock-adapter.js';
export * from './write-store.js';
export {
  generateMockCrm,
  generateMockCrmAsync,
  MOCK_SCALES,
  MOCK_SCALE_TARGETS,
  MOCK_ORIGIN,
  MOCK_FIELDS,
  MOCK_FUNNEL_ID,
  REGISTRY_TYPES,
  type MockScale,
  type MockCrmOptions,
  type MockCrmSnapshot,
  type MockGenerationProgress,
  type MockGenerateAsyncOptions,
} from './generator/generate.js';
export * from './generator/situations.js';
