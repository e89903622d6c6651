import { defineConfig } from 'drizzle-kit';

// The usage plugin's own migrations, tracked apart from core's (table __migrations_usage).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/schema.ts',
  out: './migrations',
  entities: { roles: { provider: '', exclude: ['console_tenant', 'console_reseller'] } },
});
