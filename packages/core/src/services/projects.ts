import { and, asc, count, desc, eq, ilike, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../db/types.js';
import { AppError, conflict, limitReached, notFound, validationFailed } from '../errors.js';
import { accessibleWhere } from '../permissions/drizzle-adapter.js';
import { projects, type Project } from '../schema/projects.js';
import { companies } from '../schema/tenancy.js';
import { PROJECT_STATUS } from '../shared/validation/project.js';
import type { projectCreateSchema, projectListQuerySchema, projectUpdateSchema } from '../shared/validation/project.js';
import { diff, recordAudit } from './audit.js';
import type { CompanyContext } from './context.js';
import { allows, assertCan } from './guard.js';
import { searchTerm } from './search.js';
import { randomBase62, randomHex } from './tokens.js';
import { CORE_EVENTS, publishEvent } from '../events/index.js';

export type ProjectCreate = z.infer<typeof projectCreateSchema>;
export type ProjectUpdate = z.infer<typeof projectUpdateSchema>;
export type ProjectListQuery = z.infer<typeof projectListQuerySchema> & { limit: number; offset: number; q?: string | undefined; order: 'asc' | 'desc' };

/** A project as the API shows it: the certificate itself is never part of it (see `revealCertificate`). */
export type ProjectView = Omit<Project, 'appCertificate'>;

const PROJECT_FIELDS = { id: projects.id, companyId: projects.companyId, status: projects.status };
const SORT = { createdAt: projects.createdAt, name: projects.name, status: projects.status } as const;
const STATUS_FILTER = {
  active: ne(projects.status, PROJECT_STATUS.deleted),
  enabled: eq(projects.status, PROJECT_STATUS.enabled),
  disabled: eq(projects.status, PROJECT_STATUS.disabled),
  deleted: eq(projects.status, PROJECT_STATUS.deleted),
  all: undefined,
} as const;

export function toProjectView(p: Project): ProjectView {
  const { appCertificate: _secret, ...view } = p;
  return view;
}

function asRow(p: Project): Record<string, unknown> {
  return { id: p.id, companyId: p.companyId, status: p.status };
}

export async function listProjects(ctx: CompanyContext, query: ProjectListQuery): Promise<{ rows: ProjectView[]; count: number }> {
  assertCan(ctx.ability, 'read', 'Project');
  const term = searchTerm(query.q);
  const where = and(
    accessibleWhere(ctx.ability, 'read', 'Project', PROJECT_FIELDS),
    STATUS_FILTER[query.status],
    term ? or(ilike(projects.name, term), ilike(projects.appId, term), ilike(projects.id, term)) : undefined,
  );
  const dir = query.order === 'asc' ? asc : desc;
  return ctx.tx(async (tx) => {
    // Sent together: one round trip on a server. Prepared (a name makes drizzle ask postgres.js
    // to), so each connection parses them once: unprepared, every statement costs a second
    // round trip to describe it (docs/benchmarks.md, benchmark D).
    const [rows, [total]] = await Promise.all([
      tx.select().from(projects).where(where).orderBy(dir(SORT[query.sort]), asc(projects.id)).limit(query.limit).offset(query.offset).prepare('projects_page').execute(),
      tx.select({ n: count() }).from(projects).where(where).prepare('projects_count').execute(),
    ]);
    return { rows: rows.map(toProjectView), count: Number(total?.n ?? 0) };
  });
}

/** A project of the current company that the actor may `action`; 404 for ids of other companies or unknown ones. */
async function projectFor(tx: Tx, ctx: CompanyContext, id: string, action: string, subject = 'Project'): Promise<Project> {
  const [row] = await tx.select().from(projects).where(and(eq(projects.id, id), eq(projects.companyId, ctx.companyId)));
  // A project the member's role cannot even read (custom role limited to other projects) is "not found" too.
  if (!row || !allows(ctx.ability, 'read', 'Project', asRow(row))) throw notFound('Project');
  assertCan(ctx.ability, action, subject, asRow(row));
  return row;
}

export async function getProject(ctx: CompanyContext, id: string): Promise<ProjectView> {
  assertCan(ctx.ability, 'read', 'Project');
  return ctx.tx(async (tx) => toProjectView(await projectFor(tx, ctx, id, 'read')));
}

function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = (err as { cause?: { code?: string; constraint_name?: string; constraint?: string } }).cause ?? (err as { code?: string; constraint_name?: string; constraint?: string });
  return e.code === '23505' && (!constraint || (e.constraint_name ?? e.constraint) === constraint);
}

const nameTaken = (name: string) => conflict(`A project named "${name}" already exists`, [{ path: ['name'], message: 'Name already used' }]);

/** Creates a project with a fresh App ID; appLimit counts every project that is not deleted. */
export async function createProject(ctx: CompanyContext, input: ProjectCreate): Promise<ProjectView> {
  assertCan(ctx.ability, 'create', 'Project');
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.tx(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('company'), ${ctx.companyId})`);
        const [company] = await tx.select({ appLimit: companies.appLimit }).from(companies).where(eq(companies.id, ctx.companyId));
        const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(projects).where(and(eq(projects.companyId, ctx.companyId), ne(projects.status, PROJECT_STATUS.deleted)));
        const limit = company?.appLimit ?? 0;
        if (Number(n) >= limit) throw limitReached(`The company has reached its project limit of ${limit}`, { appLimit: limit, projects: Number(n) });
        const [row] = await tx
          .insert(projects)
          .values({ id: randomBase62(8), companyId: ctx.companyId, appId: randomHex(16), name: input.name, region: input.region, billingType: input.billingType })
          .returning();
        await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'project.create', targetType: 'Project', targetId: row!.id, after: { name: row!.name, appId: row!.appId, region: row!.region } });
        await publishEvent(tx, { type: CORE_EVENTS.projectCreated, companyId: ctx.companyId, actor: ctx.actor.label, data: { projectId: row!.id, appId: row!.appId, name: row!.name } });
        return toProjectView(row!);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'projects_company_name_unique')) throw nameTaken(input.name);
      // A random id or App ID collided: astronomically rare, so simply draw again.
      if (isUniqueViolation(err) && attempt < 3) continue;
      throw err;
    }
  }
}

export async function updateProject(ctx: CompanyContext, id: string, input: ProjectUpdate): Promise<ProjectView> {
  assertCan(ctx.ability, 'update', 'Project');
  try {
    return await ctx.tx(async (tx) => {
      const before = await projectFor(tx, ctx, id, 'update');
      if (before.status === PROJECT_STATUS.deleted) throw conflict('A deleted project cannot be edited');
      const [after] = await tx.update(projects).set({ ...input, updatedAt: new Date() }).where(eq(projects.id, id)).returning();
      const changes = diff(
        { name: before.name, recordingServers: before.recordingServers, region: before.region, billingType: before.billingType },
        { name: after!.name, recordingServers: after!.recordingServers, region: after!.region, billingType: after!.billingType },
      );
      await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'project.update', targetType: 'Project', targetId: id, ...changes });
      if (Object.keys(changes.after).length) await publishEvent(tx, { type: CORE_EVENTS.projectUpdated, companyId: ctx.companyId, actor: ctx.actor.label, data: { projectId: id, appId: after!.appId, changed: changes.after } });
      return toProjectView(after!);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'projects_company_name_unique')) throw nameTaken(input.name ?? '');
    throw err;
  }
}

/** Enables or disables a project; a disabled project's traffic is refused by ingest and the edge. */
export async function setProjectEnabled(ctx: CompanyContext, id: string, enabled: boolean): Promise<ProjectView> {
  assertCan(ctx.ability, 'update', 'Project');
  return ctx.tx(async (tx) => {
    const before = await projectFor(tx, ctx, id, 'update');
    if (before.status === PROJECT_STATUS.deleted) throw conflict('A deleted project cannot be enabled or disabled');
    const status = enabled ? PROJECT_STATUS.enabled : PROJECT_STATUS.disabled;
    const [after] = await tx.update(projects).set({ status, updatedAt: new Date() }).where(eq(projects.id, id)).returning();
    if (before.status !== status) {
      await recordAudit(tx, ctx.companyId, ctx.actor, { action: enabled ? 'project.enable' : 'project.disable', targetType: 'Project', targetId: id, before: { status: before.status }, after: { status } });
      await publishEvent(tx, { type: enabled ? CORE_EVENTS.projectEnabled : CORE_EVENTS.projectDisabled, companyId: ctx.companyId, actor: ctx.actor.label, data: { projectId: id, appId: before.appId } });
    }
    return toProjectView(after!);
  });
}

/**
 * Deletes a project for good: the caller must type its name; its certificate and settings are
 * wiped, every plugin purges its data of it (hooks), and the row stays as a tombstone with
 * status -1 so its App ID is never reused.
 */
export async function deleteProject(ctx: CompanyContext, id: string, confirmName: string): Promise<ProjectView> {
  assertCan(ctx.ability, 'delete', 'Project');
  return ctx.tx(async (tx) => {
    const before = await projectFor(tx, ctx, id, 'delete');
    if (before.status === PROJECT_STATUS.deleted) throw notFound('Project');
    if (confirmName !== before.name) {
      throw validationFailed('Type the project name exactly to confirm the deletion', [{ path: ['confirmName'], message: 'Does not match the project name' }]);
    }
    for (const purge of ctx.hooks.onProjectPurge) await purge(tx, before);
    const [after] = await tx
      .update(projects)
      .set({ status: PROJECT_STATUS.deleted, deletedAt: new Date(), updatedAt: new Date(), appCertificate: null, certificateEnabled: false, recordingServers: [] })
      .where(eq(projects.id, id))
      .returning();
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'project.delete', targetType: 'Project', targetId: id, before: { name: before.name, status: before.status }, after: { status: PROJECT_STATUS.deleted } });
    await publishEvent(tx, { type: CORE_EVENTS.projectDeleted, companyId: ctx.companyId, actor: ctx.actor.label, data: { projectId: id, appId: before.appId, name: before.name } });
    return toProjectView(after!);
  });
}

async function certificateProject(tx: Tx, ctx: CompanyContext, id: string): Promise<Project> {
  const project = await projectFor(tx, ctx, id, 'manage', 'AppCertificate');
  if (project.status === PROJECT_STATUS.deleted) throw notFound('Project');
  return project;
}

/** Turns the App Certificate on (a new one is drawn) and returns it. */
export async function enableCertificate(ctx: CompanyContext, id: string): Promise<{ appCertificate: string }> {
  assertCan(ctx.ability, 'manage', 'AppCertificate');
  return ctx.tx(async (tx) => {
    const project = await certificateProject(tx, ctx, id);
    if (project.certificateEnabled && project.appCertificate) throw conflict('The App Certificate is already enabled');
    const appCertificate = randomHex(16);
    await tx.update(projects).set({ certificateEnabled: true, appCertificate, updatedAt: new Date() }).where(eq(projects.id, id));
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'project.certificate.enable', targetType: 'Project', targetId: id });
    return { appCertificate };
  });
}

/** Reveals the App Certificate; the API only calls this after a recent password re-entry. Audited. */
export async function revealCertificate(ctx: CompanyContext, id: string): Promise<{ appCertificate: string }> {
  assertCan(ctx.ability, 'manage', 'AppCertificate');
  return ctx.tx(async (tx) => {
    const project = await certificateProject(tx, ctx, id);
    if (!project.certificateEnabled || !project.appCertificate) throw new AppError(409, 'CONFLICT', 'The App Certificate is not enabled');
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'project.certificate.reveal', targetType: 'Project', targetId: id });
    return { appCertificate: project.appCertificate };
  });
}

/** Replaces the App Certificate: tokens signed with the old one stop working. */
export async function rotateCertificate(ctx: CompanyContext, id: string): Promise<{ appCertificate: string }> {
  assertCan(ctx.ability, 'manage', 'AppCertificate');
  return ctx.tx(async (tx) => {
    const project = await certificateProject(tx, ctx, id);
    if (!project.certificateEnabled) throw new AppError(409, 'CONFLICT', 'Enable the App Certificate first');
    const appCertificate = randomHex(16);
    await tx.update(projects).set({ appCertificate, updatedAt: new Date() }).where(eq(projects.id, id));
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'project.certificate.rotate', targetType: 'Project', targetId: id });
    return { appCertificate };
  });
}
