import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import cookieParser from 'cookie-parser';
import express, { Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { ApiDeps } from './deps.js';
import { apiNotFound, errorHandler } from './http/errors.js';
import { writeGuards } from './http/guards.js';
import { logSafeError, logSafeUrl } from './http/log-safe.js';
import { mountRoutes } from './http/route-table.js';
import { sessionMiddleware } from './http/session.js';
import { routeTables } from './routes/index.js';
import { openApiDocument } from './openapi/document.js';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Builds the Express app: logging and security headers, the API, the built web app, errors. */
export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.config.trustProxy) app.set('trust proxy', deps.config.trustProxy);

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId(req, res) {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Health probes would drown the log.
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // Log what a request was, never its credentials: no headers (cookies, CSRF tokens), no bodies.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: logSafeUrl(req.url), ip: req.remoteAddress }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: logSafeError,
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The component library injects its styles at run time.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.core.db.execute(sql`select 1`);
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ error: { code: 'INTERNAL', message: 'The database is not reachable' } });
    }
  });

  // The console's API, the public REST API and the media edge's ingest; bodies are parsed per route.
  const apiPrefixes = ['/api', '/v1', '/ingest'];
  app.use(apiPrefixes, cookieParser(), sessionMiddleware(deps), writeGuards(deps));
  const tables = routeTables(deps);
  for (const table of tables) app.use(table.prefix, mountRoutes(Router(), deps, table.routes, table.plugin));
  // The reseller RESTful API's OpenAPI document, assembled from the /v1 route tables.
  const openApi = openApiDocument(tables, deps.config.publicUrl);
  app.get('/v1/openapi.json', (_req, res) => void res.json(openApi));
  app.use(apiPrefixes, apiNotFound);

  serveWebApp(app, deps.config.webDist);
  app.use(errorHandler);
  return app;
}

/** The built Vue app: hashed assets cached for long, every other path answered with index.html. */
function serveWebApp(app: express.Express, dist: string): void {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return;
  app.use('/assets', express.static(join(dist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  app.use(express.static(dist, { index: false }));
  app.get(/^(?!\/(api|v1|ingest)\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
