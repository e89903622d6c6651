import { definePlugin } from '@rtc-console/core/shared';
import { messages } from './messages.js';

/**
 * The usage plugin: what it adds to the permission catalogue. Viewing usage and fees is its
 * "usage" area, which ops holds besides admins; exporting sheets is "billing", admins only
 * (PRODUCT.md "Roles").
 */
export const usageManifest = definePlugin({
  id: 'usage',
  name: { en: 'Usage', 'zh-CN': '用量' },
  description: {
    en: 'Call records from the media edge, rolled up into daily usage, charts, sheets and bills.',
    'zh-CN': '接收媒体边缘上报的通话记录，汇总为每日用量、图表、表格和账单。',
  },
  areas: [
    { key: 'usage', label: { en: 'Usage', 'zh-CN': '用量' }, roles: ['ops'] },
    { key: 'billing', label: { en: 'Billing and exports', 'zh-CN': '账单与导出' } },
  ],
  permissions: [
    {
      key: 'usage.read', action: 'read', subject: 'Usage', area: 'usage', projectField: 'projectId',
      label: { en: 'View usage and fees', 'zh-CN': '查看用量和费用' },
    },
    {
      key: 'usage.export', action: 'export', subject: 'Usage', area: 'billing', projectField: 'projectId',
      label: { en: 'Export usage (CSV, Excel)', 'zh-CN': '导出用量（CSV、Excel）' },
    },
  ],
  messages,
});
