import { z } from 'zod';
import { CONSOLE_STATUSES, FREEZE_REASONS, type ConsoleStatus } from '../reseller.js';
import { emailSchema, pageQuerySchema } from './common.js';
import { companyInputSchema } from './company.js';

// The operator console's resellers and companies: forms and list queries, shared by the API and the web app.

/** As `resellers.status` (the schema is not imported here: the web app bundles this file). */
export const RESELLER_STATUS_KEYS = ['active', 'suspended'] as const;

const optionalText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${field} must be at most ${max} characters`)
    .transform((v) => v || null)
    .nullable()
    .optional();

export const resellerFieldsSchema = z.object({
  name: z.string().trim().min(1, 'name must be 1 to 100 characters').max(100, 'name must be 1 to 100 characters'),
  contactName: optionalText('contactName', 100),
  contactEmail: z.union([z.literal('').transform(() => null), emailSchema]).nullable().optional(),
  phone: z
    .string()
    .trim()
    .max(40, 'phone must be at most 40 characters')
    .regex(/^[0-9+()\-. ]*$/, 'phone may hold digits, spaces and + ( ) - . only')
    .transform((v) => v || null)
    .nullable()
    .optional(),
});
export type ResellerFields = z.infer<typeof resellerFieldsSchema>;

/** A staff member to invite: the address gets a one-time link to choose a password. */
export const resellerStaffInviteSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(100, 'name must be at most 100 characters').optional(),
});
export type ResellerStaffInvite = z.infer<typeof resellerStaffInviteSchema>;

/** A new reseller and the first member of its staff. */
export const resellerCreateSchema = resellerFieldsSchema.extend({ staff: resellerStaffInviteSchema });
export type ResellerCreateInput = z.infer<typeof resellerCreateSchema>;

export const resellerEditSchema = resellerFieldsSchema.partial();

export const RESELLER_SORTS = ['id', 'name', 'createdAt', 'companies'] as const;
export const resellerListSchema = pageQuerySchema.extend({
  status: z.enum(RESELLER_STATUS_KEYS, { error: 'status must be active or suspended' }).optional(),
  sort: z.enum(RESELLER_SORTS, { error: `sort must be one of ${RESELLER_SORTS.join(', ')}` }).default('id'),
});
export type ResellerListQuery = z.infer<typeof resellerListSchema>;

export const COMPANY_SORTS = ['id', 'name', 'createdAt', 'members', 'projects'] as const;
export const operatorCompanyListSchema = pageQuerySchema.extend({
  status: z.enum(CONSOLE_STATUSES, { error: 'status is not a known company status' }).optional(),
  /** A reseller's id, or "direct" for the companies without one. */
  reseller: z.union([z.literal('direct'), z.coerce.number({ error: 'reseller must be an id or "direct"' }).int().min(1)]).optional(),
  sort: z.enum(COMPANY_SORTS, { error: `sort must be one of ${COMPANY_SORTS.join(', ')}` }).default('id'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type OperatorCompanyListQuery = z.infer<typeof operatorCompanyListSchema>;

const fields = companyInputSchema.shape;

/** A direct company: the fields of seed 003; limits left out take the platform settings' defaults. */
export const directCompanySchema = companyInputSchema.extend({
  appLimit: fields.appLimit.unwrap().optional(),
  memberLimit: fields.memberLimit.unwrap().optional(),
});
export type DirectCompanyInput = z.infer<typeof directCompanySchema>;

/** The fields the operator may change (the contact e-mail is the dashboard account's and stays). */
export const companyEditSchema = z
  .object({
    name: fields.name,
    firstName: fields.firstName,
    lastName: fields.lastName,
    country: fields.country,
    area: fields.area,
    appLimit: fields.appLimit.unwrap(),
    memberLimit: fields.memberLimit.unwrap(),
    industry: fields.industry.unwrap(),
    interest: fields.interest.unwrap(),
    environment: fields.environment.unwrap(),
  })
  .partial();
export type CompanyEditInput = z.infer<typeof companyEditSchema>;

export const freezeSchema = z.object({
  reason: z.enum(FREEZE_REASONS, { error: `reason must be one of ${FREEZE_REASONS.join(', ')}` }),
  block: z.boolean({ error: 'block must be true or false' }).default(false),
});

/** Where a company goes: another reseller, or none (a direct customer). */
export const companyMoveSchema = z.object({
  resellerId: z.number({ error: 'resellerId must be a reseller id or null' }).int().min(1).nullable(),
});

/** A row of the operator's company list (dates as the side reading it has them). */
export interface OperatorCompanyView<D = Date> {
  id: number;
  name: string;
  email: string;
  area: 'CN' | 'Non-CN';
  /** 0 normal, 1 insufficient balance, 2 automatically suspended, 3 manually suspended. */
  status: number;
  blocked: boolean;
  consoleStatus: ConsoleStatus;
  resellerId: number | null;
  reseller: string | null;
  appLimit: number;
  memberLimit: number;
  members: number;
  projects: number;
  disabledPlugins: string[];
  createdAt: D;
}

/** A row of the operator's reseller list. */
export interface OperatorResellerView<D = Date> {
  id: number;
  name: string;
  contactName: string | null;
  contactEmail: string | null;
  phone: string | null;
  status: (typeof RESELLER_STATUS_KEYS)[number];
  /** Companies the reseller owns. */
  companies: number;
  staff: number;
  createdAt: D;
}
