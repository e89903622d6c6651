/** The webhooks plugin's shared part: manifest, input schemas and answer shapes (no I/O). */
export * from './model.js';
export * from './manifest.js';
