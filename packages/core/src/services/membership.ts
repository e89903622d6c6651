import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { companies } from '../schema/tenancy.js';
import { memberships, roles } from '../schema/team.js';
import { users } from '../schema/users.js';
import type { BuiltinRoleKey, Locale, MemberRoleInput, StoredRule } from '../shared/permissions/types.js';
import { disabledPluginsSql } from './plugins.js';

/** A user's membership in one company, with what building their ability needs: the role, the company's state, its switched-off plugins. */
export interface LoadedMembership {
  member: MemberRoleInput;
  company: { id: number; name: string; blocked: boolean };
  roleName: string;
  /** Plugins the operator switched off for the company, sorted. */
  disabledPlugins: string[];
}

/**
 * The columns of a membership joined with its role and company, and the company's switched-off
 * plugins as one array: selected beside other tables (the session, on every request) so that
 * the request needs one statement, not three.
 */
export const membershipColumns = {
  mRoleId: roles.id,
  mRoleName: roles.name,
  mBuiltin: roles.builtin,
  mRules: roles.rules,
  mProjectIds: roles.projectIds,
  mCompanyId: companies.id,
  mCompanyName: companies.name,
  mBlocked: companies.blocked,
  mDisabledPlugins: disabledPluginsSql(companies.id),
};

type MembershipRow = { [K in keyof typeof membershipColumns]: unknown };

/** The selected columns as a membership, or null when the left joins found none. */
export function toMembership(userId: number, row: MembershipRow): LoadedMembership | null {
  if (row.mRoleId == null || row.mCompanyId == null) return null;
  const companyId = row.mCompanyId as number;
  const builtin = row.mBuiltin as BuiltinRoleKey | null;
  const role: MemberRoleInput['role'] = builtin ? { builtin } : { rules: row.mRules as StoredRule[], projectIds: (row.mProjectIds as string[] | null) ?? null };
  return {
    member: { userId, companyId, role },
    company: { id: companyId, name: row.mCompanyName as string, blocked: row.mBlocked as boolean },
    roleName: row.mRoleName as string,
    disabledPlugins: (row.mDisabledPlugins as string[] | null) ?? [],
  };
}

/** The membership of a user in a company, in one statement; null when they are not a member. */
export async function loadMembership(db: Db, userId: number, companyId: number): Promise<LoadedMembership | null> {
  const [row] = await db
    .select(membershipColumns)
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(and(eq(memberships.userId, userId), eq(memberships.companyId, companyId)));
  return row ? toMembership(userId, row) : null;
}

/** Who to tell about a company's setup (a plugin's mail): the members holding the built-in admin role, with the language each reads. */
export async function companyAdmins(db: Db, companyId: number): Promise<Array<{ email: string; name: string; locale: Locale }>> {
  return db
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(memberships)
    .innerJoin(roles, eq(roles.id, memberships.roleId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.companyId, companyId), eq(roles.builtin, 'admin')))
    .orderBy(users.id);
}
