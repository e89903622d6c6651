import { and, count, desc, eq, gte, ilike, like, lte, type SQL } from 'drizzle-orm';
import { accessibleWhere } from '../permissions/drizzle-adapter.js';
import { auditLog, platformAuditLog, type AuditEntry, type PlatformAuditEntry } from '../schema/audit.js';
import type { CompanyContext, CoreDeps } from './context.js';
import { assertCan } from './guard.js';
import { escapeLike, searchTerm } from './search.js';

export interface AuditQuery {
  limit: number;
  offset: number;
  /** Exact action (`project.create`) or a prefix ending in `.` (`project.`). */
  action?: string | undefined;
  actor?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

type AuditTable = typeof auditLog | typeof platformAuditLog;

/** The query's filters over either log (both tables share their entry columns): one builder, so the two logs filter alike. */
function auditFilters(table: AuditTable, q: AuditQuery): Array<SQL | undefined> {
  const actor = searchTerm(q.actor);
  return [
    q.action ? (q.action.endsWith('.') ? like(table.action, `${escapeLike(q.action)}%`) : eq(table.action, q.action)) : undefined,
    actor ? ilike(table.actorLabel, actor) : undefined,
    q.targetType ? eq(table.targetType, q.targetType) : undefined,
    q.targetId ? eq(table.targetId, q.targetId) : undefined,
    q.from ? gte(table.createdAt, q.from) : undefined,
    q.to ? lte(table.createdAt, q.to) : undefined,
  ];
}

export async function listAudit(ctx: CompanyContext, q: AuditQuery): Promise<{ rows: AuditEntry[]; count: number }> {
  assertCan(ctx.ability, 'read', 'AuditLog');
  const where = and(accessibleWhere(ctx.ability, 'read', 'AuditLog', { companyId: auditLog.companyId }), ...auditFilters(auditLog, q));
  return ctx.tx(async (tx) => {
    const rows = await tx.select().from(auditLog).where(where).orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(q.limit).offset(q.offset);
    const [total] = await tx.select({ n: count() }).from(auditLog).where(where);
    return { rows, count: Number(total?.n ?? 0) };
  });
}

/**
 * The platform's log (operator writes, users' account events), for the operator console. The
 * route allows only an operator who may read `PlatformAudit`; the table has no company to scope by.
 */
export async function listPlatformAudit(deps: Pick<CoreDeps, 'db'>, q: AuditQuery): Promise<{ rows: PlatformAuditEntry[]; count: number }> {
  const where = and(...auditFilters(platformAuditLog, q));
  const rows = await deps.db.select().from(platformAuditLog).where(where).orderBy(desc(platformAuditLog.createdAt), desc(platformAuditLog.id)).limit(q.limit).offset(q.offset);
  const [total] = await deps.db.select({ n: count() }).from(platformAuditLog).where(where);
  return { rows, count: Number(total?.n ?? 0) };
}
