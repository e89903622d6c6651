export * from './test-database.js';
export * from './wait-until.js';
export * from './failed-job.js';
