import type { Logger } from 'pino';
import { inCompany } from '../db/tenant.js';
import type { EventBus } from '../events/event-bus.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Db, Tx } from '../db/types.js';
import type { Project } from '../schema/projects.js';
import type { PermissionCatalogue } from '../shared/permissions/catalogue.js';
import type { AppAbility, MemberRoleInput } from '../shared/permissions/types.js';
import type { Actor } from './audit.js';
import { loadMembership, type LoadedMembership } from './membership.js';
import type { Mailer } from './mail/mailer.js';

export interface CoreConfig {
  /** Absolute URL of the web app, for links in emails. */
  publicUrl: string;
  invitationTtlHours: number;
  passwordResetTtlMinutes: number;
  /** The demo is on (a local trial: plugins may allow what only a trial needs, like loopback webhooks). */
  demo: boolean;
  /** The environment the configuration was read from: plugins read their own `<PLUGIN_ID>_…` variables through their config service. */
  env: Readonly<Record<string, string | undefined>>;
}

/** Extension points core calls into; plugins register here through the plugin API. */
export interface CoreHooks {
  /** Runs inside the tenant transaction that deletes a project: remove the plugin's data of it. */
  onProjectPurge: Array<(tx: Tx, project: Project) => Promise<void>>;
}

/** What every service needs, built once at start-up. */
export interface CoreDeps {
  db: Db;
  mailer: Mailer;
  catalogue: PermissionCatalogue;
  logger: Logger;
  config: CoreConfig;
  hooks: CoreHooks;
  /** The key that encrypts plugin settings' secrets (AES-256). */
  settingsKey: Buffer;
  /** The job queue (pg-boss on this database): core's jobs and every plugin's. */
  jobs: JobQueue;
  /** The events bus: hands the outbox's events to subscribers' jobs after commit. */
  events: EventBus;
}

/**
 * One request's view of one company: who acts, what they may do, and `tx` to run queries as
 * that company (row-level security on). Company-scoped services take this as first argument.
 */
export interface CompanyContext extends CoreDeps {
  companyId: number;
  /** Plugins the operator switched off for this company. */
  disabledPlugins: readonly string[];
  actor: Actor;
  member: MemberRoleInput;
  ability: AppAbility;
  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * What a route handler gets as `req.company`: the company, who acts and what they may do, and
 * `tx` as that company; none of core's internals (no system handle, mailer or keys). Plugins
 * reach further only through the services they declare; core's own routes get the whole
 * context from the server.
 */
export type CompanyScope = Pick<CompanyContext, 'companyId' | 'disabledPlugins' | 'actor' | 'member' | 'ability' | 'tx'>;

/** A context's scope alone, as a new object: what `req.company` holds. */
export function scopeOf(ctx: CompanyContext): CompanyScope {
  const { companyId, disabledPlugins, actor, member, ability, tx } = ctx;
  return { companyId, disabledPlugins, actor, member, ability, tx };
}

export function createCompanyContext(
  deps: CoreDeps,
  scope: { companyId: number; actor: Actor; member: MemberRoleInput; ability: AppAbility; disabledPlugins?: readonly string[] },
): CompanyContext {
  return { ...deps, ...scope, disabledPlugins: scope.disabledPlugins ?? [], tx: (fn) => inCompany(deps.db, scope.companyId, fn) };
}

export function emptyHooks(): CoreHooks {
  return { onProjectPurge: [] };
}

/**
 * Builds the company context of a user in a company from the database: their role, the CASL
 * ability it gives under the catalogue. Null when they are not a member. `blocked` tells
 * whether the company is blocked, for callers that refuse then.
 */
export async function loadCompanyContext(
  deps: CoreDeps,
  scope: { userId: number; companyId: number; actor: Actor },
): Promise<{ ctx: CompanyContext; blocked: boolean; roleName: string; disabledPlugins: string[] } | null> {
  const loaded = await loadMembership(deps.db, scope.userId, scope.companyId);
  return loaded && companyContextOf(deps, loaded, scope.actor);
}

/** The company context of a membership already loaded (with the session, on every request). */
export function companyContextOf(
  deps: CoreDeps,
  loaded: LoadedMembership,
  actor: Actor,
): { ctx: CompanyContext; blocked: boolean; roleName: string; disabledPlugins: string[] } {
  const { disabledPlugins } = loaded;
  // Plugins switched off for the company take their permissions with them.
  const catalogue = deps.catalogue.withoutPlugins(disabledPlugins);
  const ability = catalogue.abilityOf(loaded.member);
  const ctx = createCompanyContext({ ...deps, catalogue }, { companyId: loaded.company.id, actor, member: loaded.member, ability, disabledPlugins });
  return { ctx, blocked: loaded.company.blocked, roleName: loaded.roleName, disabledPlugins };
}
