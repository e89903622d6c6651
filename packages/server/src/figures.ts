import { companies, pluginEnabledSql, servicesOfPlugin, type FigureScope, type HostFigure, type Figure, type PluginFigures } from '@rtc-console/core';
import { and, inArray } from 'drizzle-orm';
import type { ApiDeps } from './deps.js';

/** Every installed plugin's figures entry, built once from its declared services. */
function figureSources(deps: ApiDeps): Array<{ plugin: string; figures: PluginFigures }> {
  return deps.plugins.flatMap((p) => (p.figures ? [{ plugin: p.manifest.id, figures: p.figures(servicesOfPlugin(deps.core, p)) }] : []));
}

const tagged = (plugin: string, list: Figure[]): HostFigure[] => list.map((f) => ({ ...f, key: `${plugin}.${f.key}`, plugin }));

/**
 * The figures of the overview for a scope, every plugin's in the order the plugins are installed.
 * A plugin whose figures fail is logged and left out: the overview still shows core's numbers.
 */
export async function platformFigures(deps: ApiDeps, scope: FigureScope): Promise<HostFigure[]> {
  const out: HostFigure[] = [];
  for (const { plugin, figures } of figureSources(deps)) {
    if (!figures.platform) continue;
    try {
      out.push(...tagged(plugin, await figures.platform(scope)));
    } catch (err) {
      deps.logger.error({ err, plugin }, 'a plugin failed to give its overview figures');
    }
  }
  return out;
}

/**
 * Per company of `ids` (already the caller's readable ones), every plugin's figures; each plugin
 * is asked only for the companies it is on for, so a company with a plugin switched off shows
 * none of that plugin's figures. Every id asked is a key, with an empty list when nothing counts.
 */
export async function companyFigures(deps: ApiDeps, ids: readonly number[], scope: FigureScope): Promise<Record<number, HostFigure[]>> {
  const out: Record<number, HostFigure[]> = Object.fromEntries(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  for (const { plugin, figures } of figureSources(deps)) {
    if (!figures.companies) continue;
    const on = await deps.core.db.select({ id: companies.id }).from(companies).where(and(inArray(companies.id, [...ids]), pluginEnabledSql(companies.id, plugin)));
    if (!on.length) continue;
    try {
      const byCompany = await figures.companies(on.map((c) => c.id), scope);
      for (const { id } of on) out[id]!.push(...tagged(plugin, byCompany[id] ?? []));
    } catch (err) {
      deps.logger.error({ err, plugin }, 'a plugin failed to give its company figures');
    }
  }
  return out;
}

/**
 * Per reseller of `ids` (already the caller's readable ones), every plugin's figures over the
 * reseller's companies; the plugin leaves out the companies it is switched off for, as in its
 * platform figures. Every id asked is a key, with an empty list when nothing counts.
 */
export async function resellerFigures(deps: ApiDeps, ids: readonly number[], scope: FigureScope): Promise<Record<number, HostFigure[]>> {
  const out: Record<number, HostFigure[]> = Object.fromEntries(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  for (const { plugin, figures } of figureSources(deps)) {
    if (!figures.resellers) continue;
    try {
      const byReseller = await figures.resellers(ids, scope);
      for (const id of ids) out[id]!.push(...tagged(plugin, byReseller[id] ?? []));
    } catch (err) {
      deps.logger.error({ err, plugin }, 'a plugin failed to give its reseller figures');
    }
  }
  return out;
}
