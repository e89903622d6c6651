export * from './types.js';
export * from './job-queue.js';
export * from './job-list.js';
