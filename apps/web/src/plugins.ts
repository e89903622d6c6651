import { usageWebPlugin } from '@rtc-console/plugin-usage/web';
import type { WebPlugin } from './nav/types';

/**
 * Installed web plugins, one line each (their routes, nav entries, overview widgets and
 * messages join the console's).
 */
export const webPlugins: WebPlugin[] = [
  usageWebPlugin,
];
