import { and, count, desc, eq, gte, ilike, like, lte } from 'drizzle-orm';
import { accessibleWhere } from '../permissions/drizzle-adapter.js';
import { auditLog, type AuditEntry } from '../schema/audit.js';
import type { CompanyContext } from './context.js';
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

export async function listAudit(ctx: CompanyContext, q: AuditQuery): Promise<{ rows: AuditEntry[]; count: number }> {
  assertCan(ctx.ability, 'read', 'AuditLog');
  const actor = searchTerm(q.actor);
  const where = and(
    accessibleWhere(ctx.ability, 'read', 'AuditLog', { companyId: auditLog.companyId }),
    q.action ? (q.action.endsWith('.') ? like(auditLog.action, `${escapeLike(q.action)}%`) : eq(auditLog.action, q.action)) : undefined,
    actor ? ilike(auditLog.actorLabel, actor) : undefined,
    q.targetType ? eq(auditLog.targetType, q.targetType) : undefined,
    q.targetId ? eq(auditLog.targetId, q.targetId) : undefined,
    q.from ? gte(auditLog.createdAt, q.from) : undefined,
    q.to ? lte(auditLog.createdAt, q.to) : undefined,
  );
  return ctx.tx(async (tx) => {
    const rows = await tx.select().from(auditLog).where(where).orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(q.limit).offset(q.offset);
    const [total] = await tx.select({ n: count() }).from(auditLog).where(where);
    return { rows, count: Number(total?.n ?? 0) };
  });
}
