import { z } from 'zod';

/** A six-digit code of an authenticator app (spaces ignored). */
export const totpCodeSchema = z
  .string({ error: 'Enter the six-digit code' })
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the six-digit code from your authenticator app'));

/** A code of the app or one of the recovery codes (`xxxxx-xxxxx`). */
export const secondFactorCodeSchema = z
  .string({ error: 'Enter a code' })
  .trim()
  .min(6, 'Enter the six-digit code or a recovery code')
  .max(40, 'Enter the six-digit code or a recovery code');

/** The sign-in's second step. */
export const twoFactorSignInSchema = z.object({
  code: secondFactorCodeSchema,
  /** Skip this step in this browser for 30 days. */
  remember: z.boolean({ error: 'remember must be true or false' }).optional().default(false),
});

/** The first code, proving the app holds the secret. */
export const twoFactorConfirmSchema = z.object({ code: totpCodeSchema });

/** Turning two-factor off: a current code (or a recovery code) or the password, besides the recent re-authentication. */
export const twoFactorDisableSchema = z
  .object({ code: secondFactorCodeSchema.optional(), password: z.string().min(1).max(1024).optional() })
  .refine((v) => v.code !== undefined || v.password !== undefined, { message: 'Enter a code from your authenticator app or your password', path: ['code'] });

/** A company admin's switch: every member must sign in with a second factor. */
export const companyTwoFactorSchema = z.object({ requireTwoFactor: z.boolean({ error: 'requireTwoFactor must be true or false' }) }).strict();
