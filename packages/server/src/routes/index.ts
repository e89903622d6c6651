import { servicesOfPlugin, type RouteTable } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { companyRoutes } from './company.js';
import { companyTwoFactorRoutes } from './company-two-factor.js';
import { devMailboxRoutes } from './dev-mailbox.js';
import { invitationRoutes } from './invitations.js';
import { knowledgeBaseRoutes } from './knowledge-base.js';
import { memberRoutes } from './members.js';
import { operatorRoutes } from './operator.js';
import { operatorAuditRoutes } from './operator-audit.js';
import { operatorKnowledgeBaseRoutes } from './operator-knowledge-base.js';
import { operatorStaffRoutes } from './operator-staff.js';
import { platformSettingsRoutes } from './platform-settings.js';
import { operatorOverviewRoutes, resellerOverviewRoutes } from './overview.js';
import { operatorTenantRoutes } from './operator-tenants.js';
import { pluginSettingsRoutes } from './plugin-settings.js';
import { profileRoutes } from './profile.js';
import { rememberedBrowserRoutes } from './remembered-browsers.js';
import { projectRoutes } from './projects.js';
import { resellerApiRoutes } from './reseller-api.js';
import { resellerConsoleRoutes } from './reseller-console.js';
import { roleRoutes } from './roles.js';
import { signUpRoutes } from './sign-up.js';
import { sessionRoutes } from './sessions.js';
import { twoFactorRoutes } from './two-factor.js';

/** A route table and, for a plugin's, the plugin it belongs to. */
export interface MountedTable extends RouteTable {
  plugin?: string;
}

/** Every API route: core's, one line per resource, then each installed plugin's. Tests walk this list. */
export function routeTables(deps: ApiDeps): MountedTable[] {
  const core: MountedTable[] = [
    { prefix: '/api/auth', routes: authRoutes(deps) },
    { prefix: '/api/invitations', routes: invitationRoutes(deps) },
    { prefix: '/api/sign-up', routes: signUpRoutes(deps) },
    { prefix: '/api/profile', routes: profileRoutes(deps) },
    { prefix: '/api/profile/two-factor', routes: twoFactorRoutes(deps) },
    { prefix: '/api/profile/sessions', routes: sessionRoutes(deps) },
    { prefix: '/api/profile/remembered-browsers', routes: rememberedBrowserRoutes(deps) },
    { prefix: '/api/company', routes: companyRoutes(deps) },
    { prefix: '/api/company/two-factor', routes: companyTwoFactorRoutes(deps) },
    { prefix: '/api/members', routes: memberRoutes(deps) },
    { prefix: '/api/roles', routes: roleRoutes(deps) },
    { prefix: '/api/projects', routes: projectRoutes(deps) },
    { prefix: '/api/audit', routes: auditRoutes(deps) },
    { prefix: '/api/plugin-settings', routes: pluginSettingsRoutes(deps) },
    { prefix: '/api/kb', routes: knowledgeBaseRoutes(deps) },
    { prefix: '/api/operator', routes: operatorRoutes(deps) },
    { prefix: '/api/operator/staff', routes: operatorStaffRoutes(deps) },
    { prefix: '/api/operator/settings', routes: platformSettingsRoutes(deps) },
    { prefix: '/api/operator', routes: operatorTenantRoutes(deps) },
    { prefix: '/api/operator', routes: operatorAuditRoutes(deps) },
    { prefix: '/api/operator/kb', routes: operatorKnowledgeBaseRoutes(deps) },
    { prefix: '/api/reseller', routes: resellerConsoleRoutes(deps) },
    // The overviews and list figures, beside the operator's and the reseller's own tables.
    { prefix: '/api/operator', routes: operatorOverviewRoutes(deps) },
    { prefix: '/api/reseller', routes: resellerOverviewRoutes(deps) },
    { prefix: '/v1/resellers', routes: resellerApiRoutes(deps) },
    ...(deps.config.devMailbox ? [{ prefix: '/api/dev/mailbox', routes: devMailboxRoutes(deps) }] : []),
  ];
  const plugins = deps.plugins.flatMap((p): MountedTable[] => {
    const id = p.manifest.id;
    const services = servicesOfPlugin(deps.core, p);
    const mounts = p.mounts?.(services) ?? [];
    for (const t of mounts) {
      // A plugin owns /api/<id> and /ingest/<id>; /v1 is the shared public REST namespace.
      if (!t.prefix.startsWith('/v1/') && !t.prefix.startsWith(`/ingest/${id}`) && !t.prefix.startsWith(`/api/${id}/`)) {
        throw new Error(`Plugin "${id}" may not mount routes under ${t.prefix}`);
      }
    }
    return [...(p.routes ? [{ prefix: `/api/${id}`, routes: p.routes(services), plugin: id }] : []), ...mounts.map((t) => ({ ...t, plugin: id }))];
  });
  return [...core, ...plugins];
}
