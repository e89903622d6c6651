import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { inCompany } from '../db/tenant.js';
import { sessions, type Session } from '../schema/users.js';
import { recordAudit, type Actor } from './audit.js';
import type { Company } from '../schema/tenancy.js';

/** How long a visit lasts before the session falls back to the reseller console. */
export const VISIT_MINUTES = 30;

/**
 * Seed 001 "Visit Dashboard of this company": reseller staff enter a company's console without
 * being a member, for a limited time, with an entry in the company's audit log. The session
 * carries the visit; every request checks it is still running. `company` is one the caller may
 * visit (checked by the route mounter, `companyOfReseller`).
 */
export async function startDashboardVisit(db: Db, p: { sessionId: string; company: Company; actor: Actor; minutes?: number }): Promise<{ expiresAt: Date }> {
  const { company } = p;
  const expiresAt = new Date(Date.now() + (p.minutes ?? VISIT_MINUTES) * 60_000);
  await db.update(sessions).set({ companyId: company.id, visitExpiresAt: expiresAt }).where(eq(sessions.id, p.sessionId));
  await inCompany(db, company.id, (tx) =>
    recordAudit(tx, company.id, p.actor, { action: 'company.visit', targetType: 'Company', targetId: company.id, after: { expiresAt: expiresAt.toISOString() } }),
  );
  return { expiresAt };
}

/** Ends the session's visit (the banner's "Leave"), back to the reseller console. */
export async function endDashboardVisit(db: Db, sessionId: string): Promise<void> {
  await db.update(sessions).set({ companyId: null, visitExpiresAt: null }).where(and(eq(sessions.id, sessionId)));
}

/** Whether the session is in a running visit of `companyId`. */
export const visiting = (session: Pick<Session, 'companyId' | 'visitExpiresAt'>, companyId: number, now = Date.now()): boolean =>
  session.companyId === companyId && !!session.visitExpiresAt && session.visitExpiresAt.getTime() > now;
