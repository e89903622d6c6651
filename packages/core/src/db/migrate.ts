import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { RESELLER_ROLE, TENANT_ROLE } from '../schema/_helpers.js';
import type { DatabaseHandle } from './types.js';

/** A folder of drizzle-kit migrations and the table that records which of them ran. */
export interface MigrationSet {
  /** `core` or a plugin id; names the bookkeeping table `__migrations_<name>`. */
  name: string;
  folder: string;
}

export const coreMigrations: MigrationSet = {
  name: 'core',
  folder: fileURLToPath(new URL('../../migrations', import.meta.url)),
};

/**
 * Applies core's migrations, then each plugin's, each set in its own bookkeeping table so
 * plugins can be added or removed without touching core's history. Then grants the tenant
 * role access to exactly the tables that have row-level security: tables without it (sessions,
 * credentials, mail) stay out of tenant transactions' reach altogether. The reseller role may
 * read the same tables, and write none (its policies show it its companies' rows only).
 */
export async function runMigrations(handle: DatabaseHandle, sets: MigrationSet[] = [coreMigrations]): Promise<void> {
  for (const set of sets) {
    const config = { migrationsFolder: set.folder, migrationsTable: `__migrations_${set.name.replace(/\W/g, '_')}` };
    if (handle.kind === 'pglite') await migratePglite(handle.db as unknown as PgliteDatabase, config);
    else await migratePostgres(handle.db as unknown as PostgresJsDatabase, config);
  }
  await grantTenantAccess(handle);
}

async function grantTenantAccess(handle: DatabaseHandle): Promise<void> {
  await handle.db.execute(sql.raw(`
    DO $$
    DECLARE t record;
    BEGIN
      EXECUTE 'GRANT USAGE ON SCHEMA public TO ${TENANT_ROLE}, ${RESELLER_ROLE}';
      FOR t IN
        SELECT c.oid::regclass AS name, c.relrowsecurity AS rls
        FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
      LOOP
        IF t.rls THEN
          EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO ${TENANT_ROLE}', t.name);
          EXECUTE format('GRANT SELECT ON %s TO ${RESELLER_ROLE}', t.name);
          EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %s FROM ${RESELLER_ROLE}', t.name);
        ELSE
          EXECUTE format('REVOKE ALL ON %s FROM ${TENANT_ROLE}, ${RESELLER_ROLE}', t.name);
        END IF;
      END LOOP;
      EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${TENANT_ROLE}';
    END $$;
  `));
}
