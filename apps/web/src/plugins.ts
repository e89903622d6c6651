import { usageWebPlugin } from '@rtc-console/plugin-usage/web';
import { webhooksWebPlugin } from '@rtc-console/plugin-webhooks/web';
import type { WebPlugin } from '@rtc-console/web-kit';

/**
 * Installed web plugins, one line each (their routes, nav entries, overview widgets and
 * messages join the console's).
 */
export const webPlugins: WebPlugin[] = [
  usageWebPlugin,
  webhooksWebPlugin,
];
