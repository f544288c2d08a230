export * from './employee.js';
