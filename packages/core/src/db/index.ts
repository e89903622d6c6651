export * from './types.js';
export * from './connect.js';
export * from './migrate.js';
export * from './tenant.js';
export * from './rows.js';
export * from './copy.js';
