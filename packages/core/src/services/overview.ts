import { and, count, gte, inArray, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../db/types.js';
import { accessibleWhere } from '../permissions/drizzle-adapter.js';
import { projects } from '../schema/projects.js';
import { memberships } from '../schema/team.js';
import { companies, RESELLER_STATUSES, resellers } from '../schema/tenancy.js';
import { CONSOLE_STATUSES, type ConsoleStatus } from '../shared/reseller.js';
import type { AppAbility } from '../shared/permissions/types.js';
import { PROJECT_STATUS } from '../shared/validation/project.js';
import { companiesWhere } from './company-access.js';

export const NEW_COMPANY_DAYS = 7;

/** The numbers of the overview at a glance, over the companies the caller may read. */
export interface CompaniesOverview {
  companies: {
    total: number;
    /** By the console status of seed 001 (0–3, or blocked whatever its status): the counts add up to `total`. */
    byStatus: Record<ConsoleStatus, number>;
    /** Created within the last seven days (a rolling week). */
    newThisWeek: number;
  };
  /** Projects not deleted, and memberships, of those companies. */
  projects: number;
  members: number;
}

export interface PlatformOverview extends CompaniesOverview {
  resellers: { total: number; byStatus: Record<(typeof RESELLER_STATUSES)[number], number> };
  /** Companies without a reseller (the operator's direct customers). */
  directCompanies: number;
}

/** The companies overview of whoever `ability` belongs to (the operator: all; a reseller's staff: its own, in SQL). */
export async function companiesOverview(db: Queryable, ability: AppAbility, now = new Date()): Promise<CompaniesOverview> {
  const visible = companiesWhere(ability);
  const weekAgo = new Date(now.getTime() - NEW_COMPANY_DAYS * 86_400_000);
  const status = sql<ConsoleStatus>`case when ${companies.blocked} then 'blocked' else (array[${sql.join(CONSOLE_STATUSES.slice(0, 4).map((s) => sql`${s}`), sql`, `)}])[${companies.status} + 1] end`;
  const rows = await db.select({ status, n: count() }).from(companies).where(visible).groupBy(sql`1`);
  const [fresh] = await db.select({ n: count() }).from(companies).where(and(visible, gte(companies.createdAt, weekAgo)));
  const ids = db.select({ id: companies.id }).from(companies).where(visible);
  const [p] = await db.select({ n: count() }).from(projects).where(and(inArray(projects.companyId, ids), ne(projects.status, PROJECT_STATUS.deleted)));
  const [m] = await db.select({ n: count() }).from(memberships).where(inArray(memberships.companyId, ids));
  const byStatus = Object.fromEntries(CONSOLE_STATUSES.map((s) => [s, 0])) as Record<ConsoleStatus, number>;
  for (const r of rows) byStatus[r.status] = Number(r.n);
  return {
    companies: { total: rows.reduce((s, r) => s + Number(r.n), 0), byStatus, newThisWeek: Number(fresh?.n ?? 0) },
    projects: Number(p?.n ?? 0),
    members: Number(m?.n ?? 0),
  };
}

/** The operator's overview: every company, and the resellers by status. */
export async function platformOverview(db: Queryable, ability: AppAbility, now = new Date()): Promise<PlatformOverview> {
  const base = await companiesOverview(db, ability, now);
  const rows = await db.select({ status: resellers.status, n: count() }).from(resellers).groupBy(resellers.status);
  const byStatus = Object.fromEntries(RESELLER_STATUSES.map((s) => [s, 0])) as PlatformOverview['resellers']['byStatus'];
  for (const r of rows) byStatus[r.status] = Number(r.n);
  const [direct] = await db.select({ n: count() }).from(companies).where(and(companiesWhere(ability), sql`${companies.resellerId} is null`));
  return { ...base, resellers: { total: rows.reduce((s, r) => s + Number(r.n), 0), byStatus }, directCompanies: Number(direct?.n ?? 0) };
}

/** Of `ids`, those the caller may read (a list page's visible rows, checked again on the server). */
export async function readableCompanyIds(db: Queryable, ability: AppAbility, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db.select({ id: companies.id }).from(companies).where(and(companiesWhere(ability), inArray(companies.id, [...ids])));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}


/** Of `ids`, the resellers the caller may read (the reseller list's visible rows). */
export async function readableResellerIds(db: Queryable, ability: AppAbility, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db.select({ id: resellers.id }).from(resellers).where(and(accessibleWhere(ability, 'read', 'Reseller', { id: resellers.id }), inArray(resellers.id, [...ids])));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
