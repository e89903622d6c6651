import { definePlugin } from '@rtc-console/core/shared';
import { z } from 'zod';
import { messages } from './messages.js';
import { TEST_EVENT } from './model.js';

/**
 * The webhooks plugin: what it adds to the permission catalogue. Its area reaches no built-in
 * role but admin (who holds every permission): endpoints receive the company's events and their
 * secrets sign them, like API credentials. A custom role may be given either permission.
 */
export const webhooksManifest = definePlugin({
  id: 'webhooks',
  name: { en: 'Webhooks', 'zh-CN': 'Webhooks' },
  description: {
    en: "Signed POSTs of the company's events to its own endpoints (Standard Webhooks), with retries and a delivery log.",
    'zh-CN': '将公司的事件以签名 POST（Standard Webhooks 格式）推送到公司自己的接收地址，失败自动重试，并保留投递记录。',
  },
  areas: [{ key: 'webhooks', label: { en: 'Webhooks', 'zh-CN': 'Webhooks' }, roles: [] }],
  permissions: [
    { key: 'webhooks.read', action: 'read', subject: 'Webhook', area: 'webhooks', label: { en: 'View webhook endpoints and their deliveries', 'zh-CN': '查看 Webhook 接收地址及投递记录' } },
    {
      key: 'webhooks.manage', action: 'manage', subject: 'Webhook', area: 'webhooks',
      label: { en: 'Add, edit and delete webhook endpoints, rotate their secrets, send tests and resend', 'zh-CN': '添加、编辑和删除 Webhook 接收地址，更换签名密钥，发送测试事件和重新投递' },
    },
  ],
  // Each company's own say on failing endpoints (the company settings page draws the form from this).
  settings: { values: webhooksCompanySettings() },
  events: [{ type: TEST_EVENT, description: { en: 'A test event sent from the console to one endpoint', 'zh-CN': '从控制台向某个接收地址发送的测试事件' } }],
  messages,
});

export const READ_WEBHOOKS = ['read', 'Webhook'] as const;
export const MANAGE_WEBHOOKS = ['manage', 'Webhook'] as const;

/** A company's webhook settings: after how long failing an endpoint is switched off (else the install's default, 24 h), and whether its admins are mailed then. */
function webhooksCompanySettings() {
  return z.object({
    disableAfterHours: z.number().int().min(1).max(168).optional(),
    notifyAdmins: z.boolean().default(true),
  });
}
