import { and, count, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { companies, resellers, type Company, type Reseller } from '../schema/tenancy.js';
import { invitations, memberships, roles } from '../schema/team.js';
import type { CompanyInput } from '../shared/validation/company.js';
import { findUserByEmail, insertUser, sendPasswordReset, type NewUser } from './accounts.js';
import type { Tx } from '../db/types.js';
import type { User } from '../schema/users.js';
import { hashPassword } from './passwords.js';
import { recordAudit, type Actor } from './audit.js';
import type { CompanyContext, CoreDeps } from './context.js';
import { notFound } from '../errors.js';
import { projects } from '../schema/projects.js';
import { PROJECT_STATUS } from '../shared/validation/project.js';
import { randomToken } from './tokens.js';

export async function createReseller(deps: Pick<CoreDeps, 'db'>, name: string): Promise<Reseller> {
  const [row] = await deps.db.insert(resellers).values({ name }).returning();
  return row!;
}

export interface CreateCompanyOptions {
  resellerId?: number | null;
  actor: Actor;
  /** Email the dashboard account a link to set its password (seed 003 `sendPasswordResetEmail`). */
  sendPasswordResetEmail?: boolean;
  /** Give a new dashboard account this password right away (operator tooling and demo seeding). */
  initialPassword?: string;
}

/**
 * Creates a company (seed 003 "Create a company") and its dashboard account: the contact
 * email becomes the company's first admin, a new user unless the address already has one.
 */
export async function createCompany(deps: CoreDeps, input: CompanyInput, opts: CreateCompanyOptions): Promise<Company> {
  // Hashed before the transaction: argon2 takes long, and nothing is locked meanwhile.
  // Without an initial password the account is unusable until the reset link is followed.
  const passwordHash = await hashPassword(opts.initialPassword ?? randomToken());
  const { company, user, isNew } = await deps.db.transaction((tx) =>
    insertCompanyWithAdmin(tx, { ...input, resellerId: opts.resellerId ?? null }, { email: input.email, name: `${input.firstName} ${input.lastName}`.slice(0, 100), locale: input.area === 'CN' ? 'zh-CN' : 'en' }, passwordHash, opts.actor),
  );
  if (opts.sendPasswordResetEmail && (isNew || !opts.initialPassword)) await sendPasswordReset(deps, user, true);
  return company;
}

/**
 * A company and its first admin inside the caller's transaction (one transaction: a failure
 * anywhere leaves no company without its admin, nor a stray user): the admin is the user with
 * that e-mail when there is one, else a new user with `passwordHash`. Audited as company.create.
 */
export async function insertCompanyWithAdmin(
  tx: Tx,
  values: typeof companies.$inferInsert,
  admin: NewUser,
  passwordHash: string,
  actor: Actor,
  audit: Record<string, unknown> = {},
): Promise<{ company: Company; user: User; isNew: boolean }> {
  const [company] = await tx.insert(companies).values(values).returning();
  const c = company!;
  const existing = await findUserByEmail(tx, admin.email);
  const user = existing ?? (await insertUser(tx, admin, passwordHash));
  const [adminRole] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.builtin, 'admin'));
  await tx.insert(memberships).values({ companyId: c.id, userId: user.id, roleId: adminRole!.id });
  await recordAudit(tx, c.id, actor, { action: 'company.create', targetType: 'Company', targetId: c.id, after: { name: c.name, email: admin.email, ...audit } });
  return { company: c, user, isNew: !existing };
}

export interface CompanySummary {
  id: number;
  name: string;
  area: Company['area'];
  country: string;
  status: number;
  appLimit: number;
  memberLimit: number;
  members: number;
  /** Unexpired open invitations: they hold places under memberLimit. */
  openInvitations: number;
  projects: number;
}

/** The current company with its limits and how much of them is used (every member may read it). */
export async function getCompanySummary(ctx: CompanyContext): Promise<CompanySummary> {
  return ctx.tx(async (tx) => {
    const [c] = await tx.select().from(companies).where(eq(companies.id, ctx.companyId));
    if (!c) throw notFound('Company');
    const [m] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.companyId, ctx.companyId));
    const [p] = await tx.select({ n: count() }).from(projects).where(and(eq(projects.companyId, ctx.companyId), ne(projects.status, PROJECT_STATUS.deleted)));
    const [i] = await tx
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.companyId, ctx.companyId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, sql`now()`)));
    return {
      id: c.id, name: c.name, area: c.area, country: c.country, status: c.status,
      appLimit: c.appLimit, memberLimit: c.memberLimit, members: Number(m?.n ?? 0), openInvitations: Number(i?.n ?? 0), projects: Number(p?.n ?? 0),
    };
  });
}

export async function countCompanies(db: CoreDeps['db']): Promise<number> {
  const [row] = await db.select({ n: count() }).from(companies);
  return Number(row?.n ?? 0);
}
