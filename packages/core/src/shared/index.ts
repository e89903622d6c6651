/** Browser-safe part of core: no Node, no database. Used by the API, the web app and plugins. */
export * from './permissions/index.js';
export * from './validation/index.js';
export * from './errors.js';
export * from './plugin.js';
export * from './reseller.js';
export * from './jobs.js';
export * from './knowledge-base.js';
