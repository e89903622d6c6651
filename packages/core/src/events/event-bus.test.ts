import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inCompany } from '../db/tenant.js';
import { JobQueue } from '../jobs/job-queue.js';
import { eventOutbox } from '../schema/events.js';
import { companies } from '../schema/tenancy.js';
import { createTestDatabase, waitUntil, type TestDatabase } from '../testing/index.js';
import { EventBus, deliveryJobId } from './event-bus.js';
import { publishEvent, purgeDispatchedEvents } from './publish.js';
import type { DeliveredEvent } from './types.js';

const logger = pino({ level: 'silent' });

describe('event bus: outbox, dispatch after commit, subscribers on the job queue', () => {
  let db: TestDatabase;
  let queue: JobQueue;
  let bus: EventBus;
  let companyId: number;
  const seen: Record<string, DeliveredEvent[]> = { all: [], projects: [], flaky: [] };
  let flakyFailures = 2;

  beforeAll(async () => {
    db = await createTestDatabase();
    [{ id: companyId }] = (await db.db.insert(companies).values({ name: 'Events Co', email: 'ops@events.example', firstName: 'Eve', lastName: 'Vents', country: 'US', area: 'Non-CN' }).returning({ id: companies.id })) as [{ id: number }];
    queue = new JobQueue(db, logger, { pollingIntervalSeconds: 0.5 });
    // A long poll: what arrives fast came through the commit's notification.
    bus = new EventBus(db, queue, logger, { pollMs: 60_000 });
    bus.subscribe('probe', { name: 'all', types: ['*'], handler: async (e) => void seen.all!.push(e) });
    bus.subscribe('probe', { name: 'projects', types: ['project.*'], handler: async (e) => void seen.projects!.push(e) });
    bus.subscribe('probe', {
      name: 'flaky',
      types: ['member.removed'],
      retryDelaySeconds: 1,
      handler: async (e) => {
        if (flakyFailures-- > 0) throw new Error('not now');
        seen.flaky!.push(e);
      },
    });
    await queue.start();
    await bus.start();
  }, 60_000);
  afterAll(async () => {
    await bus.stop();
    await queue.stop();
    await db.destroy();
  });

  test('an event published in a committed tenant transaction reaches each matching subscriber once', async () => {
    await inCompany(db.db, companyId, (tx) => publishEvent(tx, { type: 'project.created', companyId, actor: 'ann@example.com', data: { projectId: 'p1' } }));
    await waitUntil(() => seen.all!.length === 1 && seen.projects!.length === 1);
    expect(seen.projects![0]).toMatchObject({ type: 'project.created', companyId, actor: 'ann@example.com', data: { projectId: 'p1' } });
    expect(seen.all![0]!.id).toBe(seen.projects![0]!.id);
    const [row] = await db.db.select().from(eventOutbox).where(eq(eventOutbox.id, seen.all![0]!.id));
    expect(row?.dispatchedAt).toBeInstanceOf(Date);
  });

  test('a rolled-back transaction publishes nothing', async () => {
    const before = seen.all!.length;
    await expect(
      inCompany(db.db, companyId, async (tx) => {
        await publishEvent(tx, { type: 'project.deleted', companyId, actor: 'x', data: {} });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    await bus.drain();
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen.all!.length).toBe(before);
    expect(await db.db.select().from(eventOutbox).where(eq(eventOutbox.type, 'project.deleted'))).toEqual([]);
  });

  test('a tenant cannot publish for another company (row-level security)', async () => {
    await expect(inCompany(db.db, companyId, (tx) => publishEvent(tx, { type: 'project.created', companyId: companyId + 1, actor: 'x' }))).rejects.toThrow();
  });

  test('a failing handler is retried by the queue until it succeeds; the others are not held up', async () => {
    await inCompany(db.db, companyId, (tx) => publishEvent(tx, { type: 'member.removed', companyId, actor: 'ann@example.com', data: { userId: 7 } }));
    await waitUntil(() => seen.all!.some((e) => e.type === 'member.removed'));
    expect(seen.flaky).toEqual([]);
    await waitUntil(() => seen.flaky!.length === 1, 30_000);
    expect(seen.flaky![0]!.data).toEqual({ userId: 7 });
  });

  test('a hand-off repeated after a dispatcher died queues no second delivery', async () => {
    await bus.stop();
    await db.db.transaction((tx) => publishEvent(tx, { type: 'project.updated', companyId, actor: 'x' }));
    expect(await bus.dispatchOnce()).toBe(1);
    const [event] = await db.db.select().from(eventOutbox).where(eq(eventOutbox.type, 'project.updated'));
    // As if the dispatcher had died after queueing and before marking the event dispatched, its lease run out.
    await db.db.update(eventOutbox).set({ dispatchedAt: null, leaseUntil: null }).where(eq(eventOutbox.id, event!.id));
    expect(await bus.dispatchOnce()).toBe(1);
    const jobs = (await db.executeSql(`select count(*)::int as n from pgboss.job where id = $1`, [deliveryJobId(event!.id, 'probe.on-all')])).rows;
    expect(jobs[0]!.n).toBe(1);
    await bus.start();
    await waitUntil(() => seen.all!.some((e) => e.type === 'project.updated'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen.all!.filter((e) => e.type === 'project.updated')).toHaveLength(1);
  });

  test('events wait in the outbox while no dispatcher runs, and go out when one starts', async () => {
    await bus.stop();
    await db.db.transaction((tx) => publishEvent(tx, { type: 'company.frozen', companyId, actor: 'operator' }));
    await new Promise((r) => setTimeout(r, 800));
    expect(seen.all!.some((e) => e.type === 'company.frozen')).toBe(false);
    await bus.start();
    await waitUntil(() => seen.all!.some((e) => e.type === 'company.frozen'));
    expect((await db.executeSql('select count(*)::int as n from event_outbox where dispatched_at is null')).rows[0]!.n).toBe(0);
  });

  test("housekeeping deletes events handed on more than a week ago and keeps the newer and the undispatched", async () => {
    await bus.stop();
    const rows = await db.db
      .insert(eventOutbox)
      .values(['old.dispatched', 'old.waiting', 'new.dispatched'].map((type) => ({ type: `project.${type.replace('.', '_')}`, companyId, data: {}, actor: 'operator' })))
      .returning({ id: eventOutbox.id, type: eventOutbox.type });
    const [oldDone, oldWaiting, newDone] = rows.map((r) => r.id);
    await db.executeSql(`update event_outbox set created_at = now() - interval '8 days', dispatched_at = case when id = $1 then now() else null end where id in ($1, $2)`, [oldDone, oldWaiting]);
    await db.executeSql('update event_outbox set dispatched_at = now() where id = $1', [newDone]);
    await purgeDispatchedEvents(db.db);
    const left = (await db.executeSql('select id from event_outbox where id = any($1::bigint[])', [`{${rows.map((r) => r.id).join(',')}}`])).rows.map((r) => Number(r.id));
    expect(left.sort()).toEqual([Number(oldWaiting), Number(newDone)].sort());
  });
});
