/**
 * Plugin settings per company: values checked by the plugin's own schema, secrets encrypted at
 * rest and never sent back, each company its own, only for those allowed, every change audited.
 */
import { auditLog, companies, pluginSettings, pluginSettingsOf, rowsOf } from '@rtc-console/core';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installedPlugins } from '../src/plugins.js';
import { createTestApp, type TestApp, type TestClient } from './harness.js';
import { settingsProbe } from './settings-probe-plugin.js';

/** What the list holds for the app's own plugins that have settings, before the probe. */
const installedWithSettings = installedPlugins.filter((p) => p.manifest.settings).map((p) => ({ pluginId: p.manifest.id, name: p.manifest.name }));

const PATH = '/api/plugin-settings/settings-probe';
const ACCESS = 'AKIA-very-identifiable-access';
const SECRET = 'sk-very-identifiable-secret-value';

let t: TestApp;
let acme: TestClient;
let galaxy: TestClient;
let acmeId: number;

beforeAll(async () => {
  t = await createTestApp({ plugins: [...installedPlugins, settingsProbe] });
  acme = await t.signIn('admin@acme.demo');
  galaxy = await t.signIn('admin@galaxy.demo');
  acmeId = (acme.me as { companyId: number }).companyId;
});
afterAll(() => t?.close());

/** Every row of the table as text, and the audit log: what a database dump would show. */
async function dump(): Promise<string> {
  const rows = rowsOf(await t.core.db.execute(sql`select row_to_json(s)::text as r from plugin_settings s`));
  const audit = await t.core.db.select().from(auditLog);
  return JSON.stringify(rows) + JSON.stringify(audit);
}

describe('plugin settings', () => {
  test('the list names the plugins with settings; a new company sees the defaults and no secret set', async () => {
    const list = await acme.get('/api/plugin-settings');
    // The installed plugins' (webhooks has settings) and the probe's, in install order.
    expect(list.body.rows).toEqual([...installedWithSettings, { pluginId: 'settings-probe', name: settingsProbe.manifest.name }]);
    const res = await acme.get(PATH);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pluginId: 'settings-probe', values: { retentionDays: 30, region: 'global' }, secrets: { accessKey: false, secretKey: false }, updatedAt: null });
  });

  test('values are checked by the plugin’s schema, field by field, and nothing is stored when one is wrong', async () => {
    const bad = await acme.put(PATH, { values: { retentionDays: 0, region: 'mars' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.map((d: { path: string[] }) => d.path.join('.')).sort()).toEqual(['values.region', 'values.retentionDays']);
    expect((await acme.put(PATH, { values: { retentionDays: 30, colour: 'red' } })).status).toBe(400);
    expect((await acme.put(PATH, { secrets: { nope: 'x'.repeat(10) } })).body.error.details).toEqual([{ path: ['secrets', 'nope'], message: 'is not a secret of this plugin' }]);
    expect((await acme.put(PATH, { secrets: { accessKey: 'short' } })).status).toBe(400);
    expect((await acme.put(PATH, { other: 1 })).status).toBe(400);
    expect(await t.core.db.select().from(pluginSettings)).toEqual([]);
  });

  test('secrets are stored encrypted, never sent back, and readable by the plugin’s server code', async () => {
    const res = await acme.put(PATH, { values: { retentionDays: 90, region: 'cn' }, secrets: { accessKey: ACCESS, secretKey: SECRET } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ values: { retentionDays: 90, region: 'cn' }, secrets: { accessKey: true, secretKey: true } });
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(JSON.stringify((await acme.get(PATH)).body)).not.toContain(SECRET);
    const text = await dump();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(ACCESS);
    expect(await pluginSettingsOf(t.core, acmeId, settingsProbe.manifest)).toEqual({ values: { retentionDays: 90, region: 'cn' }, secrets: { accessKey: ACCESS, secretKey: SECRET } });
  });

  test('a secret left out is kept, null clears it; the audit entry names what changed, not the secret', async () => {
    await acme.put(PATH, { values: { retentionDays: 7, region: 'cn' } });
    expect((await pluginSettingsOf(t.core, acmeId, settingsProbe.manifest)).secrets).toEqual({ accessKey: ACCESS, secretKey: SECRET });
    const cleared = await acme.put(PATH, { secrets: { secretKey: null } });
    expect(cleared.body.secrets).toEqual({ accessKey: true, secretKey: false });
    expect(cleared.body.values).toEqual({ retentionDays: 7, region: 'cn' });
    const entries = await t.core.db.select().from(auditLog).where(eq(auditLog.action, 'plugin.settings.update'));
    expect(entries.at(-1)).toMatchObject({ companyId: acmeId, targetId: 'settings-probe', changes: { after: { secretsChanged: ['secretKey'] } } });
  });

  test('each company has its own settings, and a secret moved into another company’s row does not open there', async () => {
    expect((await galaxy.get(PATH)).body).toMatchObject({ values: { retentionDays: 30 }, secrets: { accessKey: false } });
    const galaxyId = (galaxy.me as { companyId: number }).companyId;
    const [mine] = await t.core.db.select().from(pluginSettings).where(eq(pluginSettings.companyId, acmeId));
    await t.core.db.insert(pluginSettings).values({ companyId: galaxyId, pluginId: 'settings-probe', values: {}, secrets: mine!.secrets });
    const moved = await galaxy.get(PATH);
    expect(moved.status).toBe(500);
    expect(moved.body.error.code).toBe('SETTINGS_UNREADABLE');
    // Setting them again replaces what cannot be read.
    const reset = await galaxy.put(PATH, { secrets: { accessKey: 'galaxy-access-1' } });
    expect(reset.status).toBe(200);
    expect(reset.body.secrets).toEqual({ accessKey: true, secretKey: false });
    expect((await pluginSettingsOf(t.core, galaxyId, settingsProbe.manifest)).secrets).toEqual({ accessKey: 'galaxy-access-1' });
  });

  test('only those allowed; unknown plugins and plugins switched off for the company are not found', async () => {
    const engineer = await t.signIn('engineer@acme.demo');
    expect((await engineer.get(PATH)).status).toBe(403);
    expect((await engineer.put(PATH, { values: { retentionDays: 1 } })).status).toBe(403);
    expect((await acme.get('/api/plugin-settings/usage')).status).toBe(404);
    expect((await acme.get('/api/plugin-settings/nothing')).status).toBe(404);
    const operator = await t.signIn('operator@rtc.demo');
    expect((await operator.put(`/api/operator/companies/${acmeId}/plugins/settings-probe`, { enabled: false })).status).toBe(200);
    const again = await t.signIn('admin@acme.demo');
    expect((await again.get(PATH)).status).toBe(404);
    expect((await again.get('/api/plugin-settings')).body.rows).toEqual(installedWithSettings);
    await operator.put(`/api/operator/companies/${acmeId}/plugins/settings-probe`, { enabled: true });
    expect(await t.core.db.select({ id: companies.id }).from(companies).where(eq(companies.id, acmeId))).toHaveLength(1);
  });
});
