// At least once across a restart, and once per endpoint with two API processes: the console is
// stopped in the middle of a delivery's retries (and with an event not yet handed on), another
// starts on the same database and finishes both; two consoles on one Postgres deliver each event
// once per endpoint.
import { randomBytes } from 'node:crypto';
import { companies, connectDatabase } from '@rtc-console/core';
import { createTestDatabase, type TestDatabase } from '@rtc-console/core/testing';
import { createTestApp, type TestApp } from '@rtc-console/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, test } from 'vitest';
import type { DeliveryView } from '../src/shared/index.js';
import { addEndpoint, startReceiver, testPlugin, waitForDeliveries, waitUntil, type Receiver } from './webhooks-helpers.js';

/** The database outlives each console on it: closing a console leaves it alone. */
const kept = (db: TestDatabase): TestDatabase => ({ ...db, destroy: async () => {} });
/** Every console of an install shares the settings key (the sealed secrets open on each). */
const env = { SETTINGS_KEY: randomBytes(32).toString('base64') };

const receivers: Receiver[] = [];
afterAll(async () => {
  for (const r of receivers) await r.close();
});

describe('a restart in the middle', () => {
  test('a delivery retried by the next console, and an event the stopped one never handed on, both arrive', async () => {
    let up = false;
    const receiver = await startReceiver(() => (up ? { status: 200, body: 'ok' } : { status: 503, body: 'down' }));
    receivers.push(receiver);
    const db = await createTestDatabase();
    // Retries 3 s apart: the first console is gone before the second attempt.
    const options = { retry: { limit: 5, delaySeconds: 3, backoff: false } };
    let first: TestApp | undefined = await createTestApp({ plugins: [testPlugin(options)], jobs: true, database: kept(db), env });
    let second: TestApp | undefined;
    try {
      const admin = await first.signIn('admin@acme.demo');
      const { endpoint, secret } = await addEndpoint(admin, { url: `${receiver.url}/restart` });
      expect((await admin.post('/api/projects', { name: 'Before the restart', region: 'Non-CN' })).status).toBe(201);
      await waitForDeliveries(admin, endpoint.id, (rows) => rows[0]?.status === 'retrying' && rows[0].attempts === 1);
      // The dispatcher stops first: this project's event stays in the outbox when the console goes.
      await first.core.events.stop();
      expect((await admin.post('/api/projects', { name: 'While stopping', region: 'Non-CN' })).status).toBe(201);
      await first.close();
      first = undefined;
      const before = receiver.received.length;
      up = true;

      second = await createTestApp({ plugins: [testPlugin(options)], jobs: true, database: kept(db), env });
      const again = await second.signIn('admin@acme.demo');
      const rows = await waitForDeliveries(again, endpoint.id, (r) => r.length === 2 && r.every((d) => d.status === 'succeeded'), 40_000);
      const retried = rows.find((d: DeliveryView) => JSON.parse(d.payload).data.name === 'Before the restart')!;
      expect(retried).toMatchObject({ attempts: 2, responseStatus: 200 });
      expect(rows.find((d: DeliveryView) => JSON.parse(d.payload).data.name === 'While stopping')).toMatchObject({ attempts: 1 });
      expect(before).toBe(1);
      const byId = receiver.received.map((r) => r.headers['webhook-id']);
      expect(byId.filter((id) => id === retried.messageId)).toHaveLength(2);
      expect(receiver.received).toHaveLength(3);
      for (const r of receiver.received) expect(new Webhook(secret).verify(r.body, r.headers as Record<string, string>)).toMatchObject({ type: 'project.created' });
    } finally {
      await first?.close();
      await second?.close();
      await db.destroy();
    }
  });
});

// Two API processes as an install runs them behind a proxy: two consoles, two connection pools,
// one Postgres (PGlite is one process's database, so this exists only on a server).
describe.runIf(process.env.DATABASE_URL)('two consoles on one Postgres', () => {
  test('each event is delivered once per endpoint, whichever console dispatches and delivers it', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const db = await createTestDatabase();
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${(await db.executeSql('select current_database() as d')).rows[0]!.d}`;
    const a = await createTestApp({ plugins: [testPlugin()], jobs: true, database: kept(db), env });
    const handle = await connectDatabase({ databaseUrl: url.toString(), maxConnections: 5 });
    const b = await createTestApp({ plugins: [testPlugin()], jobs: true, database: { ...handle, destroy: () => handle.close() }, env });
    try {
      const adminA = await a.signIn('admin@acme.demo');
      const adminB = await b.signIn('admin@acme.demo');
      const one = await addEndpoint(adminA, { url: `${receiver.url}/one` });
      const two = await addEndpoint(adminB, { url: `${receiver.url}/two` });
      const events = 12;
      await a.core.db.update(companies).set({ appLimit: 1000 });
      const created = await Promise.all(Array.from({ length: events }, (_, i) => (i % 2 ? adminA : adminB).post('/api/projects', { name: `Two consoles ${i}`, region: 'Non-CN' })));
      expect(created.map((r) => r.status)).toEqual(Array(events).fill(201));
      await waitUntil(() => receiver.received.length >= events * 2, 60_000, 100);
      // Time for any second delivery to show up.
      await new Promise((r) => setTimeout(r, 3000));
      const ids = receiver.received.map((r) => `${r.path} ${r.headers['webhook-id']}`);
      expect(ids).toHaveLength(events * 2);
      expect(new Set(ids).size).toBe(events * 2);
      for (const { endpoint } of [one, two]) {
        const rows = await waitForDeliveries(adminA, endpoint.id, (r) => r.length === events && r.every((d) => d.status === 'succeeded' && d.attempts === 1));
        expect(new Set(rows.map((d) => d.eventId)).size).toBe(events);
      }
    } finally {
      await a.close();
      await b.close();
      await db.destroy();
    }
  });
});
