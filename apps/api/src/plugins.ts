import type { ServerPlugin } from '@rtc-console/core';
import { usageServerPlugin } from '@rtc-console/plugin-usage/server';

/** Installed server plugins, one line each. `pnpm create-plugin <id>` adds lines here. */
export const installedPlugins: ServerPlugin[] = [
  usageServerPlugin,
];
