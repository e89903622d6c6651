import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { inCompany } from '../db/tenant.js';
import { memberships } from '../schema/team.js';
import { companies } from '../schema/tenancy.js';
import { userTotp } from '../schema/two-factor.js';
import { recordAudit } from './audit.js';
import { assertOwnTwoFactorFirst, holdSessionsUntilTwoFactor } from './two-factor-hold.js';
import type { CompanyContext } from './context.js';

export interface CompanyTwoFactor {
  requireTwoFactor: boolean;
  members: number;
  /** Members who have two-factor sign-in on. */
  membersWithTwoFactor: number;
}

/** The company's two-factor requirement and how many of its members already have it on. */
export async function companyTwoFactor(ctx: CompanyContext): Promise<CompanyTwoFactor> {
  const [company] = await ctx.db.select({ requireTwoFactor: companies.requireTwoFactor }).from(companies).where(eq(companies.id, ctx.companyId));
  const [counts] = await ctx.db
    .select({ members: sql<number>`count(*)::int`, withTwoFactor: sql<number>`count(${userTotp.enabledAt})::int` })
    .from(memberships)
    .leftJoin(userTotp, and(eq(userTotp.userId, memberships.userId), isNotNull(userTotp.enabledAt)))
    .where(eq(memberships.companyId, ctx.companyId));
  return { requireTwoFactor: company?.requireTwoFactor ?? false, members: counts?.members ?? 0, membersWithTwoFactor: counts?.withTwoFactor ?? 0 };
}

/**
 * A company admin requires (or stops requiring) two-factor sign-in of every member. It takes
 * effect at once: members without it are held at set-up on their next request (and at every
 * sign-in after). The admin must have it on first. Audited in the company's log.
 */
export async function setCompanyTwoFactor(ctx: CompanyContext, requireTwoFactor: boolean): Promise<CompanyTwoFactor> {
  const before = await companyTwoFactor(ctx);
  if (before.requireTwoFactor === requireTwoFactor) return before;
  if (requireTwoFactor) await assertOwnTwoFactorFirst(ctx.db, ctx.actor.userId);
  const held = await ctx.db.transaction(async (tx) => {
    await tx.update(companies).set({ requireTwoFactor, updatedAt: new Date() }).where(eq(companies.id, ctx.companyId));
    return requireTwoFactor ? holdSessionsUntilTwoFactor(tx, { companyId: ctx.companyId }) : 0;
  });
  await inCompany(ctx.db, ctx.companyId, (tx) =>
    recordAudit(tx, ctx.companyId, ctx.actor, { action: 'company.twoFactor.require', targetType: 'Company', targetId: ctx.companyId, before: { requireTwoFactor: before.requireTwoFactor }, after: { requireTwoFactor, sessionsHeld: held } }),
  );
  return { ...before, requireTwoFactor };
}
