import { and, eq, sql, type Column, type SQL } from 'drizzle-orm';
import { rowsOf } from '../db/rows.js';
import type { Db } from '../db/types.js';
import { conflict, notFound } from '../errors.js';
import { dependenciesOf, dependentsOf, type PluginManifest } from '../shared/plugin.js';
import { companyPlugins } from '../schema/platform.js';
import { companies } from '../schema/tenancy.js';
import { recordAudit, type Actor } from './audit.js';
import { CORE_EVENTS, publishEvent } from '../events/index.js';

/**
 * SQL: whether plugin `pluginId` is on for the company whose id is the expression `companyId`.
 * A plugin is on unless the operator switched it off (no row means on). `isPluginEnabled` and
 * every query spanning companies (a reseller's charts, the media edge's ingest) use it; its other
 * side, the list of switched-off plugins, is `disabledPluginsSql`.
 */
export function pluginEnabledSql(companyId: SQL | Column, pluginId: string): SQL {
  return sql`not exists (select 1 from ${companyPlugins} where ${companyPlugins.companyId} = ${companyId} and ${companyPlugins.pluginId} = ${pluginId} and not ${companyPlugins.enabled})`;
}

/** Whether plugin `pluginId` is on for company `companyId` (the route mounter asks, for every route of a plugin that concerns one company). */
export async function isPluginEnabled(db: Db, companyId: number, pluginId: string): Promise<boolean> {
  // The same rule as pluginEnabledSql, as a statement prepared once per connection: every
  // request of a plugin's routes, and every job of a plugin's that concerns a company, asks it.
  const off = await db
    .select({ id: companyPlugins.companyId })
    .from(companyPlugins)
    .where(and(eq(companyPlugins.companyId, companyId), eq(companyPlugins.pluginId, pluginId), eq(companyPlugins.enabled, false)))
    .limit(1)
    .prepare('plugin_switched_off')
    .execute();
  return off.length === 0;
}

/** SQL: the sorted ids of the plugins switched off for the company whose id is the expression `companyId`, as a text array. */
export function disabledPluginsSql(companyId: SQL | Column): SQL<string[]> {
  return sql<string[]>`coalesce((select array_agg(${companyPlugins.pluginId}::text order by ${companyPlugins.pluginId}) from ${companyPlugins} where ${companyPlugins.companyId} = ${companyId} and not ${companyPlugins.enabled}), '{}'::text[])`;
}

/** The plugins switched off for a company (system query: it decides what the company may use). */
export async function disabledPluginsOf(db: Db, companyId: number): Promise<string[]> {
  const [row] = rowsOf<{ off: string[] }>(await db.execute(sql`select ${disabledPluginsSql(sql`${companyId}::int`)} as off`));
  return row?.off ?? [];
}

/**
 * The operator switches a plugin on or off for one company. Off, its permissions leave the
 * company's catalogue (nobody there holds them), its routes refuse and its pages disappear, and
 * the same happens to the installed plugins that build on it (`dependsOn`). On is refused (409)
 * while a plugin it builds on is off for the company. Each change is audited in the company's
 * own log. Returns the plugins whose switch changed.
 */
export async function setCompanyPlugin(
  db: Db,
  actor: Actor,
  companyId: number,
  pluginId: string,
  enabled: boolean,
  installed: readonly Pick<PluginManifest, 'id' | 'dependsOn'>[] = [],
): Promise<string[]> {
  const [company] = await db.select({ id: companies.id }).from(companies).where(eq(companies.id, companyId));
  if (!company) throw notFound('Company');
  const off = new Set(await disabledPluginsOf(db, companyId));
  if (enabled) {
    const missing = dependenciesOf(installed, pluginId).filter((dep) => off.has(dep));
    if (missing.length) throw conflict(`Switch ${missing.map((m) => `"${m}"`).join(', ')} on first: "${pluginId}" builds on ${missing.length > 1 ? 'them' : 'it'}`, { missing });
  }
  const targets = enabled ? [pluginId] : [pluginId, ...dependentsOf(installed, pluginId)];
  const changed = targets.filter((id) => off.has(id) === enabled);
  // The switches and their audit entries commit together.
  await db.transaction(async (tx) => {
    for (const id of targets) {
      await tx
        .insert(companyPlugins)
        .values({ companyId, pluginId: id, enabled })
        .onConflictDoUpdate({ target: [companyPlugins.companyId, companyPlugins.pluginId], set: { enabled, updatedAt: new Date() } });
    }
    for (const id of changed) {
      const because = id === pluginId ? {} : { because: pluginId };
      await recordAudit(tx, companyId, actor, { action: enabled ? 'plugin.enable' : 'plugin.disable', targetType: 'Plugin', targetId: id, before: { enabled: !enabled }, after: { enabled, ...because } });
      await publishEvent(tx, { type: CORE_EVENTS.pluginSwitched, companyId, actor: actor.label, data: { pluginId: id, enabled, ...because } });
    }
  });
  return changed;
}
