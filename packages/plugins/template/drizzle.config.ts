import { defineConfig } from 'drizzle-kit';

// This plugin's own migrations, tracked apart from core's (table drizzle.__migrations_template).
// After changing src/server/schema.ts: pnpm db:generate, then commit the new SQL file and meta/.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/schema.ts',
  out: './migrations',
  entities: { roles: { provider: '', exclude: ['console_tenant'] } },
});
