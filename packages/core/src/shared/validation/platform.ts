import { z } from 'zod';
import { emailSchema } from './common.js';

export const SIGN_UP_MODE_VALUES = ['open', 'invitation', 'closed'] as const;

const limit = (field: string) => z.coerce.number().int(`${field} must be a whole number`).min(1, `${field} must be at least 1`).max(100000, `${field} must be at most 100000`);

/** The operator's platform settings form: every field optional, only those sent change. */
export const platformSettingsSchema = z
  .object({
    signUpMode: z.enum(SIGN_UP_MODE_VALUES, { error: 'signUpMode must be open, invitation or closed' }),
    defaultAppLimit: limit('defaultAppLimit'),
    defaultMemberLimit: limit('defaultMemberLimit'),
    /** Empty or null: the MAIL_FROM of the configuration. */
    mailFrom: z.union([emailSchema, z.literal('').transform(() => null), z.null()]),
    requireStaffTwoFactor: z.boolean({ error: 'requireStaffTwoFactor must be true or false' }),
  })
  .partial()
  .strict();
export type PlatformSettingsInput = z.infer<typeof platformSettingsSchema>;
