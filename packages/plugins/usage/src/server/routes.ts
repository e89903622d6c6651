import { defineRoutes, parse, type RouteDef, type RouteTable } from '@rtc-console/core';
import type { UsageServices } from './services.js';
import { companyUsage, companyUsageQuerySchema } from './company-usage.js';
import { companyExportQuerySchema, companySheet, downloadQuerySchema, resellerSheet } from './downloads.js';
import { ingestBatch } from './ingest.js';
import { listPrices, pricesInputSchema, savePrices } from './prices.js';
import { resellerChart, resellerChartQuerySchema } from './reseller-usage.js';
import { restRoutes } from './rest-api.js';
import { CONTENT_TYPES, writeSheet } from './sheet.js';
import { listIngestApps } from './apps.js';

function sendSheet(res: Parameters<RouteDef['handler']>[1], data: Buffer, format: 'xlsx' | 'csv', name = 'usage'): void {
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
  res.send(data);
}

/** Routes under /api/usage: the company's page and export, the reseller's chart and download, the operator's prices. */
export function usageRoutes(services: UsageServices): RouteDef[] {
  const { systemDb: db } = services;
  return defineRoutes([
    {
      method: 'get', path: '/daily', summary: "The company's daily audio and video minutes, totals and fees (seed 000)", access: { auth: 'company', can: ['read', 'Usage'] },
      async handler(req, res) {
        res.json(await companyUsage(db, req.company!, parse(companyUsageQuerySchema, req.query)));
      },
    },
    {
      method: 'get', path: '/export', summary: "Export the company's usage as CSV or xlsx", access: { auth: 'company', can: ['export', 'Usage'] },
      async handler(req, res) {
        const q = parse(companyExportQuerySchema, req.query);
        sendSheet(res, await writeSheet(await companySheet(req.company!, q), q.format), q.format);
      },
    },
    {
      method: 'get', path: '/reseller/chart', summary: "Usage of the reseller's companies for one product tab (seed 001)", access: { auth: 'reseller', company: 'companyId' },
      async handler(req, res) {
        res.json(await resellerChart(req.reseller!, parse(resellerChartQuerySchema, req.query)));
      },
    },
    {
      method: 'get', path: '/reseller/download', summary: 'The usage sheet usage.xlsx with the chosen columns (seed 001)', access: { auth: 'reseller' },
      async handler(req, res) {
        const q = parse(downloadQuerySchema, req.query);
        sendSheet(res, await writeSheet(await resellerSheet(req.reseller!, q), 'xlsx'), 'xlsx');
      },
    },
    {
      method: 'get', path: '/prices', summary: 'The price table', access: { auth: 'operator', can: ['read', 'Price'] },
      async handler(_req, res) {
        const rows = await listPrices(db);
        res.json({ rows, count: rows.length });
      },
    },
    {
      method: 'put', path: '/prices', summary: 'Replace the price table', access: { auth: 'operator', can: ['update', 'Price'] },
      async handler(req, res) {
        const rows = await savePrices(db, parse(pricesInputSchema, req.body));
        res.json({ rows, count: rows.length });
      },
    },
  ]);
}

/** The media edge's ingest API and the reseller REST API's usage endpoints. */
export function usageMounts(services: UsageServices): RouteTable[] {
  const { systemDb: db } = services;
  return [
    {
      prefix: '/ingest/usage',
      routes: defineRoutes([
        {
          method: 'post', path: '/records', summary: 'A batch of up to 10,000 call session and RTM records', access: { auth: 'ingest' }, bodyLimit: '16mb',
          async handler(req, res) {
            res.json(await ingestBatch(services, req.body));
          },
        },
        {
          method: 'get', path: '/apps', summary: 'App IDs of enabled projects, by company (for traffic generators)', access: { auth: 'ingest' },
          async handler(_req, res) {
            res.json(await listIngestApps(db));
          },
        },
      ]),
    },
    { prefix: '/v1/resellers', routes: restRoutes(services) },
  ];
}
