import { defineServerPlugin } from '@rtc-console/core';
import { z } from 'zod';

/**
 * A plugin with settings and nothing else, for the settings tests and the permission matrix: a
 * retention in days and a region (values), an access key pair (secrets), as a storage target has.
 */
export const settingsProbe = defineServerPlugin({
  manifest: {
    id: 'settings-probe',
    name: { en: 'Settings probe', 'zh-CN': '设置探针' },
    settings: {
      values: z.object({
        retentionDays: z.number({ error: 'retentionDays must be a number' }).int().min(1, 'retentionDays must be at least 1').max(365, 'retentionDays must be at most 365').default(30),
        region: z.enum(['cn', 'global'], { error: 'region must be cn or global' }).default('global'),
      }),
      secrets: z.object({
        accessKey: z.string().min(8, 'accessKey must be at least 8 characters').max(200),
        secretKey: z.string().min(8, 'secretKey must be at least 8 characters').max(200),
      }),
    },
  },
});
