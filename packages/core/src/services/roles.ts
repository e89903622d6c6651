import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/types.js';
import { AppError, conflict, notFound, validationFailed } from '../errors.js';
import { invitations, memberships, roles, type Role } from '../schema/team.js';
import { projects } from '../schema/projects.js';
import { BUILTIN_ROLES } from '../shared/permissions/builtin-roles.js';
import { checkGrant } from '../shared/permissions/escalation.js';
import { BUILTIN_ROLE_KEYS, type BuiltinRoleKey, type MemberRoleInput, type PermissionDef } from '../shared/permissions/types.js';
import type { z } from 'zod';
import type { roleInputSchema, roleRefSchema } from '../shared/validation/team.js';
import { diff, recordAudit } from './audit.js';
import type { CompanyContext } from './context.js';
import { assertCan } from './guard.js';

export type RoleRef = z.infer<typeof roleRefSchema>;
export type RoleInput = z.infer<typeof roleInputSchema>;

/** Inserts the built-in role rows once; their rights come from code, so nothing else is stored. */
export async function ensureBuiltinRoles(db: Db): Promise<void> {
  for (const key of BUILTIN_ROLE_KEYS) {
    await db
      .insert(roles)
      .values({ builtin: key, name: BUILTIN_ROLES[key].label.en, description: BUILTIN_ROLES[key].description.en })
      .onConflictDoNothing({ target: roles.builtin });
  }
}

export function roleSpecOf(role: Pick<Role, 'builtin' | 'rules' | 'projectIds'>): MemberRoleInput['role'] {
  return role.builtin ? { builtin: role.builtin } : { rules: role.rules, projectIds: role.projectIds ?? null };
}

/** A role reference from a request (built-in key or custom role id) → the role row of this company. */
export async function resolveRoleRef(tx: Tx, ref: RoleRef): Promise<Role> {
  const where = typeof ref === 'number' ? eq(roles.id, ref) : eq(roles.builtin, ref as BuiltinRoleKey);
  // RLS limits custom roles to the current company; built-in rows are shared.
  const [row] = await tx.select().from(roles).where(where);
  if (!row) throw validationFailed('Unknown role', [{ path: ['role'], message: 'Unknown role' }]);
  return row;
}

export function assertCanGrant(ctx: CompanyContext, target: MemberRoleInput['role']): void {
  const check = checkGrant(ctx.member, target, ctx.catalogue);
  if (!check.ok) {
    throw new AppError(403, 'ESCALATION', 'You cannot grant a role with more rights than your own', {
      missing: check.missing,
      projectsWider: check.projectsWider,
    });
  }
}

export interface RoleView {
  id: number;
  builtin: BuiltinRoleKey | null;
  name: string;
  description: string;
  permissions: string[];
  projectIds: string[] | null;
  memberCount: number;
}

function permissionKeysOf(ctx: CompanyContext, role: Role): string[] {
  const defs: PermissionDef[] = role.builtin
    ? ctx.catalogue.permissionsOf(role.builtin)
    : role.rules.flatMap((r) => ctx.catalogue.forRule(r) ?? []);
  return defs.map((d) => d.key);
}

export async function listRoles(ctx: CompanyContext): Promise<{ rows: RoleView[]; count: number }> {
  assertCan(ctx.ability, 'read', 'Role');
  return ctx.tx(async (tx) => {
    const list = await tx
      .select()
      .from(roles)
      .where(sql`${roles.companyId} is null or ${roles.companyId} = ${ctx.companyId}`)
      .orderBy(sql`${roles.companyId} nulls first`, asc(roles.id));
    const counts = await tx
      .select({ roleId: memberships.roleId, n: count() })
      .from(memberships)
      .where(eq(memberships.companyId, ctx.companyId))
      .groupBy(memberships.roleId);
    const byRole = new Map(counts.map((c) => [c.roleId, Number(c.n)]));
    const rows = list.map((r) => ({
      id: r.id,
      builtin: r.builtin,
      name: r.name,
      description: r.description,
      permissions: permissionKeysOf(ctx, r),
      projectIds: r.projectIds ?? null,
      memberCount: byRole.get(r.id) ?? 0,
    }));
    return { rows, count: rows.length };
  });
}

async function validateRoleInput(ctx: CompanyContext, tx: Tx, input: RoleInput) {
  const unknown = input.permissions.filter((k) => !ctx.catalogue.get(k));
  if (unknown.length) {
    throw validationFailed('Some permissions are not in the catalogue', unknown.map((k) => ({ path: ['permissions'], message: `Unknown permission "${k}"` })));
  }
  const rules = ctx.catalogue.toRules([...new Set(input.permissions)]);
  const problems = ctx.catalogue.validateRules(rules);
  if (problems.length) throw validationFailed('Invalid permissions', problems);
  let projectIds: string[] | null = null;
  if (input.projectIds) {
    projectIds = [...new Set(input.projectIds)];
    const found = projectIds.length
      ? await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.companyId, ctx.companyId), inArray(projects.id, projectIds)))
      : [];
    const missing = projectIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw validationFailed('Unknown projects', missing.map((id) => ({ path: ['projectIds'], message: `Unknown project "${id}"` })));
  }
  const spec = { rules, projectIds };
  assertCanGrant(ctx, spec);
  return spec;
}

async function customRole(tx: Tx, ctx: CompanyContext, id: number): Promise<Role> {
  const [row] = await tx.select().from(roles).where(and(eq(roles.id, id), eq(roles.companyId, ctx.companyId)));
  if (!row) throw notFound('Role');
  return row;
}

function nameTaken(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === '23505';
}

export async function createRole(ctx: CompanyContext, input: RoleInput): Promise<RoleView> {
  assertCan(ctx.ability, 'manage', 'Role');
  try {
    return await ctx.tx(async (tx) => {
      const spec = await validateRoleInput(ctx, tx, input);
      const [row] = await tx
        .insert(roles)
        .values({ companyId: ctx.companyId, name: input.name, description: input.description, rules: spec.rules, projectIds: spec.projectIds })
        .returning();
      await recordAudit(tx, ctx.companyId, ctx.actor, {
        action: 'role.create', targetType: 'Role', targetId: row!.id,
        after: { name: row!.name, permissions: input.permissions, projectIds: spec.projectIds },
      });
      return { id: row!.id, builtin: null, name: row!.name, description: row!.description, permissions: permissionKeysOf(ctx, row!), projectIds: row!.projectIds ?? null, memberCount: 0 };
    });
  } catch (err) {
    if (nameTaken(err)) throw conflict(`A role named "${input.name}" already exists`, [{ path: ['name'], message: 'Name already used' }]);
    throw err;
  }
}

export async function updateRole(ctx: CompanyContext, id: number, input: RoleInput): Promise<RoleView> {
  assertCan(ctx.ability, 'manage', 'Role');
  try {
    return await ctx.tx(async (tx) => {
      const before = await customRole(tx, ctx, id);
      // Editing a role changes what its current holders may do: the editor must be able to grant it as it was, too.
      assertCanGrant(ctx, roleSpecOf(before));
      const spec = await validateRoleInput(ctx, tx, input);
      const [row] = await tx
        .update(roles)
        .set({ name: input.name, description: input.description, rules: spec.rules, projectIds: spec.projectIds, updatedAt: new Date() })
        .where(eq(roles.id, id))
        .returning();
      const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.roleId, id));
      const changes = diff(
        { name: before.name, description: before.description, permissions: permissionKeysOf(ctx, before), projectIds: before.projectIds },
        { name: row!.name, description: row!.description, permissions: permissionKeysOf(ctx, row!), projectIds: row!.projectIds },
      );
      await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'role.update', targetType: 'Role', targetId: id, ...changes });
      return { id, builtin: null, name: row!.name, description: row!.description, permissions: permissionKeysOf(ctx, row!), projectIds: row!.projectIds ?? null, memberCount: Number(n) };
    });
  } catch (err) {
    if (nameTaken(err)) throw conflict(`A role named "${input.name}" already exists`, [{ path: ['name'], message: 'Name already used' }]);
    throw err;
  }
}

export async function deleteRole(ctx: CompanyContext, id: number): Promise<void> {
  assertCan(ctx.ability, 'manage', 'Role');
  await ctx.tx(async (tx) => {
    const role = await customRole(tx, ctx, id);
    assertCanGrant(ctx, roleSpecOf(role));
    const [{ n: members } = { n: 0 }] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.roleId, id));
    const [{ n: invites } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.roleId, id), isNull(invitations.acceptedAt)));
    if (Number(members) > 0 || Number(invites) > 0) {
      throw conflict(`This role is still held by ${members} member(s) and ${invites} open invitation(s); give them another role first`, {
        members: Number(members),
        invitations: Number(invites),
      });
    }
    await tx.delete(roles).where(eq(roles.id, id));
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'role.delete', targetType: 'Role', targetId: id, before: { name: role.name } });
  });
}
