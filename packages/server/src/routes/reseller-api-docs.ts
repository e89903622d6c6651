import type { OperationDoc } from '@rtc-console/core';
import { z } from 'zod';
import { docErrors, docPathParam, toJsonSchema } from '@rtc-console/core';
import { restCompanyBodySchema, restPageSchema } from './reseller-api-shapes.js';

/** The answers of seed 003, as schemas: the OpenAPI document and its test both read these. */
const company = z.object({
  id: z.number().int(),
  name: z.string(),
  country: z.string().length(2),
  area: z.enum(['CN', 'Non-CN']),
  appLimit: z.number().int(),
  memberLimit: z.number().int(),
  industry: z.number().int().min(1).max(19),
  interest: z.number().int().min(1).max(5),
  environment: z.number().int().min(1).max(8),
  status: z.number().int().min(0).max(3).describe('0 normal, 1 insufficient balance, 2 automatically suspended, 3 manually suspended'),
}).strict();
const project = z.object({
  id: z.string(),
  name: z.string(),
  status: z.number().int().min(-1).max(1).describe('-1 deleted, 0 disabled, 1 enabled'),
  created: z.iso.datetime(),
}).strict();
const uap = z.object({
  id: z.number().int().describe('The enablement record (the seed calls it Project ID, a Number; project ids are strings)'),
  typeId: z.union([z.literal(1), z.literal(3), z.literal(7)]),
  projectName: z.string(),
  status: z.number().int().min(0).max(1),
  region: z.union([z.literal(1), z.literal(2)]),
}).strict();
const page = (row: z.ZodType) => z.object({ rows: z.array(row), count: z.number().int().min(0) }).strict();

const pageParams = Object.entries(toJsonSchema(restPageSchema, 'input').properties as Record<string, Record<string, unknown>>).map(([name, schema]) => ({
  name, in: 'query' as const, required: false, schema,
}));
const companyId = docPathParam('companyId', 'Company ID');
const tags = ['Companies and projects'];

export const RESELLER_API_DOCS = {
  createCompany: {
    operationId: 'createCompany', tags,
    description: 'Creates a company and its dashboard account for `email` (which must not have one yet); with `sendPasswordResetEmail` the account is emailed a link to set its password.',
    requestBody: toJsonSchema(restCompanyBodySchema, 'input'),
    responses: { 201: { description: 'The company', schema: toJsonSchema(company) }, ...docErrors() },
  },
  listCompanies: {
    operationId: 'listCompanies', tags, parameters: pageParams,
    responses: { 200: { description: "The reseller's companies", schema: toJsonSchema(page(company)) }, ...docErrors() },
  },
  createProject: {
    operationId: 'createProject', tags, parameters: [companyId],
    requestBody: toJsonSchema(z.object({ name: z.string().min(1).max(255) }), 'input'),
    responses: { 201: { description: 'The project', schema: toJsonSchema(project) }, ...docErrors(403, 404, 409) },
  },
  listProjects: {
    operationId: 'listProjects', tags, parameters: [companyId, ...pageParams],
    responses: { 200: { description: "The company's projects", schema: toJsonSchema(page(project)) }, ...docErrors(403, 404) },
  },
  enableUap: {
    operationId: 'enableUap', tags, parameters: [companyId, docPathParam('projectId', 'Project ID', 'string')],
    description: 'typeId 1 mini app, 3 CDN live streaming, 7 cloud recording; region 1 China, 2 outside China.',
    requestBody: toJsonSchema(z.object({ typeId: z.union([z.literal(1), z.literal(3), z.literal(7)]), region: z.union([z.literal(1), z.literal(2)]) }), 'input'),
    responses: { 201: { description: 'The product enabled on the project', schema: toJsonSchema(uap) }, ...docErrors(403, 404, 409) },
  },
} satisfies Record<string, OperationDoc>;
