import { sql } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import { RESELLER_ROLE, TENANT_ROLE } from '../schema/_helpers.js';
import type { Db, Tx } from './types.js';

/**
 * Runs `fn` in one transaction that acts as the given company: the company id is set for the
 * row-level security policies and the role switches to the tenant role, so a query that
 * forgets its company filter still sees nothing of another company. Both settings are
 * transaction-local, so a pooled connection carries nothing over to the next request.
 */
export function inCompany<T>(db: Db, companyId: number, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!Number.isSafeInteger(companyId) || companyId <= 0) throw new Error(`inCompany: bad company id ${companyId}`);
  return inScope(db, { setting: 'app.company_id', id: companyId, role: TENANT_ROLE }, fn);
}

/**
 * Runs `fn` in one read-only transaction that acts as the given reseller: the reseller role's
 * policies show the rows of that reseller's companies only (companies, their projects, members,
 * plugin switches, and plugins' tables that declare the policy), whatever `fn`'s queries say.
 * The second wall behind the `{ resellerId }` condition of the reseller's ability.
 */
export function inReseller<T>(db: Db, resellerId: number, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!Number.isSafeInteger(resellerId) || resellerId <= 0) throw new Error(`inReseller: bad reseller id ${resellerId}`);
  return inScope(db, { setting: 'app.reseller_id', id: resellerId, role: RESELLER_ROLE }, fn);
}

interface Scope {
  setting: 'app.company_id' | 'app.reseller_id';
  id: number;
  role: string;
}

function inScope<T>(db: Db, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const server = postgresJsClient(db);
  if (server) return inScopeOnServer(db, server, scope, fn);
  // PGlite runs in this process: a statement costs no round trip.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config(${scope.setting}, ${String(scope.id)}, true), set_config('role', ${scope.role}, true)`);
    return fn(tx);
  });
}

/**
 * The same on a Postgres server, where a round trip costs more than the statements of a page
 * (see the project list's benchmark in docs/benchmarks.md): BEGIN and the two settings go in one
 * message, and `fn`'s first statements follow in the same write without waiting for its answer.
 * postgres.js sends a connection's queries in order, so they run inside the transaction, after
 * the settings. Should the opening message fail, the connection was broken or in an aborted
 * transaction, so `fn`'s statements fail too (they never run outside the tenant settings), and
 * the opening's error is the one reported. Nested transactions (savepoints) are not offered.
 */
async function inScopeOnServer<T>(db: Db, client: Sql, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const reserved = await client.reserve();
  try {
    // A simple-protocol message takes no parameters: the id is a checked integer, the setting and role constants.
    const sent = reserved.unsafe(`begin; select set_config('${scope.setting}', '${scope.id}', true), set_config('role', '${scope.role}', true)`).simple().execute();
    // Its outcome, caught at once: it may fail while `fn` still runs, with nobody waiting for it yet.
    const opening = sent.then(() => undefined, (err: unknown) => err);
    // drizzle's own transaction classes, over the reserved connection.
    const { dialect, session } = db as unknown as { dialect: PgDialect; session: { options: ConstructorParameters<typeof PostgresJsSession>[3] } };
    const txSession = new PostgresJsSession(reserved, dialect, undefined, session.options);
    const tx = new PostgresJsTransaction(dialect, txSession as unknown as ConstructorParameters<typeof PostgresJsTransaction>[1], undefined) as unknown as Tx;
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      await reserved.unsafe('rollback').catch(() => undefined);
      throw (await opening) ?? err;
    }
    const failed = await opening;
    if (failed) {
      await reserved.unsafe('rollback').catch(() => undefined);
      throw failed;
    }
    await reserved.unsafe('commit');
    return result;
  } finally {
    reserved.release();
  }
}

/** The postgres.js client under a drizzle database on a server; undefined on PGlite. */
function postgresJsClient(db: Db): Sql | undefined {
  const client = (db as unknown as { $client?: unknown }).$client;
  return typeof client === 'function' && 'reserve' in client ? (client as unknown as Sql) : undefined;
}
