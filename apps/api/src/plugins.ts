import type { AnyServerPlugin } from '@rtc-console/core';
import { usageServerPlugin } from '@rtc-console/plugin-usage/server';
import { webhooksServerPlugin } from '@rtc-console/plugin-webhooks/server';

/** Installed server plugins, one line each. `pnpm create-plugin <id>` adds lines here. */
export const installedPlugins: AnyServerPlugin[] = [
  usageServerPlugin,
  webhooksServerPlugin,
];
