// Shared fixtures of the webhooks plugin's tests: a receiver on 127.0.0.1, a test console with the
// plugin (and its job queue working), endpoints created through the API, waits on deliveries.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rowsOf } from '@rtc-console/core';
import { waitUntil } from '@rtc-console/core/testing';
import { createTestApp, DEMO_PASSWORD, type StackOptions, type TestApp, type TestClient } from '@rtc-console/testing';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { DeliveryView, EndpointCreate, EndpointWithSecret } from '../src/shared/index.js';
import { createWebhooksServerPlugin, type WebhooksOptions } from '../src/server/index.js';

export { waitUntil };

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
  at: number;
}

/** What the receiver answers: a status (and body), after an optional delay. */
export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** An HTTP receiver on 127.0.0.1 that records every request and answers as told (200 by default). */
export async function startReceiver(answer: (r: Received) => Answer = () => ({ status: 200, body: 'ok' })) {
  const received: Received[] = [];
  const state = { answer };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), path: req.url ?? '/', at: Date.now() };
      received.push(r);
      const a = state.answer(r);
      setTimeout(() => {
        res.writeHead(a.status, { 'content-type': 'text/plain', ...a.headers });
        res.end(a.body ?? '');
      }, a.delayMs ?? 0);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** Changes what it answers from now on. */
    answerWith(next: (r: Received) => Answer) {
      state.answer = next;
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Retries a test can wait for: three after the first attempt, from 1 s, not doubling. */
export const FAST_RETRIES: WebhooksOptions['retry'] = { limit: 3, delaySeconds: 1, backoff: false };

/** The plugin as the delivery tests want it: loopback receivers allowed, quick retries. */
export const testPlugin = (options: WebhooksOptions = {}) => createWebhooksServerPlugin({ allowLoopback: true, retry: FAST_RETRIES, timeoutMs: 3000, ...options });

/** A test console with the plugin; `jobs` works the queue and dispatches events (deliveries happen). */
export function webhooksApp(options: WebhooksOptions = {}, stack: Partial<StackOptions> = {}): Promise<TestApp> {
  return createTestApp({ plugins: [testPlugin(options)], ...stack });
}

export async function reauth(client: TestClient, password = DEMO_PASSWORD): Promise<void> {
  expect((await client.post('/api/auth/reauth', { password })).status).toBe(204);
}

/** Registers an endpoint through the API (re-entering the password first), expecting 201. */
export async function addEndpoint(client: TestClient, input: Partial<EndpointCreate> & { url: string }): Promise<EndpointWithSecret> {
  await reauth(client);
  const res = await client.post('/api/webhooks/endpoints', { eventTypes: ['project.created'], description: 'tests', ...input });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as EndpointWithSecret;
}

export async function deliveriesOf(client: TestClient, endpointId: number, query = ''): Promise<DeliveryView[]> {
  const res = await client.get(`/api/webhooks/endpoints/${endpointId}/deliveries?limit=100${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as { rows: DeliveryView[] }).rows;
}

/** Waits until the endpoint's deliveries satisfy `check`, returning them. */
export async function waitForDeliveries(client: TestClient, endpointId: number, check: (rows: DeliveryView[]) => boolean, ms = 30_000): Promise<DeliveryView[]> {
  let rows: DeliveryView[] = [];
  await waitUntil(async () => check((rows = await deliveriesOf(client, endpointId))), ms, 200);
  return rows;
}

/** The error envelope `{ error: { code, message, details? } }` with this status (and code); returns the error. */
export function expectError(res: { status: number; body: unknown }, status: number, code?: string): { code: string; message: string; details?: unknown } {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const body = res.body as { error: { code: string; message: string; details?: unknown } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

/** Every row of the plugin's tables as text: what a database dump of them holds. */
export async function dumpTables(t: Pick<TestApp, 'core'>): Promise<string> {
  const rows = rowsOf<{ row: string }>(await t.core.db.execute(sql`select to_jsonb(x)::text as row from webhook_endpoints x union all select to_jsonb(x)::text from webhook_deliveries x`));
  return rows.map((r) => r.row).join('\n');
}
