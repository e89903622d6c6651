import { createIngestKey, type CoreDeps } from '@rtc-console/core';
import { DEMO_PASSWORD } from '@rtc-console/testing';
import { generateTraffic } from '@rtc-console/plugin-usage/server';
import { DURATION_METRICS, PRODUCTS } from '@rtc-console/plugin-usage/shared';

/**
 * Usage for the browser tests, through the same doors as production: traffic from the media
 * edge's signed ingest endpoint (two weeks of the first two demo companies, ~1 s), prices
 * from the operator's PUT /api/usage/prices. The demo's 30 days would take longer for no gain.
 */
export async function seedUsage(server: { url: string; core: CoreDeps }): Promise<void> {
  const key = await createIngestKey(server.core.db, 'browser tests');
  const report = await generateTraffic({ baseUrl: server.url, accessKeyId: key.accessKeyId, secret: key.secret, companies: 2, days: 14, calls: 20 });
  if (report.accepted === 0 || report.rejected > 0) throw new Error(`demo traffic was not taken: ${JSON.stringify(report)}`);
  await putPrices(server.url);
}

/** Video & Audio prices in both currencies, a small free audio allowance so that fees show. */
async function putPrices(baseUrl: string): Promise<void> {
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'operator@rtc.demo', password: DEMO_PASSWORD }),
  });
  if (!signIn.ok) throw new Error(`operator sign-in answered ${signIn.status}`);
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const perThousand = { audio: 0.99, sd: 3.99, hd: 3.99, hdp: 8.99 } as const;
  const prices = (['USD', 'CNY'] as const).flatMap((currency) =>
    (Object.keys(perThousand) as (keyof typeof perThousand)[]).map((m) => ({
      currency,
      product: PRODUCTS.rtc,
      metric: DURATION_METRICS[m],
      perThousand: currency === 'USD' ? perThousand[m] : Math.round(perThousand[m] * 7 * 100) / 100,
      freeMinutes: m === 'audio' ? 1_000 : 0,
    })),
  );
  const res = await fetch(`${baseUrl}/api/usage/prices`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ prices }),
  });
  if (!res.ok) throw new Error(`PUT /api/usage/prices answered ${res.status}: ${await res.text()}`);
}
