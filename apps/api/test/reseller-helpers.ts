// Signed requests to the reseller RESTful API, as a reseller's program would send them.
import { createReseller, createCompany, createResellerApiKey, resellers, type CoreDeps } from '@rtc-console/core';
import { sign, type SignOptions } from '@rtc-console/signer';
import { eq } from 'drizzle-orm';
import type { Express } from 'express';
import request from 'supertest';

export const DEMO_RESELLER = 'Demo Reseller';

export async function resellerId(core: CoreDeps, name = DEMO_RESELLER): Promise<number> {
  const [r] = await core.db.select({ id: resellers.id }).from(resellers).where(eq(resellers.name, name));
  if (!r) throw new Error(`no reseller ${name}`);
  return r.id;
}

export interface ApiKey {
  id: number;
  accessKeyId: string;
  secret: string;
}

/** A fresh API key of the demo reseller (or of `reseller`). */
export async function apiKey(core: CoreDeps, reseller?: number): Promise<ApiKey> {
  return createResellerApiKey(core.db, reseller ?? (await resellerId(core)), null);
}

/** Another reseller with one company of its own, for the 403 cases. */
export async function otherReseller(core: CoreDeps): Promise<{ resellerId: number; companyId: number }> {
  const r = await createReseller(core, `Other Reseller ${Date.now()}`);
  const c = await createCompany(
    core,
    { name: 'Not yours', email: `owner-${r.id}-${Date.now()}@other.example`, firstName: 'O', lastName: 'R', country: 'DE', area: 'Non-CN', appLimit: 10, memberLimit: 10, industry: 12, interest: 1, environment: 1 },
    { resellerId: r.id, actor: { userId: null, label: 'test' } },
  );
  return { resellerId: r.id, companyId: c.id };
}

type Method = 'get' | 'post';

/** supertest with the seed's signature headers; `sign` options can be overridden per request. */
export function signedClient(app: Express, key: ApiKey) {
  return async (method: Method, path: string, body?: unknown, override: Partial<SignOptions> = {}, extra: Record<string, string> = {}) => {
    const headers = await sign({ accessKeyId: key.accessKeyId, secret: key.secret, ...override });
    let r = request(app)[method](path).set({ ...headers, ...extra });
    if (body !== undefined) r = typeof body === 'string' ? r.set('content-type', 'application/json').send(body) : r.send(body as object);
    return r;
  };
}
