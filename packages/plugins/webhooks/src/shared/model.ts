import { z } from 'zod';

/**
 * What the server and the web pages agree on: endpoint input, list queries, the shapes the API
 * answers with, and the delivery states. No I/O here (it runs in browsers too).
 */

/** The event type of "Send a test event": published by this plugin, delivered to the one endpoint asked. */
export const TEST_EVENT = 'webhooks.test';

export const DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** An endpoint's address: an absolute http(s) URL without credentials; where it may point is the server's word (its address rules). */
export const endpointUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the URL')
  .max(2048, 'The URL may be at most 2048 characters')
  .refine((v) => URL.canParse(v), 'Enter an absolute URL, e.g. https://example.com/webhooks')
  .refine((v) => !URL.canParse(v) || ['https:', 'http:'].includes(new URL(v).protocol), 'The URL must start with https://')
  .refine((v) => !URL.canParse(v) || (!new URL(v).username && !new URL(v).password), 'Put no user name or password in the URL: verify the signature instead');

const endpointFields = {
  url: endpointUrlSchema,
  description: z.string().trim().max(500, 'The description may be at most 500 characters'),
  eventTypes: z.array(z.string().min(1).max(100)).min(1, 'Choose at least one event').max(100, 'Choose at most 100 events'),
  enabled: z.boolean(),
};

export const endpointCreateSchema = z
  .object({ ...endpointFields, description: endpointFields.description.default(''), enabled: endpointFields.enabled.default(true) })
  .strict();
export type EndpointCreate = z.infer<typeof endpointCreateSchema>;

export const endpointUpdateSchema = z
  .object(endpointFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change');
export type EndpointUpdate = z.infer<typeof endpointUpdateSchema>;

export const ENDPOINT_SORTS = ['createdAt', 'url', 'enabled'] as const;

export const endpointListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(ENDPOINT_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type EndpointListQuery = z.infer<typeof endpointListQuerySchema>;

export const deliveryListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  status: z.enum(DELIVERY_STATUSES).optional(),
});
export type DeliveryListQuery = z.infer<typeof deliveryListQuerySchema>;

/** An endpoint as the API shows it: never its secret. */
export interface EndpointView {
  id: number;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  /** Why it is off when the console switched it off: `failures` (a day of failed deliveries). */
  disabledReason: 'failures' | null;
  /** The first failure since its last success (deliveries keep failing since then). */
  failingSince: string | null;
  lastSuccessAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The signing secret, in the answer of a create or a rotation and never again. */
export interface EndpointWithSecret {
  endpoint: EndpointView;
  secret: string;
}

export interface DeliveryView {
  id: string;
  endpointId: number;
  eventId: number;
  eventType: string;
  /** The `webhook-id` header: the same on every attempt of this event to this endpoint. */
  messageId: string;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  /** The first 2 KB of the last answer's body. */
  responseBody: string | null;
  durationMs: number | null;
  lastError: string | null;
  /** The earliest time of the next attempt, while retrying (the queue adds up to as much again at random). */
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
  payload: string;
}

export interface EventTypeView {
  type: string;
  description: { en: string; 'zh-CN': string };
  owner: string;
}
