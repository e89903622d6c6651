import { AppError, parse, pluginSettingsInputSchema, updatePluginSettings, viewPluginSettings, type PluginManifest } from '@rtc-console/core';
import type { Request } from 'express';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';
import { companyContext } from '../http/company-context.js';

/**
 * The company's settings of its plugins (admins, and custom roles given `settings.manage`): the
 * values the plugin's schema describes, and its secrets, which are written, never read back.
 */
export function pluginSettingsRoutes(deps: ApiDeps) {
  const withSettings = deps.plugins.map((p) => p.manifest).filter((m): m is PluginManifest & Required<Pick<PluginManifest, 'settings'>> => !!m.settings);
  // A plugin switched off for the company is not there for it: the same 404 as an unknown one.
  const pluginOf = (req: Request) => {
    const id = String(req.params.plugin);
    const m = withSettings.find((p) => p.id === id);
    if (!m || companyContext(req).disabledPlugins.includes(id)) throw new AppError(404, 'NOT_FOUND', 'No plugin with settings by that id');
    return m;
  };
  return defineRoutes([
    {
      method: 'get', path: '/', summary: "The company's plugins that have settings", access: { auth: 'company', can: ['manage', 'PluginSettings'] },
      handler(req, res) {
        const rows = withSettings.filter((m) => !companyContext(req).disabledPlugins.includes(m.id)).map((m) => ({ pluginId: m.id, name: m.name }));
        res.json({ rows, count: rows.length });
      },
    },
    {
      method: 'get', path: '/:plugin', summary: "A plugin's settings (secrets: only whether each is set)", access: { auth: 'company', can: ['manage', 'PluginSettings'] },
      async handler(req, res) {
        res.json(await viewPluginSettings(companyContext(req), pluginOf(req)));
      },
    },
    {
      method: 'put', path: '/:plugin', summary: "Change a plugin's settings (values checked by its schema; secrets set or cleared)", access: { auth: 'company', can: ['manage', 'PluginSettings'] },
      async handler(req, res) {
        res.json(await updatePluginSettings(companyContext(req), pluginOf(req), parse(pluginSettingsInputSchema, req.body)));
      },
    },
  ]);
}
