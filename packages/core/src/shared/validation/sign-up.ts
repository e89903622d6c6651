import { z } from 'zod';
import { emailSchema, localeSchema } from './common.js';
import { companyInputSchema, countrySchema } from './company.js';
import { checkPasswordContext, passwordSchema } from './password.js';
import { personNameSchema } from './team.js';

/** A direct customer's self sign-up form (the company is made when the e-mail is verified). */
export const signUpSchema = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    password: passwordSchema,
    companyName: companyInputSchema.shape.name,
    country: countrySchema,
    area: companyInputSchema.shape.area,
    acceptTerms: z.literal(true, { error: 'You must accept the terms of service' }),
    locale: localeSchema.default('en'),
  })
  .superRefine(checkPasswordContext);
export type SignUpInput = z.infer<typeof signUpSchema>;

export const verifySignUpSchema = z.object({ token: z.string().min(10, 'The link is incomplete').max(200, 'The link is not valid') });

export const SIGN_UP_LINK_HOURS = 24;
