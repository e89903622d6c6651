import { z } from 'zod';

export const PROJECT_STATUS = { deleted: -1, disabled: 0, enabled: 1 } as const;
export type ProjectStatus = (typeof PROJECT_STATUS)[keyof typeof PROJECT_STATUS];
export const PROJECT_REGIONS = ['CN', 'Non-CN'] as const;
export const BILLING_TYPES = ['duration', 'peakConcurrency'] as const;
export const MAX_RECORDING_SERVERS = 20;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const IPV6 = /^[0-9a-f:]+$/i;

/** A recording server is an IPv4/IPv6 address or a domain name (seed 000 "Edit"). */
export const recordingServerSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (v) => IPV4.test(v) || DOMAIN.test(v) || (v.includes(':') && IPV6.test(v) && v.length <= 39),
    'Each recording server must be an IP address or a domain name',
  );

export const projectNameSchema = z
  .string()
  .trim()
  .min(1, 'name must be 1 to 255 characters')
  .max(255, 'name must be 1 to 255 characters');

export const projectCreateSchema = z.object({
  name: projectNameSchema,
  region: z.enum(PROJECT_REGIONS).default('CN'),
  billingType: z.enum(BILLING_TYPES).default('duration'),
});

export const projectUpdateSchema = z
  .object({
    name: projectNameSchema.optional(),
    recordingServers: z
      .array(recordingServerSchema)
      .max(MAX_RECORDING_SERVERS, `At most ${MAX_RECORDING_SERVERS} recording servers`)
      .refine((list) => new Set(list).size === list.length, 'Recording servers must not repeat')
      .optional(),
    region: z.enum(PROJECT_REGIONS).optional(),
    billingType: z.enum(BILLING_TYPES).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to update');

export const projectListQuerySchema = z.object({
  sort: z.enum(['createdAt', 'name', 'status']).default('createdAt'),
  status: z.enum(['enabled', 'disabled', 'deleted', 'active', 'all']).default('active'),
});

/** Seed 003 "Enable UAP self-service": typeId 1 mini app, 3 CDN live streaming, 7 cloud recording. */
export const PRODUCT_TYPES = [1, 3, 7] as const;
export const PRODUCT_REGIONS = [1, 2] as const;

export const productEnableSchema = z.object({
  typeId: z.union([z.literal(1), z.literal(3), z.literal(7)], { error: 'typeId must be 1 (mini app), 3 (CDN live streaming) or 7 (cloud recording)' }),
  region: z.union([z.literal(1), z.literal(2)], { error: 'region must be 1 (China) or 2 (outside China)' }),
});
