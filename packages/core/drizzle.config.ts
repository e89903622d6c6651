import { defineConfig } from 'drizzle-kit';

// Generates core's migrations from src/schema. Plugins keep their own folders and tables.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  entities: { roles: { provider: '', exclude: ['console_tenant', 'console_reseller'] } },
});
