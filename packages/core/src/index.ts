/** Server side of core: schema, database, permissions in SQL, services. */
export * from './shared/index.js';
export * from './errors.js';
export * from './schema/index.js';
export * from './db/index.js';
export * from './permissions/drizzle-adapter.js';
export * from './services/index.js';
export * from './plugin-api/index.js';
export * from './jobs/index.js';
export * from './events/index.js';
