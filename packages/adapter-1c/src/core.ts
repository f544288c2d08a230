// The parts of @crmkit/core this adapter uses, imported by path so loading the adapter never
// pulls core's elements, styles or i18n into a page that only needs data.
export * from '@crmkit/core/adapter/index.js';
export * from '@crmkit/core/model/index.js';
