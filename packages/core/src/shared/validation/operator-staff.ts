import { z } from 'zod';
import { OPERATOR_ROLE_KEYS } from '../permissions/operator-roles.js';
import { emailSchema } from './common.js';

const role = z.enum(OPERATOR_ROLE_KEYS, { error: `role must be one of ${OPERATOR_ROLE_KEYS.join(', ')}` });

/** The operator staff page's list: search by name or address, sort by a column. */
export const staffListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['name', 'email', 'role', 'lastSignInAt'], { error: 'sort must be name, email, role or lastSignInAt' }).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type StaffListQuery = z.infer<typeof staffListQuerySchema>;

export const staffInviteSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(100, 'name must be at most 100 characters').optional(),
  role,
});

export const staffRoleSchema = z.object({ role });

/** "Send a test e-mail": to the signed-in operator, or to this address. */
export const testMailSchema = z.object({ to: z.union([emailSchema, z.literal('').transform(() => undefined)]).optional() });
