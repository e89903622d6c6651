/** The usage model: pure functions and types shared by the server and the web app (no I/O). */
export * from './model.js';
export * from './spec.js';
export * from './metrics.js';
export * from './days.js';
export * from './peaks.js';
export * from './aggregate.js';
export * from './fees.js';
export * from './rest.js';
export * from './manifest.js';
