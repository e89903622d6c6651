import type { RouteTable } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { companyRoutes } from './company.js';
import { devMailboxRoutes } from './dev-mailbox.js';
import { invitationRoutes } from './invitations.js';
import { memberRoutes } from './members.js';
import { operatorRoutes } from './operator.js';
import { pluginSettingsRoutes } from './plugin-settings.js';
import { profileRoutes } from './profile.js';
import { projectRoutes } from './projects.js';
import { resellerApiRoutes } from './reseller-api.js';
import { resellerConsoleRoutes } from './reseller-console.js';
import { roleRoutes } from './roles.js';

/** A route table and, for a plugin's, the plugin it belongs to. */
export interface MountedTable extends RouteTable {
  plugin?: string;
}

/** Every API route: core's, one line per resource, then each installed plugin's. Tests walk this list. */
export function routeTables(deps: ApiDeps): MountedTable[] {
  const core: MountedTable[] = [
    { prefix: '/api/auth', routes: authRoutes(deps) },
    { prefix: '/api/invitations', routes: invitationRoutes(deps) },
    { prefix: '/api/profile', routes: profileRoutes(deps) },
    { prefix: '/api/company', routes: companyRoutes(deps) },
    { prefix: '/api/members', routes: memberRoutes(deps) },
    { prefix: '/api/roles', routes: roleRoutes(deps) },
    { prefix: '/api/projects', routes: projectRoutes(deps) },
    { prefix: '/api/audit', routes: auditRoutes(deps) },
    { prefix: '/api/plugin-settings', routes: pluginSettingsRoutes(deps) },
    { prefix: '/api/operator', routes: operatorRoutes(deps) },
    { prefix: '/api/reseller', routes: resellerConsoleRoutes(deps) },
    { prefix: '/v1/resellers', routes: resellerApiRoutes(deps) },
    ...(deps.config.devMailbox ? [{ prefix: '/api/dev/mailbox', routes: devMailboxRoutes(deps) }] : []),
  ];
  const plugins = deps.plugins.flatMap((p): MountedTable[] => {
    const id = p.manifest.id;
    const mounts = p.mounts?.(deps.core) ?? [];
    for (const t of mounts) {
      // A plugin owns /api/<id> and /ingest/<id>; /v1 is the shared public REST namespace.
      if (!t.prefix.startsWith('/v1/') && !t.prefix.startsWith(`/ingest/${id}`) && !t.prefix.startsWith(`/api/${id}/`)) {
        throw new Error(`Plugin "${id}" may not mount routes under ${t.prefix}`);
      }
    }
    return [...(p.routes ? [{ prefix: `/api/${id}`, routes: p.routes(deps.core), plugin: id }] : []), ...mounts.map((t) => ({ ...t, plugin: id }))];
  });
  return [...core, ...plugins];
}
