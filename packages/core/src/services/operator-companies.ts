import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { inCompany } from '../db/tenant.js';
import type { Db } from '../db/types.js';
import { notFound, validationFailed } from '../errors.js';
import { memberships } from '../schema/team.js';
import { projects } from '../schema/projects.js';
import { companies, resellers, type Company } from '../schema/tenancy.js';
import type { AppAbility } from '../shared/permissions/types.js';
import type { CompanyEditInput, DirectCompanyInput, OperatorCompanyListQuery, OperatorCompanyView } from '../shared/validation/operator-tenants.js';
import { PROJECT_STATUS } from '../shared/validation/project.js';
import { diff, recordAudit, type Actor } from './audit.js';
import { companiesWhere } from './company-access.js';
import type { CoreDeps } from './context.js';
import { getPlatformSettings } from './platform-settings.js';
import { disabledPluginsSql } from './plugins.js';
import {
  companySearchWhere,
  CONSOLE_STATUS_WHERE,
  consoleStatusOf,
  createResellerCompany,
  getResellerCompany,
  reassignCompany,
  type ResellerCompanyDetail,
} from './reseller-companies.js';

/** The operator console's companies (PRODUCT.md "Tenancy"): every company, direct ones created here, limits, status, reseller. */

export type OperatorCompanyRow = OperatorCompanyView;

// Qualified by hand: drizzle leaves columns unqualified in a one-table select, and "company_id" would be the subquery's own.
const membersCount = sql<number>`(select count(*)::int from ${memberships} m where m.company_id = "companies"."id")`;
const projectsCount = sql<number>`(select count(*)::int from ${projects} p where p.company_id = "companies"."id" and p.status <> ${PROJECT_STATUS.deleted})`;

/**
 * The companies the caller's ability may read (every one, for the operator), filtered in SQL:
 * search by CID, name, contact or email; by console status; by reseller or "direct"; sorted and paginated.
 */
export async function listCompaniesForOperator(db: Db, ability: AppAbility, q: Partial<OperatorCompanyListQuery> & { limit: number; offset: number }): Promise<{ rows: OperatorCompanyRow[]; count: number }> {
  const byReseller = q.reseller === undefined ? undefined : q.reseller === 'direct' ? isNull(companies.resellerId) : eq(companies.resellerId, q.reseller);
  const where = and(companiesWhere(ability), companySearchWhere(q.q), q.status ? CONSOLE_STATUS_WHERE[q.status] : undefined, byReseller);
  const column = { id: companies.id, name: companies.name, createdAt: companies.createdAt, members: membersCount, projects: projectsCount }[q.sort ?? 'id'];
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: companies.id, name: companies.name, email: companies.email, area: companies.area, status: companies.status, blocked: companies.blocked,
        resellerId: companies.resellerId, reseller: resellers.name, appLimit: companies.appLimit, memberLimit: companies.memberLimit,
        members: membersCount, projects: projectsCount, disabledPlugins: disabledPluginsSql(companies.id), createdAt: companies.createdAt,
      })
      .from(companies)
      .leftJoin(resellers, eq(resellers.id, companies.resellerId))
      .where(where)
      .orderBy((q.order ?? 'asc') === 'asc' ? asc(column) : desc(column), asc(companies.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(companies).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, consoleStatus: consoleStatusOf(r) })), count: Number(total?.n ?? 0) };
}

export interface OperatorCompanyDetail extends ResellerCompanyDetail {
  reseller: { id: number; name: string; status: string } | null;
  disabledPlugins: string[];
}

/** One company, as the reseller's detail page shows it, with its reseller: read with the operator's ability. */
export async function getCompanyForOperator(db: Db, ability: AppAbility, companyId: number): Promise<OperatorCompanyDetail> {
  const detail = await getResellerCompany({ ability, tx: (fn) => db.transaction(fn) }, companyId);
  const [extra] = await db
    .select({ id: resellers.id, name: resellers.name, status: resellers.status, disabledPlugins: disabledPluginsSql(companies.id) })
    .from(companies)
    .leftJoin(resellers, eq(resellers.id, companies.resellerId))
    .where(eq(companies.id, companyId));
  return { ...detail, reseller: extra?.id ? { id: extra.id, name: extra.name!, status: extra.status! } : null, disabledPlugins: extra?.disabledPlugins ?? [] };
}

/** A company the operator's request names (404 when there is none). */
export async function loadCompany(db: Db, companyId: number): Promise<Company> {
  const [c] = await db.select().from(companies).where(eq(companies.id, companyId));
  if (!c) throw notFound('Company');
  return c;
}

/**
 * A direct company (no reseller), created as a reseller creates one (seed 003): its contact's
 * address must be new, and gets a link to choose a password as its first admin. Limits left out
 * are the platform settings' defaults.
 */
export async function createDirectCompany(deps: CoreDeps, input: DirectCompanyInput, actor: Actor): Promise<Company> {
  const settings = await getPlatformSettings(deps.db);
  const full = { ...input, appLimit: input.appLimit ?? settings.defaultAppLimit, memberLimit: input.memberLimit ?? settings.defaultMemberLimit };
  return createResellerCompany(deps, null, full, { actor, sendPasswordResetEmail: true });
}

/** Changes the company's fields and limits (new limits hold from the next project or member on); audited with what changed. */
export async function updateCompanyForOperator(deps: CoreDeps, before: Company, input: CompanyEditInput, actor: Actor): Promise<void> {
  const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as CompanyEditInput;
  if (!Object.keys(set).length) return;
  const [after] = await deps.db.update(companies).set({ ...set, updatedAt: new Date() }).where(eq(companies.id, before.id)).returning();
  const picked = (c: Company) => Object.fromEntries(Object.keys(set).map((k) => [k, c[k as keyof Company]]));
  const changes = diff(picked(before), picked(after!));
  if (!Object.keys(changes.after).length) return;
  await inCompany(deps.db, before.id, (tx) => recordAudit(tx, before.id, actor, { action: 'company.update', targetType: 'Company', targetId: before.id, ...changes }));
}

/** Moves the company to another reseller or to none; its audit log records from and to. */
export async function moveCompany(deps: CoreDeps, company: Company, resellerId: number | null, actor: Actor): Promise<void> {
  if (resellerId !== null) {
    const [target] = await deps.db.select({ id: resellers.id }).from(resellers).where(eq(resellers.id, resellerId));
    if (!target) throw validationFailed('resellerId: no such reseller', [{ path: ['resellerId'], message: 'no such reseller' }]);
  }
  if (company.resellerId === resellerId) return;
  await reassignCompany(deps, company, resellerId, actor);
}
