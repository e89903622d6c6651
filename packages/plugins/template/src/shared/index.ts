/** Shared by the server and the web app: the manifest, messages and input schemas (no I/O). */
export * from './manifest.js';
export * from './messages.js';
export * from './items.js';
export * from './name.js';
