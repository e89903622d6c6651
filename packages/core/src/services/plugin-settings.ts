import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, validationFailed } from '../errors.js';
import { pluginSettings } from '../schema/settings.js';
import type { PluginManifest } from '../shared/plugin.js';
import { assertCan } from './guard.js';
import { recordAudit } from './audit.js';
import type { CompanyContext, CoreDeps } from './context.js';
import { decryptSecret, encryptSecret } from './settings-crypto.js';

type SettingsManifest = Pick<PluginManifest, 'id' | 'settings'>;

/** What the console shows of a plugin's settings: the values, and for each secret only whether it is set. */
export interface PluginSettingsView {
  pluginId: string;
  values: Record<string, unknown>;
  secrets: Record<string, boolean>;
  updatedAt: Date | null;
}

/** A change: new values (the whole object, checked by the plugin's schema); secrets to set (a string) or clear (null), others kept. */
export const pluginSettingsInputSchema = z
  .object({
    values: z.record(z.string(), z.unknown()).optional(),
    secrets: z.record(z.string(), z.string().nullable()).optional(),
  })
  .strict();
export type PluginSettingsInput = z.infer<typeof pluginSettingsInputSchema>;

const contextOf = (companyId: number, pluginId: string) => `${companyId}/${pluginId}`;

function schemasOf(plugin: SettingsManifest) {
  if (!plugin.settings) throw new AppError(404, 'NOT_FOUND', `The plugin "${plugin.id}" has no settings`);
  return { values: plugin.settings.values ?? z.object({}), secrets: plugin.settings.secrets ?? z.object({}) };
}

async function storedRow(ctx: CompanyContext, pluginId: string) {
  const [row] = await ctx.tx((tx) => tx.select().from(pluginSettings).where(and(eq(pluginSettings.companyId, ctx.companyId), eq(pluginSettings.pluginId, pluginId))));
  return row;
}

/** The stored secrets, or undefined when this key cannot open them (another key, or a value not written for this row). */
function tryOpenSecrets(key: Buffer, sealed: string | null, companyId: number, pluginId: string): Record<string, string> | undefined {
  if (!sealed) return {};
  try {
    return JSON.parse(decryptSecret(key, sealed, contextOf(companyId, pluginId))) as Record<string, string>;
  } catch {
    return undefined;
  }
}

function openSecrets(key: Buffer, sealed: string | null, companyId: number, pluginId: string): Record<string, string> {
  const secrets = tryOpenSecrets(key, sealed, companyId, pluginId);
  if (!secrets) throw new AppError(500, 'SETTINGS_UNREADABLE', `The stored secrets of "${pluginId}" cannot be read with this server's settings key; restore the key (SETTINGS_KEY or data/settings.key) or set the secrets again`);
  return secrets;
}

/** Stored values, read through the plugin's schema (defaults filled in); values an older version stored that no longer fit give way to the defaults. */
function readValues(schema: z.ZodObject, stored: Record<string, unknown> | undefined): Record<string, unknown> {
  const parsed = schema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const fallback = schema.safeParse({});
  return fallback.success ? (fallback.data as Record<string, unknown>) : { ...stored };
}

function viewOf(pluginId: string, secretsSchema: z.ZodObject, values: Record<string, unknown>, secrets: Record<string, string>, updatedAt: Date | null): PluginSettingsView {
  return { pluginId, values, secrets: Object.fromEntries(Object.keys(secretsSchema.shape).map((name) => [name, typeof secrets[name] === 'string'])), updatedAt };
}

/** The company's settings of a plugin as its admins see them (GET). */
export async function viewPluginSettings(ctx: CompanyContext, plugin: SettingsManifest): Promise<PluginSettingsView> {
  assertCan(ctx.ability, 'manage', 'PluginSettings');
  const schemas = schemasOf(plugin);
  const row = await storedRow(ctx, plugin.id);
  const secrets = openSecrets(ctx.settingsKey, row?.secrets ?? null, ctx.companyId, plugin.id);
  return viewOf(plugin.id, schemas.secrets, readValues(schemas.values, row?.values), secrets, row?.updatedAt ?? null);
}

/**
 * Saves a change: values checked by the plugin's schema (a 400 naming each field), secrets
 * merged, encrypted and never echoed; one audit entry naming the changed values and the secrets
 * set or cleared (not their content), in the same transaction.
 */
export async function updatePluginSettings(ctx: CompanyContext, plugin: SettingsManifest, input: PluginSettingsInput): Promise<PluginSettingsView> {
  assertCan(ctx.ability, 'manage', 'PluginSettings');
  const schemas = schemasOf(plugin);
  const row = await storedRow(ctx, plugin.id);
  const before = readValues(schemas.values, row?.values);
  let values = before;
  if (input.values !== undefined) {
    const parsed = schemas.values.strict().safeParse(input.values);
    if (!parsed.success) throw validationFailed(parsed.error.issues.map((i) => `values.${i.path.join('.')}: ${i.message}`).join('; '), parsed.error.issues.map((i) => ({ path: ['values', ...i.path.map(String)], message: i.message })));
    values = parsed.data as Record<string, unknown>;
  }
  // Secrets this key cannot read are lost already: setting secrets again starts afresh.
  const secrets = tryOpenSecrets(ctx.settingsKey, row?.secrets ?? null, ctx.companyId, plugin.id) ?? {};
  const changedSecrets: string[] = [];
  const problems: { path: string[]; message: string }[] = [];
  for (const [name, value] of Object.entries(input.secrets ?? {})) {
    const field = (schemas.secrets.shape as Record<string, z.ZodType | undefined>)[name];
    if (!field) { problems.push({ path: ['secrets', name], message: 'is not a secret of this plugin' }); continue; }
    if (value === null) {
      if (name in secrets) { delete secrets[name]; changedSecrets.push(name); }
      continue;
    }
    const ok = field.safeParse(value);
    if (!ok.success) { problems.push({ path: ['secrets', name], message: ok.error.issues[0]?.message ?? 'is not valid' }); continue; }
    secrets[name] = String(ok.data);
    changedSecrets.push(name);
  }
  if (problems.length) throw validationFailed(problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; '), problems);
  const sealed = Object.keys(secrets).length ? encryptSecret(ctx.settingsKey, JSON.stringify(secrets), contextOf(ctx.companyId, plugin.id)) : null;
  const now = new Date();
  // Tenants only read the table: the write goes through the system handle, after the check above,
  // and its audit entry commits with it.
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(pluginSettings)
      .values({ companyId: ctx.companyId, pluginId: plugin.id, values, secrets: sealed, updatedAt: now })
      .onConflictDoUpdate({ target: [pluginSettings.companyId, pluginSettings.pluginId], set: { values, secrets: sealed, updatedAt: now } });
    await recordAudit(tx, ctx.companyId, ctx.actor, {
      action: 'plugin.settings.update', targetType: 'Plugin', targetId: plugin.id,
      before: { values: before }, after: { values, secretsChanged: changedSecrets },
    });
  });
  return viewOf(plugin.id, schemas.secrets, values, secrets, now);
}

/** A plugin's own settings for one company, secrets decrypted, for its server code (jobs, deliveries). */
export async function pluginSettingsOf(deps: Pick<CoreDeps, 'db' | 'settingsKey'>, companyId: number, plugin: SettingsManifest): Promise<{ values: Record<string, unknown>; secrets: Record<string, string> }> {
  const schemas = schemasOf(plugin);
  const [row] = await deps.db.select().from(pluginSettings).where(and(eq(pluginSettings.companyId, companyId), eq(pluginSettings.pluginId, plugin.id)));
  return { values: readValues(schemas.values, row?.values), secrets: openSecrets(deps.settingsKey, row?.secrets ?? null, companyId, plugin.id) };
}
