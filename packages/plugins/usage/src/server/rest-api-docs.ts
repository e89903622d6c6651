import { docErrors, docPathParam, toJsonSchema, type OperationDoc } from '@rtc-console/core';
import { z } from 'zod';
import { USAGE_BUSINESSES, USAGE_MODELS } from '../shared/rest.js';

/** The usage endpoints of the reseller RESTful API (seed 003), for the OpenAPI document. */
const usageParams: NonNullable<OperationDoc['parameters']> = [
  { name: 'model', in: 'query', required: true, description: 'Measurement model (see the seed’s model × business table; N/A pairs are 400)', schema: { type: 'string', enum: [...USAGE_MODELS] } },
  { name: 'business', in: 'query', required: true, description: 'default (RTC), recording, cloudRecording, miniapp, rtm', schema: { type: 'string', enum: [...USAGE_BUSINESSES] } },
  { name: 'fromTs', in: 'query', required: true, description: 'Start, Unix seconds (UTC)', schema: { type: 'integer', minimum: 0 } },
  { name: 'endTs', in: 'query', required: true, description: 'End, Unix seconds (UTC); at most 366 days after fromTs', schema: { type: 'integer', minimum: 0 } },
  { name: 'interval', in: 'query', required: true, schema: { type: 'string', enum: ['daily', 'monthly'] } },
];
const numbers = z.record(z.string(), z.number());
const usageAnswer = z.array(z.object({
  dateTime: z.string().regex(/^\d{4}-\d\d-\d\d 00:00:00$/).describe("'YYYY-MM-DD 00:00:00'; a month by its first day"),
  usage: z.record(z.string(), z.union([z.number(), numbers])),
}).strict());
const bills = z.object({
  totalSize: z.number().int().min(0),
  pageSize: z.number().int().min(0).max(1000),
  pageNumber: z.number().int().min(1),
  hasMore: z.boolean(),
  elements: z.array(z.object({ companyId: z.number().int(), projectId: z.string(), amount: z.number(), currency: z.enum(['USD', 'CNY']) }).strict()),
}).strict();
const tags = ['Usage'];
const companyId = docPathParam('companyId', 'Company ID');

export const USAGE_REST_DOCS = {
  dailyBills: {
    operationId: 'dailyBills', tags,
    description: 'The bill of every project of the reseller for one UTC day, at least two days back (T-2), in pages of up to 1,000.',
    parameters: [
      { name: 'period', in: 'query', required: true, description: 'The day, yyyyMMdd', schema: { type: 'string', pattern: '^\\d{8}$' } },
      { name: 'pageNumber', in: 'query', required: false, description: 'From 1 (default 1)', schema: { type: 'integer', minimum: 1 } },
    ],
    responses: { 200: { description: 'One page of daily bills', schema: toJsonSchema(bills) }, ...docErrors() },
  },
  companyUsage: {
    operationId: 'companyUsage', tags, parameters: [companyId, ...usageParams],
    responses: { 200: { description: 'UsageDatum per day or month', schema: toJsonSchema(usageAnswer) }, ...docErrors(403, 404) },
  },
  projectUsage: {
    operationId: 'projectUsage', tags, parameters: [companyId, docPathParam('projectId', 'Project ID', 'string'), ...usageParams],
    responses: { 200: { description: 'UsageDatum per day or month', schema: toJsonSchema(usageAnswer) }, ...docErrors(403, 404) },
  },
} satisfies Record<string, OperationDoc>;
