import type { RouteDef } from '@rtc-console/core';
import type { MountedTable } from '../routes/index.js';

/** Express `/:id` → OpenAPI `/{id}`. */
const openApiPath = (prefix: string, path: string) => `${prefix}${path === '/' ? '' : path}`.replace(/:([A-Za-z_]\w*)/g, '{$1}');

/** The routes the public REST document covers: everything under /v1 (core's and plugins'). */
export function restRoutes(tables: readonly MountedTable[]): { path: string; route: RouteDef }[] {
  return tables.filter((t) => t.prefix.startsWith('/v1/')).flatMap((t) => t.routes.map((route) => ({ path: openApiPath(t.prefix, route.path), route })));
}

const SIGNATURE_TEXT = [
  'Every request is signed (seed 003 "Signature"):',
  '`StringToSign = "x-date: " + date + "\\n" + "x-request-id: " + uuid`,',
  '`Authorization: hmac username="{accessKeyId}", algorithm="hmac-sha256", headers="x-date x-request-id", signature="{Base64(HMAC-SHA256(secret, StringToSign))}"`.',
  'x-date must be within ±300 s of the server clock; an x-request-id is accepted once.',
  'Optionally, `headers=` may also list `@request-target` and `content-digest` to bind the method, path, query and body.',
].join(' ');

/** The OpenAPI 3.1 document of the reseller RESTful API, built from the route tables. */
export function openApiDocument(tables: readonly MountedTable[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { path, route } of restRoutes(tables)) {
    const doc = route.doc;
    if (!doc) continue;
    paths[path] ??= {};
    paths[path][route.method] = {
      operationId: doc.operationId,
      summary: route.summary,
      ...(doc.description ? { description: doc.description } : {}),
      ...(doc.tags ? { tags: doc.tags } : {}),
      ...(doc.parameters?.length ? { parameters: doc.parameters } : {}),
      ...(doc.requestBody ? { requestBody: { required: true, content: { 'application/json': { schema: doc.requestBody } } } } : {}),
      security: [{ hmacSignature: [] }],
      responses: Object.fromEntries(
        Object.entries(doc.responses).map(([status, r]) => [status, { description: r.description, ...(r.schema ? { content: { 'application/json': { schema: r.schema } } } : {}) }]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'RTC Console reseller RESTful API', version: '1.0.0', description: SIGNATURE_TEXT },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { hmacSignature: { type: 'apiKey', in: 'header', name: 'Authorization', description: SIGNATURE_TEXT } } },
    paths,
  };
}
