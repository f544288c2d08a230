export * from './client-timeline.js';
export * from './client-timeline.strings.js';
export * from './timeline-data.js';
