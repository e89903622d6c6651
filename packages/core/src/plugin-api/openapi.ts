// Helpers for routes' OpenAPI docs (core's and plugins'): zod → JSON Schema, the error envelope, common answers.
import type { JsonSchema, OperationDoc } from './routes.js';
import { z } from 'zod';

/** A zod schema as the JSON Schema (2020-12) that OpenAPI 3.1 embeds; `input` for request bodies. */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** The error envelope every refusal answers with. */
export const errorEnvelopeJsonSchema = toJsonSchema(
  z.object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).strict(),
  }).strict(),
);

const ERROR_TEXT: Record<string, string> = {
  400: 'Bad request: a missing, malformed or out-of-range parameter; the message names the field',
  401: 'Unauthorized: the signature is missing, malformed, stale, replayed or wrong, or the key unknown or deleted',
  403: 'The company belongs to another reseller (or was removed from this account)',
  404: 'Unknown company, project or route',
  409: 'Conflict: a limit reached or the product already enabled',
  429: 'Too many requests for this API key; see Retry-After and RateLimit-* headers',
  500: 'Internal error (never with internals)',
};

/** The usual refusals of a signed reseller route, plus any others it adds. */
export function docErrors(...statuses: number[]): OperationDoc['responses'] {
  const all = [...new Set([400, 401, 429, 500, ...statuses])].sort();
  return Object.fromEntries(all.map((s) => [String(s), { description: ERROR_TEXT[s] ?? 'Error', schema: errorEnvelopeJsonSchema }]));
}

export const docPathParam = (name: string, description: string, type: 'integer' | 'string' = 'integer') => ({ name, in: 'path' as const, required: true, description, schema: { type } });
