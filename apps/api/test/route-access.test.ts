import { pino } from 'pino';
import { expect, test } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { ApiDeps } from '../src/deps.js';
import { installedPlugins } from '../src/plugins.js';
import { routeTables } from '../src/routes/index.js';

/**
 * The permission matrix derives its expectations from the route tables, so loosening a
 * route's declaration would move the expectation with it. This pins the declarations
 * themselves: changing who may call a route means changing this list on purpose, in review.
 */
test('every route declares the access that was reviewed', () => {
  const deps = { core: {}, config: loadConfig({ DEMO: 'on' }), logger: pino({ level: 'silent' }), plugins: installedPlugins } as unknown as ApiDeps;
  const lines = routeTables(deps).flatMap(({ prefix, routes }) =>
    routes.map((r) => {
      const access = r.access.auth === 'company' && r.access.can ? `company ${r.access.can.join(' ')}` : r.access.auth;
      return `${r.method.toUpperCase()} ${prefix}${r.path === '/' ? '' : r.path} → ${access}${r.reauth ? ' +reauth' : ''}`;
    }),
  );
  expect(lines).toMatchInlineSnapshot(`
    [
      "POST /api/auth/sign-in → public",
      "POST /api/auth/sign-out → user",
      "GET /api/auth/me → user",
      "POST /api/auth/switch-company → user",
      "POST /api/auth/reauth → user",
      "POST /api/auth/forgot-password → public",
      "POST /api/auth/reset-password → public",
      "GET /api/invitations/:token → public",
      "POST /api/invitations/:token/accept → public",
      "GET /api/profile → user",
      "PATCH /api/profile → user",
      "POST /api/profile/password → user",
      "GET /api/company → company",
      "GET /api/members → company read Member",
      "GET /api/members/invitations → company read Member",
      "POST /api/members/invitations → company create Member",
      "DELETE /api/members/invitations/:id → company create Member",
      "PATCH /api/members/:userId → company update Member",
      "POST /api/members/:userId/reset-password → company update Member",
      "DELETE /api/members/:userId → company delete Member",
      "GET /api/roles/catalogue → company read Role",
      "GET /api/roles → company read Role",
      "POST /api/roles → company manage Role",
      "PUT /api/roles/:id → company manage Role",
      "DELETE /api/roles/:id → company manage Role",
      "GET /api/projects → company read Project",
      "POST /api/projects → company create Project",
      "GET /api/projects/:id → company read Project",
      "PATCH /api/projects/:id → company update Project",
      "POST /api/projects/:id/enable → company update Project",
      "POST /api/projects/:id/disable → company update Project",
      "DELETE /api/projects/:id → company delete Project",
      "GET /api/projects/:id/products → company read Project",
      "POST /api/projects/:id/products → company update Project",
      "DELETE /api/projects/:id/products/:typeId → company update Project",
      "POST /api/projects/:id/certificate → company manage AppCertificate +reauth",
      "POST /api/projects/:id/certificate/reveal → company manage AppCertificate +reauth",
      "POST /api/projects/:id/certificate/rotate → company manage AppCertificate +reauth",
      "GET /api/audit → company read AuditLog",
      "GET /api/plugin-settings → company manage PluginSettings",
      "GET /api/plugin-settings/:plugin → company manage PluginSettings",
      "PUT /api/plugin-settings/:plugin → company manage PluginSettings",
      "GET /api/operator/plugins → operator",
      "GET /api/operator/companies → operator",
      "PUT /api/operator/companies/:id/plugins/:pluginId → operator",
      "GET /api/operator/ingest-keys → operator",
      "POST /api/operator/ingest-keys → operator +reauth",
      "DELETE /api/operator/ingest-keys/:id → operator",
      "GET /api/reseller/api-keys → reseller",
      "POST /api/reseller/api-keys → reseller +reauth",
      "DELETE /api/reseller/api-keys/:id → reseller",
      "GET /api/reseller/companies → reseller",
      "POST /api/reseller/companies → reseller",
      "GET /api/reseller/companies/:id → reseller",
      "POST /api/reseller/companies/:id/freeze → reseller",
      "POST /api/reseller/companies/:id/unfreeze → reseller",
      "POST /api/reseller/companies/:id/remove → reseller",
      "POST /api/reseller/companies/:id/visit → reseller",
      "POST /api/reseller/visit/end → reseller",
      "POST /v1/resellers/companies → resellerApi",
      "GET /v1/resellers/companies → resellerApi",
      "POST /v1/resellers/companies/:companyId/projects → resellerApi",
      "GET /v1/resellers/companies/:companyId/projects → resellerApi",
      "POST /v1/resellers/companies/:companyId/projects/:projectId/uap → resellerApi",
      "GET /api/dev/mailbox → public",
      "GET /api/usage/daily → company read Usage",
      "GET /api/usage/export → company export Usage",
      "GET /api/usage/reseller/chart → reseller",
      "GET /api/usage/reseller/download → reseller",
      "GET /api/usage/prices → operator",
      "PUT /api/usage/prices → operator",
      "POST /ingest/usage/records → ingest",
      "GET /ingest/usage/apps → ingest",
      "GET /v1/resellers/companies/daily-bills → resellerApi",
      "GET /v1/resellers/companies/:companyId/usage → resellerApi",
      "GET /v1/resellers/companies/:companyId/projects/:projectId/usage → resellerApi",
    ]
  `);
});
