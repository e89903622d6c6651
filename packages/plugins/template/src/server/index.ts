import { fileURLToPath } from 'node:url';
import { defineServerPlugin } from '@rtc-console/core';
import { templateManifest } from '../shared/manifest.js';
import { seedTemplateDemo } from './demo.js';
import { templateRoutes } from './routes.js';

/** The server entry: the manifest, the services it uses, the migrations folder, the routes, the demo data. */
export const templateServerPlugin = defineServerPlugin({
  manifest: templateManifest,
  // What this plugin's code receives from core, and nothing else: the demo seed writes with the system database.
  services: ['systemDb'],
  migrations: fileURLToPath(new URL('../../migrations', import.meta.url)),
  routes: templateRoutes,
  seedDemo: seedTemplateDemo,
});

export { templateItems } from './schema.js';
