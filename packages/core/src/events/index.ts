export * from './types.js';
export * from './core-events.js';
export * from './publish.js';
export * from './event-bus.js';
