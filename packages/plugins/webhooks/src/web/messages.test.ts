// Message keys the pages build at run time (a delivery's status, an endpoint's state, the audit
// labels) exist in both languages, and both languages have the same keys. Static keys are checked
// by the web app's i18n test, which scans these sources too.
import { describe, expect, test } from 'vitest';
import { DELIVERY_STATUSES } from '../shared/model.js';
import { messages } from '../shared/messages.js';

type Tree = Record<string, unknown>;
const keys = (tree: Tree, prefix = ''): string[] => Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Tree, `${prefix}${k}.`) : [`${prefix}${k}`]));
const has = (tree: Tree, key: string) => typeof key.split('.').reduce<unknown>((n, p) => (n && typeof n === 'object' ? (n as Tree)[p] : undefined), tree) === 'string';

describe('messages', () => {
  test('English and Chinese have the same keys, none empty', () => {
    expect(keys(messages['zh-CN']).sort()).toEqual(keys(messages.en).sort());
    for (const locale of ['en', 'zh-CN'] as const) for (const k of keys(messages[locale])) expect(has(messages[locale], k), `${locale}: ${k}`).toBe(true);
  });

  test('every delivery status and endpoint state has its words', () => {
    const built = [...DELIVERY_STATUSES.map((s) => `deliveries.statuses.${s}`), ...['on', 'off', 'offFailures', 'failing'].map((s) => `status.${s}`), 'owners.core'];
    for (const locale of ['en', 'zh-CN'] as const) expect(built.filter((k) => !has(messages[locale], k))).toEqual([]);
  });

  test('each audit action the server records has a label', async () => {
    const { webhooksWebPlugin } = await import('./index.js');
    const labelled = webhooksWebPlugin.auditActions.map((a) => a.action).sort();
    expect(labelled).toEqual(['webhooks.endpoint.auto_disable', 'webhooks.endpoint.create', 'webhooks.endpoint.delete', 'webhooks.endpoint.rotate', 'webhooks.endpoint.update']);
    for (const a of webhooksWebPlugin.auditActions) expect(has(messages.en, a.label.replace(/^webhooks\./, '')), a.label).toBe(true);
  });
});
