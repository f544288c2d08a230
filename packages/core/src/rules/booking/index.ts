/** Pure rules of meeting booking: zoned time, slots, meetings, reports. */
export * from './zoned-time.js';
export * from './slots.js';
export * from './meeting.js';
export * from './reports.js';
