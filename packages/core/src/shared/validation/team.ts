import { z } from 'zod';
import { emailSchema, localeSchema } from './common.js';
import { enteredPasswordSchema, passwordSchema } from './password.js';

/** Either a built-in role key or the numeric id of a custom role. */
export const roleRefSchema = z.union([z.enum(['admin', 'ops', 'support', 'engineer']), z.coerce.number().int().positive()]);

export const inviteSchema = z.object({ email: emailSchema, role: roleRefSchema });
export const changeRoleSchema = z.object({ role: roleRefSchema });

export const personNameSchema = z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters');

export const acceptInvitationSchema = z.object({
  name: personNameSchema.optional(),
  password: passwordSchema,
});

export const roleInputSchema = z.object({
  name: z.string().trim().min(1, 'Role name is required').max(40, 'Role name must be at most 40 characters'),
  description: z.string().trim().max(200, 'Description must be at most 200 characters').default(''),
  permissions: z.array(z.string().min(1).max(100)).max(500),
  /** null: every project of the company; a list: only those projects. */
  projectIds: z.array(z.string().min(1).max(32)).max(1000).nullable().default(null),
});

export const profileUpdateSchema = z
  .object({ name: personNameSchema.optional(), locale: localeSchema.optional() })
  .refine((v) => v.name !== undefined || v.locale !== undefined, 'Nothing to update');

export const changePasswordSchema = z.object({ currentPassword: enteredPasswordSchema, newPassword: passwordSchema });
export const signInSchema = z.object({ email: emailSchema, password: enteredPasswordSchema });
export const forgotPasswordSchema = z.object({ email: emailSchema });
export const resetPasswordSchema = z.object({ token: z.string().min(10).max(200), password: passwordSchema });
export const reauthSchema = z.object({ password: enteredPasswordSchema });
