import { definePlugin } from '@rtc-console/core/shared';
import { messages } from './messages.js';
import { pluginName } from './name.js';

/** The CASL rule that reading (and, here, adding) items needs: `can: templateRead` on routes, pages and nav. */
export const templateRead = ['read', 'Template'] as const;

/**
 * What the plugin adds to the console: one permission and its messages. Built-in roles get the
 * permission through its area: "analytics" is core's, used by support and engineers (and admins,
 * who hold everything); a new area goes in `areas`. Custom roles can pick it in the role editor.
 * The id is also the API prefix (/api/template), the page path, the i18n namespace and the name
 * of the migrations table.
 */
export const templateManifest = definePlugin({
  id: 'template',
  name: pluginName,
  description: {
    en: `${pluginName.en}: a list of items per company.`,
    'zh-CN': `${pluginName['zh-CN']}：每个公司的条目列表。`,
  },
  permissions: [
    {
      key: 'template.read', action: 'read', subject: 'Template', area: 'analytics',
      label: { en: `View and add ${pluginName.en} items`, 'zh-CN': `查看和添加${pluginName['zh-CN']}条目` },
    },
  ],
  messages,
});
