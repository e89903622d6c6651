import { listOutbox, type CoreDeps, type MailMessage } from '@rtc-console/core';
import type { TestDatabase } from '@rtc-console/core/testing';
import type { Express } from 'express';
import request from 'supertest';
import { DEMO_PASSWORD, type ApiConfig } from '@rtc-console/server';
import { createTestStack, type StackOptions, type TestStack } from './test-stack.js';

export interface TestApp {
  app: Express;
  plugins: TestStack['plugins'];
  core: CoreDeps;
  db: TestDatabase;
  config: ApiConfig;
  /** A signed-in client (cookie jar + CSRF header on writes). */
  signIn(email: string, password?: string): Promise<TestClient>;
  /** A client with no session. */
  anonymous(): TestClient;
  /** Mail kept in the outbox, newest first. */
  mail(to?: string, kind?: string): Promise<MailMessage[]>;
  close(): Promise<void>;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** supertest's agent with the session's CSRF token added to every write. */
export class TestClient {
  csrf = '';
  me: Record<string, unknown> = {};
  constructor(readonly agent: ReturnType<typeof request.agent>) {}

  request(method: Method, url: string, body?: unknown) {
    let r = this.agent[method](url);
    if (method !== 'get' && this.csrf) r = r.set('x-csrf-token', this.csrf);
    return body === undefined ? r : r.send(body as object);
  }
  get = (url: string) => this.request('get', url);
  post = (url: string, body?: unknown) => this.request('post', url, body);
  put = (url: string, body?: unknown) => this.request('put', url, body);
  patch = (url: string, body?: unknown) => this.request('patch', url, body);
  delete = (url: string, body?: unknown) => this.request('delete', url, body);

  /** Keeps the CSRF token current after sign-in, password change, or invitation acceptance. */
  adopt(body: { csrfToken?: string }): this {
    if (body.csrfToken) {
      this.csrf = body.csrfToken;
      this.me = body as Record<string, unknown>;
    }
    return this;
  }
}

/**
 * A complete API with the given plugins on a fresh database (PGlite, or a throwaway database on
 * DATABASE_URL's server), with the demo data seeded unless `seed: false`. Passwords hash at low
 * cost. Requests go to the app in-process (supertest); `startTestServer` listens on a port.
 */
export async function createTestApp(opts: StackOptions): Promise<TestApp> {
  const { app, core, db, config, plugins, destroy } = await createTestStack(opts);
  const anonymous = () => new TestClient(request.agent(app));
  return {
    app,
    plugins,
    core,
    db,
    config,
    anonymous,
    async signIn(email, password = DEMO_PASSWORD) {
      const client = anonymous();
      const res = await client.post('/api/auth/sign-in', { email, password });
      if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return client.adopt(res.body);
    },
    async mail(to, kind) {
      return (await listOutbox(core.db, { to, kind, limit: 100, offset: 0 })).rows;
    },
    close: () => destroy(),
  };
}

/** The token in the newest emailed link of a kind (invitation, password reset) to an address. */
export async function linkToken(t: TestApp, to: string, kind: string): Promise<string> {
  const [mail] = await t.mail(to, kind);
  const match = mail?.text.match(/token=([A-Za-z0-9_%-]+)/);
  if (!match) throw new Error(`no ${kind} link mailed to ${to}`);
  return decodeURIComponent(match[1]!);
}
