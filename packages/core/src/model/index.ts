export * from './common.js';
export * from './fields.js';
export * from './people.js';
export * from './deals.js';
export * from './activities.js';
export * from './real-estate.js';
export * from './booking.js';
export * from './entities.js';
