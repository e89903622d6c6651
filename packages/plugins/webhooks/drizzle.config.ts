import { defineConfig } from 'drizzle-kit';

// The webhooks plugin's own migrations, tracked apart from core's (table __migrations_webhooks).
// After changing src/server/schema.ts: pnpm db:generate, then commit the new SQL file.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/schema.ts',
  out: './migrations',
  entities: { roles: { provider: '', exclude: ['console_tenant', 'console_reseller'] } },
});
