import { z } from 'zod';
import countries from 'i18n-iso-countries';
import { emailSchema } from './common.js';

/** Seed 003 "Create a company": ranges, defaults and enumerations. */
export const INDUSTRY_RANGE = [1, 19] as const;
export const INTEREST_RANGE = [1, 5] as const;
export const ENVIRONMENT_RANGE = [1, 8] as const;
export const COMPANY_STATUS = { normal: 0, insufficientBalance: 1, autoSuspended: 2, manuallySuspended: 3 } as const;
export type CompanyStatus = (typeof COMPANY_STATUS)[keyof typeof COMPANY_STATUS];

const intIn = (field: string, [min, max]: readonly [number, number]) =>
  z.coerce
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .min(min, `${field} must be between ${min} and ${max}`)
    .max(max, `${field} must be between ${min} and ${max}`);

/** Every ISO 3166-1 alpha-2 code the API accepts, for pickers (names come from the browser's Intl.DisplayNames). */
export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();

export const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => /^[A-Z]{2}$/.test(code) && countries.isValid(code), 'country must be an ISO 3166-1 alpha-2 code');

export const companyInputSchema = z.object({
  name: z.string().trim().min(1, 'name must be 1 to 20 characters').max(20, 'name must be 1 to 20 characters'),
  email: emailSchema,
  firstName: z.string().trim().min(1, 'firstName must be 1 to 255 characters').max(255, 'firstName must be 1 to 255 characters'),
  lastName: z.string().trim().min(1, 'lastName must be 1 to 255 characters').max(255, 'lastName must be 1 to 255 characters'),
  country: countrySchema,
  area: z.enum(['CN', 'Non-CN'], { error: 'area must be "CN" or "Non-CN"' }),
  appLimit: z.coerce.number().int('appLimit must be a whole number').min(1, 'appLimit must be at least 1').max(100000).default(10),
  memberLimit: z.coerce.number().int('memberLimit must be a whole number').min(1, 'memberLimit must be at least 1').max(100000).default(10),
  industry: intIn('industry', INDUSTRY_RANGE).default(12),
  interest: intIn('interest', INTEREST_RANGE).default(1),
  environment: intIn('environment', ENVIRONMENT_RANGE).default(1),
});
export type CompanyInput = z.infer<typeof companyInputSchema>;
