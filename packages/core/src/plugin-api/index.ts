export * from './routes.js';
export * from './request.js';
export * from './server-plugin.js';
export * from './services.js';
export * from './params.js';
export * from './openapi.js';
export * from './figures.js';
