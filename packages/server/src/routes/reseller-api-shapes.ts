import type { ProjectView, ResellerCompanyView } from '@rtc-console/core';
import { z } from 'zod';

/**
 * Request and response shapes of the reseller RESTful API (seed 003). Numbers must be JSON
 * numbers here (a REST client sends types, unlike a form); the seed's table and sample
 * disagree on `companyName` / `name` and on whether industry, interest and environment are
 * strings or numbers, so both are accepted (PRODUCT.md "Tenancy").
 */
const whole = (field: string) => z.number({ error: `${field} must be a number` }).int(`${field} must be a whole number`);
const code = (field: string, [min, max]: [number, number]) =>
  z
    .union([whole(field), z.string().regex(/^\d{1,2}$/, `${field} must be a number between ${min} and ${max}`).transform(Number)], {
      error: `${field} must be a number between ${min} and ${max}`,
    })
    .pipe(z.number().min(min, `${field} must be between ${min} and ${max}`).max(max, `${field} must be between ${min} and ${max}`));
const text = (field: string, max: number) => z.string({ error: `${field} is required and must be a string` }).trim().min(1, `${field} must be 1 to ${max} characters`).max(max, `${field} must be 1 to ${max} characters`);

export const restCompanyBodySchema = z
  .object({
    name: text('name', 20).optional(),
    companyName: text('companyName', 20).optional(),
    email: z.string({ error: 'email is required and must be a string' }),
    firstName: text('firstName', 255),
    lastName: text('lastName', 255),
    country: z.string({ error: 'country is required: an ISO 3166-1 alpha-2 code' }),
    area: z.enum(['CN', 'Non-CN'], { error: 'area must be "CN" or "Non-CN"' }),
    appLimit: whole('appLimit').min(1, 'appLimit must be at least 1').max(100000, 'appLimit must be at most 100000').default(10),
    memberLimit: whole('memberLimit').min(1, 'memberLimit must be at least 1').max(100000, 'memberLimit must be at most 100000').default(10),
    industry: code('industry', [1, 19]).default(12),
    interest: code('interest', [1, 5]).default(1),
    environment: code('environment', [1, 8]).default(1),
    sendPasswordResetEmail: z.boolean({ error: 'sendPasswordResetEmail must be true or false' }).default(false),
  })
  .superRefine((b, ctx) => {
    if (b.name === undefined && b.companyName === undefined) ctx.addIssue({ code: 'custom', path: ['companyName'], message: 'companyName is required (1 to 20 characters)' });
    if (b.name !== undefined && b.companyName !== undefined && b.name !== b.companyName) ctx.addIssue({ code: 'custom', path: ['companyName'], message: 'name and companyName differ; send one of them' });
  })
  .transform(({ companyName, name, ...rest }) => ({ ...rest, name: (companyName ?? name)! }));

/** `limit` (default 20) and `offset` (default 0) of the list endpoints. */
export const restPageSchema = z.object({
  limit: z.coerce.number({ error: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit must be between 1 and 100').max(100, 'limit must be between 1 and 100').default(20),
  offset: z.coerce.number({ error: 'offset must be a number' }).int('offset must be a whole number').min(0, 'offset must be 0 or more').max(2_147_483_647, 'offset is too large').default(0),
});

export const restCompanyView = (c: ResellerCompanyView): ResellerCompanyView => ({
  id: c.id, name: c.name, country: c.country, area: c.area, appLimit: c.appLimit, memberLimit: c.memberLimit,
  industry: c.industry, interest: c.interest, environment: c.environment, status: c.status,
});

/** Seed 003 project structure: id, name, status (-1 deleted, 0 disabled, 1 enabled), created. */
export const restProjectView = (p: ProjectView) => ({ id: p.id, name: p.name, status: p.status, created: p.createdAt.toISOString() });
