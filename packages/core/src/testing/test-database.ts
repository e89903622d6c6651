import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { connectDatabase } from '../db/connect.js';
import { coreMigrations, runMigrations, type MigrationSet } from '../db/migrate.js';
import type { DatabaseHandle } from '../db/types.js';

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and, on Postgres, drops the throwaway database. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or, when
 * `DATABASE_URL` is set, a new database with a random name on that server, dropped after.
 */
export async function createTestDatabase(sets: MigrationSet[] = [coreMigrations]): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await connectDatabase({});
    await runMigrations(handle, sets);
    return { ...handle, destroy: () => handle.close() };
  }
  const name = `rtc_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const handle = await connectDatabase({ databaseUrl: dbUrl.toString(), maxConnections: 5 });
  await runMigrations(handle, sets);
  return {
    ...handle,
    async destroy() {
      await handle.close();
      const dropper = postgres(url, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
