import { projects } from '@rtc-console/core';
import { and, asc, count, desc, eq, ne } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

const PROJECT_STATUS_DELETED = 3;

/**
 * The two statements the console's project list runs for an engineer's first page (the page and
 * the count, on the same conditions: the company, not deleted, newest first), built by drizzle:
 * the bare ceiling runs them, and the benchmark explains them.
 */
export function listStatements(db: PgDatabase<PgQueryResultHKT>, companyId: number) {
  const where = and(eq(projects.companyId, companyId), ne(projects.status, PROJECT_STATUS_DELETED));
  return {
    page: db.select().from(projects).where(where).orderBy(desc(projects.createdAt), asc(projects.id)).limit(20).offset(0),
    count: db.select({ n: count() }).from(projects).where(where),
  };
}
