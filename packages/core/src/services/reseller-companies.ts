import { subject } from '@casl/ability';
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { projects } from '../schema/projects.js';
import { PROJECT_STATUS } from '../shared/validation/project.js';
import type { Db } from '../db/types.js';
import { AppError, notFound, validationFailed } from '../errors.js';
import { sessions, users } from '../schema/users.js';
import { memberships } from '../schema/team.js';
import { companies, type Company } from '../schema/tenancy.js';
import type { CompanyInput } from '../shared/validation/company.js';
import { COMPANY_STATUS } from '../shared/validation/company.js';
import type { AppAbility } from '../shared/permissions/types.js';
import { findUserByEmail } from './accounts.js';
import { recordAudit, type Actor } from './audit.js';
import { createCompany } from './companies.js';
import { createCompanyContext, type CompanyContext, type CoreDeps } from './context.js';
import { disabledPluginsOf, pluginEnabledSql } from './plugins.js';
import { inCompany } from '../db/tenant.js';
import { templates } from './mail/templates.js';
import { CONSOLE_STATUSES, type ConsoleStatus, type FreezeReason, type ResellerCompanyView } from '../shared/reseller.js';
import { searchTerm } from './search.js';
import type { ResellerScope } from './reseller-scope.js';
import { companiesWhere } from './company-access.js';
import { CORE_EVENTS, publishEvent } from '../events/index.js';

export const toResellerCompanyView = (c: Company): ResellerCompanyView => ({
  id: c.id, name: c.name, country: c.country, area: c.area, appLimit: c.appLimit, memberLimit: c.memberLimit,
  industry: c.industry, interest: c.interest, environment: c.environment, status: c.status,
});

/**
 * SQL: the ids of the companies a caller may read (a reseller's own), or of those with plugin
 * `plugin` switched on, for queries spanning them (a reseller's usage chart, download and daily
 * bills): the one place that says which companies cross-company reads may reach.
 */
export function resellerCompanyIds(caller: { ability: AppAbility }, opts: { plugin?: string } = {}): SQL {
  const on = opts.plugin ? sql` and ${pluginEnabledSql(companies.id, opts.plugin)}` : sql``;
  return sql`(select ${companies.id} from ${companies} where ${companiesWhere(caller.ability)}${on})`;
}

/**
 * The company a caller's request names, if its ability allows `action` on it: an unknown id is
 * a 404, a company of another reseller (or one removed from this reseller's account) a 403, as
 * seed 003 lists them. The route mounter calls this for reseller routes that name a company.
 */
export async function companyOfReseller(db: Db, caller: { ability: AppAbility }, companyId: number, action = 'read'): Promise<Company> {
  const [c] = await db.select().from(companies).where(eq(companies.id, companyId));
  if (!c) throw notFound('Company');
  if (caller.ability.cannot(action, subject('Company', c))) throw new AppError(403, 'FORBIDDEN', 'This company does not belong to your reseller account');
  return c;
}

/**
 * The reseller acting inside one of its companies (already checked, see `companyOfReseller`)
 * with a company admin's rights (creating projects, enabling products), audited under the
 * reseller's label.
 */
export async function resellerCompanyContext(deps: CoreDeps, company: Company, actor: Actor): Promise<CompanyContext> {
  const companyId = company.id;
  const disabledPlugins = await disabledPluginsOf(deps.db, companyId);
  const catalogue = deps.catalogue.withoutPlugins(disabledPlugins);
  const member = { userId: actor.userId ?? 0, companyId, role: { builtin: 'admin' as const } };
  const ability = catalogue.abilityOf(member);
  return createCompanyContext({ ...deps, catalogue }, { companyId, actor, member, ability, disabledPlugins });
}

/**
 * Seed 003 "Create a company" for a reseller: the email must not belong to an existing
 * dashboard account ("email already used", a 400 naming the field).
 */
export async function createResellerCompany(
  deps: CoreDeps,
  /** The owning reseller, or null for a direct company (the operator's). */
  reseller: Pick<ResellerScope, 'id'> | null,
  input: CompanyInput,
  opts: { actor: Actor; sendPasswordResetEmail: boolean },
): Promise<Company> {
  if (await findUserByEmail(deps.db, input.email)) {
    throw validationFailed('email: email already used', [{ path: ['email'], message: 'email already used' }]);
  }
  return createCompany(deps, input, { resellerId: reseller?.id ?? null, actor: opts.actor, sendPasswordResetEmail: opts.sendPasswordResetEmail });
}

/** The status the reseller console shows: the financial status, or Blocked over it. */
export type ResellerCompanyStatus = ConsoleStatus;
const FINANCIAL_STATUSES = CONSOLE_STATUSES.slice(0, 4);
export const consoleStatusOf = (c: { status: number; blocked: boolean }): ResellerCompanyStatus => (c.blocked ? 'blocked' : FINANCIAL_STATUSES[c.status] ?? 'normal');

export interface ResellerCompanyRow extends ResellerCompanyView {
  email: string;
  contact: string;
  blocked: boolean;
  consoleStatus: ResellerCompanyStatus;
  frozenReason: string | null;
  createdAt: Date;
}

export interface ResellerCompanyQuery {
  limit: number;
  offset: number;
  /** A CID (exact), or part of the dashboard user's name or email. */
  q?: string | undefined;
  status?: ResellerCompanyStatus | undefined;
  sort?: 'id' | 'name' | 'createdAt';
  order?: 'asc' | 'desc';
}

/** SQL: the companies showing a console status (the status filters of the reseller's and the operator's lists). */
export const CONSOLE_STATUS_WHERE: Record<ResellerCompanyStatus, SQL> = {
  normal: and(eq(companies.status, COMPANY_STATUS.normal), eq(companies.blocked, false))!,
  insufficientBalance: and(eq(companies.status, COMPANY_STATUS.insufficientBalance), eq(companies.blocked, false))!,
  autoSuspended: and(eq(companies.status, COMPANY_STATUS.autoSuspended), eq(companies.blocked, false))!,
  suspendedManually: and(eq(companies.status, COMPANY_STATUS.manuallySuspended), eq(companies.blocked, false))!,
  blocked: eq(companies.blocked, true),
};

/** SQL: a company list's search box: a CID (exactly), or part of the company's name, contact name or email. */
export function companySearchWhere(q: string | undefined): SQL | undefined {
  const raw = q?.trim();
  if (!raw) return undefined;
  if (/^\d{1,9}$/.test(raw)) return eq(companies.id, Number(raw));
  const term = searchTerm(raw)!;
  return or(ilike(companies.email, term), ilike(sql`${companies.firstName} || ' ' || ${companies.lastName}`, term), ilike(companies.name, term));
}

/**
 * The reseller console's company list (seed 001): search by CID exactly, or by user name or
 * email. Filtered by the ability's condition, read behind the reseller wall.
 */
export async function listResellerCompanies(reseller: ResellerScope, q: ResellerCompanyQuery): Promise<{ rows: ResellerCompanyRow[]; count: number }> {
  const where = and(companiesWhere(reseller.ability), companySearchWhere(q.q), q.status ? CONSOLE_STATUS_WHERE[q.status] : undefined);
  const sortColumn = { id: companies.id, name: companies.name, createdAt: companies.createdAt }[q.sort ?? 'id'];
  const [rows, [total]] = await reseller.tx((tx) =>
    Promise.all([
      tx
        .select()
        .from(companies)
        .where(where)
        .orderBy((q.order ?? 'desc') === 'asc' ? asc(sortColumn) : desc(sortColumn), asc(companies.id))
        .limit(q.limit)
        .offset(q.offset),
      tx.select({ n: count() }).from(companies).where(where),
    ]),
  );
  return {
    rows: rows.map((c) => ({
      ...toResellerCompanyView(c), email: c.email, contact: `${c.firstName} ${c.lastName}`,
      blocked: c.blocked, consoleStatus: consoleStatusOf(c), frozenReason: c.frozenReason, createdAt: c.createdAt,
    })),
    count: Number(total?.n ?? 0),
  };
}

export interface ResellerCompanyDetail {
  company: ResellerCompanyView & { email: string; firstName: string; lastName: string; blocked: boolean; consoleStatus: ResellerCompanyStatus; frozenReason: string | null; createdAt: Date };
  /** The dashboard account (the contact email's user), when it exists. */
  user: { id: number; email: string; name: string; locale: string; createdAt: Date } | null;
  members: number;
  projects: number;
}

/** Seed 001 "Detail": company and user information, of a company the caller may read (`companyOfReseller`), behind the wall. */
export async function getResellerCompany(reseller: Pick<ResellerScope, 'ability' | 'tx'>, companyId: number): Promise<ResellerCompanyDetail> {
  const found = await reseller.tx(async (tx) => {
    const [c] = await tx.select().from(companies).where(and(eq(companies.id, companyId), companiesWhere(reseller.ability)));
    if (!c) return null;
    const [user] = await tx.select({ id: users.id, email: users.email, name: users.name, locale: users.locale, createdAt: users.createdAt }).from(users).where(sql`lower(${users.email}) = lower(${c.email})`);
    const [m] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.companyId, c.id));
    const [p] = await tx.select({ n: count() }).from(projects).where(and(eq(projects.companyId, c.id), ne(projects.status, PROJECT_STATUS.deleted)));
    return { c, user, m, p };
  });
  if (!found) throw notFound('Company');
  const { c, user, m, p } = found;
  return {
    company: {
      ...toResellerCompanyView(c), email: c.email, firstName: c.firstName, lastName: c.lastName, blocked: c.blocked,
      consoleStatus: consoleStatusOf(c), frozenReason: c.frozenReason, createdAt: c.createdAt,
    },
    user: user ?? null,
    members: Number(m?.n ?? 0),
    projects: Number(p?.n ?? 0),
  };
}

const REASON_TEXT: Record<FreezeReason, { en: string; zh: string }> = {
  overdue: { en: 'overdue payment', zh: '欠费' },
  violation: { en: 'violation of the terms of service', zh: '违反服务条款' },
  customerRequest: { en: 'at the customer’s request', zh: '应客户要求' },
  other: { en: 'other', zh: '其他' },
};

/**
 * Seed 001 "Freeze Account": the company becomes Suspended Manually and its contact is emailed;
 * with `block`, the dashboard account is blocked too: members cannot sign in, and the sessions
 * working in this company end now. `before` is the company as the route mounter loaded it, after
 * checking the caller may update it (`companyOfReseller`).
 */
export async function freezeCompany(deps: CoreDeps, before: Company, input: { reason: FreezeReason; block: boolean }, actor: Actor): Promise<void> {
  const companyId = before.id;
  await deps.db
    .update(companies)
    .set({ status: COMPANY_STATUS.manuallySuspended, frozenReason: input.reason, blocked: input.block, updatedAt: new Date() })
    .where(eq(companies.id, companyId));
  if (input.block) {
    // Reseller staff visiting the company only leave it; its members are signed out.
    await deps.db.update(sessions).set({ companyId: null, visitExpiresAt: null }).where(and(eq(sessions.companyId, companyId), isNotNull(sessions.visitExpiresAt)));
    const memberIds = deps.db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.companyId, companyId));
    await deps.db.delete(sessions).where(or(eq(sessions.companyId, companyId), inArray(sessions.userId, memberIds)));
  }
  await inCompany(deps.db, companyId, async (tx) => {
    await recordAudit(tx, companyId, actor, {
      action: 'company.freeze', targetType: 'Company', targetId: companyId,
      before: { status: before.status, blocked: before.blocked }, after: { status: COMPANY_STATUS.manuallySuspended, blocked: input.block, reason: input.reason },
    });
    await publishEvent(tx, { type: CORE_EVENTS.companyFrozen, companyId, actor: actor.label, data: { reason: input.reason, blocked: input.block } });
    if (input.block && !before.blocked) await publishEvent(tx, { type: CORE_EVENTS.companyBlocked, companyId, actor: actor.label, data: { reason: input.reason } });
  });
  const contact = await findUserByEmail(deps.db, before.email);
  const locale = contact?.locale ?? (before.area === 'CN' ? 'zh-CN' : 'en');
  const reason = REASON_TEXT[input.reason][locale === 'zh-CN' ? 'zh' : 'en'];
  await deps.mailer.send({ to: before.email, kind: 'company-frozen', ...templates.companyFrozen(locale, { companyName: before.name, reason, blocked: input.block }) });
}

/** Undoes a freeze: back to Normal, the dashboard account unblocked. */
export async function unfreezeCompany(deps: CoreDeps, before: Company, actor: Actor): Promise<void> {
  const companyId = before.id;
  await deps.db.update(companies).set({ status: COMPANY_STATUS.normal, frozenReason: null, blocked: false, updatedAt: new Date() }).where(eq(companies.id, companyId));
  await inCompany(deps.db, companyId, async (tx) => {
    await recordAudit(tx, companyId, actor, {
      action: 'company.unfreeze', targetType: 'Company', targetId: companyId,
      before: { status: before.status, blocked: before.blocked, reason: before.frozenReason }, after: { status: COMPANY_STATUS.normal, blocked: false },
    });
    await publishEvent(tx, { type: CORE_EVENTS.companyUnfrozen, companyId, actor: actor.label, data: {} });
    if (before.blocked) await publishEvent(tx, { type: CORE_EVENTS.companyUnblocked, companyId, actor: actor.label, data: {} });
  });
}

/** Seed 001 "Remove this company from your account": afterwards the reseller can no longer act on it. */
export async function removeCompanyFromReseller(deps: CoreDeps, company: Company, actor: Actor): Promise<void> {
  if (company.resellerId === null) return;
  await reassignCompany(deps, company, null, actor, 'company.reseller.remove');
}

/**
 * Gives the company another reseller, or none (`company` as loaded before): visits of its
 * dashboard by the former reseller's staff end now, and the company's audit log records from and to.
 */
export async function reassignCompany(deps: CoreDeps, company: Company, resellerId: number | null, actor: Actor, action = 'company.reseller.move'): Promise<void> {
  const { id: companyId, resellerId: from } = company;
  const current = from === null ? isNull(companies.resellerId) : eq(companies.resellerId, from);
  const moved = await deps.db.update(companies).set({ resellerId, updatedAt: new Date() }).where(and(eq(companies.id, companyId), current)).returning({ id: companies.id });
  // Moved meanwhile by someone else: theirs stands.
  if (!moved.length) throw new AppError(409, 'CONFLICT', 'The company changed meanwhile; reload and try again');
  await deps.db.update(sessions).set({ visitExpiresAt: null, companyId: null }).where(and(eq(sessions.companyId, companyId), sql`${sessions.visitExpiresAt} is not null`));
  await inCompany(deps.db, companyId, (tx) =>
    recordAudit(tx, companyId, actor, { action, targetType: 'Company', targetId: companyId, before: { resellerId: from }, after: { resellerId } }),
  );
}
