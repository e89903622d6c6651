import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectDatabase } from '../db/connect.js';
import { createTestDatabase, waitUntil, type TestDatabase } from '../testing/index.js';
import { JobQueue } from './job-queue.js';
import { listJobs } from './job-list.js';

const logger = pino({ level: 'silent' });

describe('job queue (pg-boss on the console database)', () => {
  let db: TestDatabase;
  let queue: JobQueue;
  const ran: Array<{ data: unknown; attempt: number }> = [];
  let flakyFailures = 1;

  beforeAll(async () => {
    db = await createTestDatabase();
    queue = new JobQueue(db, logger, { pollingIntervalSeconds: 0.5 });
    const jobs = queue.forOwner('probe');
    jobs.define({ name: 'echo', handler: async (data, run) => void ran.push({ data, attempt: run.attempt }) });
    jobs.define({
      name: 'flaky',
      retryDelaySeconds: 1,
      retryBackoff: false,
      handler: async (data, run) => {
        if (flakyFailures-- > 0) throw new Error('receiver down');
        ran.push({ data, attempt: run.attempt });
      },
    });
    jobs.define({ name: 'doomed', retryLimit: 1, retryDelaySeconds: 1, retryBackoff: false, handler: async () => { throw new Error('always broken'); } });
    await queue.start();
  }, 60_000);
  afterAll(async () => {
    await queue.stop();
    await db.destroy();
  });

  test('a job sent runs once with its data', async () => {
    await queue.forOwner('probe').send('echo', { hello: 'world', n: [1, 2] });
    await waitUntil(() => ran.some((r) => (r.data as { hello?: string }).hello === 'world'));
    expect(ran.filter((r) => (r.data as { hello?: string }).hello === 'world')).toEqual([{ data: { hello: 'world', n: [1, 2] }, attempt: 1 }]);
  });

  test('a job sent twice under one id runs once; the second send says it was dropped', async () => {
    const id = '5f0c1a52-7d2b-4c1e-9a4e-3b1f0e2d9c77';
    expect(await queue.forOwner('probe').send('echo', { once: 1 }, { id })).toBe(id);
    expect(await queue.forOwner('probe').send('echo', { once: 2 }, { id })).toBeNull();
    await waitUntil(() => ran.some((r) => (r.data as { once?: number }).once === 1));
    await new Promise((r) => setTimeout(r, 800));
    expect(ran.filter((r) => (r.data as { once?: number }).once !== undefined)).toEqual([{ data: { once: 1 }, attempt: 1 }]);
  });

  test('a backlog drains at the handlers\' pace, not one job per poll interval', async () => {
    // A queue polled once a minute: only finding work makes its worker look again at once.
    const slow = new JobQueue(db, logger, { pollingIntervalSeconds: 60 });
    const done: number[] = [];
    slow.forOwner('drain').define({ name: 'one', handler: async (data) => void done.push((data as { n: number }).n) });
    await slow.start();
    try {
      await slow.insert(Array.from({ length: 20 }, (_, n) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, queue: 'drain.one', data: { n } })));
      await waitUntil(() => done.length === 20, 15_000);
      expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    } finally {
      await slow.stop();
    }
  });

  test('a failed attempt is retried, and the second attempt knows it is the second', async () => {
    await queue.forOwner('probe').send('flaky', { flaky: true });
    await waitUntil(() => ran.some((r) => (r.data as { flaky?: boolean }).flaky));
    expect(ran.find((r) => (r.data as { flaky?: boolean }).flaky)?.attempt).toBe(2);
  });

  test('a job failing past its retries ends failed, its error and attempts on the list', async () => {
    const id = await queue.forOwner('probe').send('doomed', {});
    await waitUntil(async () => (await listJobs(db.db, { queue: 'probe.doomed', state: 'failed', limit: 10, offset: 0 })).rows.some((r) => r.id === id));
    const { rows, count } = await listJobs(db.db, { queue: 'probe.', limit: 50, offset: 0 });
    const doomed = rows.find((r) => r.id === id)!;
    expect(doomed).toMatchObject({ queue: 'probe.doomed', state: 'failed', attempts: 2, retryLimit: 1, lastError: 'always broken' });
    expect(count).toBe(rows.length);
    expect(rows.every((r) => r.queue.startsWith('probe.'))).toBe(true);
    const completed = await listJobs(db.db, { state: 'completed', limit: 50, offset: 0 });
    expect(completed.rows.length).toBeGreaterThanOrEqual(2);
    expect(completed.rows.every((r) => r.state === 'completed' && r.lastError === null && r.finishedAt)).toBe(true);
  });

  test('only defined jobs can be sent, and only under their owner', async () => {
    await expect(queue.forOwner('probe').send('nope', {})).rejects.toThrow('job "probe.nope" is not defined');
    await expect(queue.forOwner('other').send('echo', {})).rejects.toThrow('job "other.echo" is not defined');
    expect(() => queue.forOwner('probe').define({ name: 'late', handler: async () => {} })).toThrow('before the queue starts');
    expect(() => queue.forOwner('probe').define({ name: 'bad name!', handler: async () => {} })).toThrow();
  });
});

// Two processes on one Postgres, as two API instances would be: two queues on two connection
// pools (PGlite is one process's database, so this case exists only on a server). pg-boss's cron
// has minute resolution, so this waits for two minute boundaries.
describe.runIf(process.env.DATABASE_URL)('a scheduled job with two processes', () => {
  test('two processes starting at once both start (their queues are created concurrently)', async () => {
    // Before the retry, pg-boss's create_queue deadlocked in the first or second of these rounds.
    for (let round = 0; round < 3; round++) {
      const db = await createTestDatabase();
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${(await db.executeSql('select current_database() as d')).rows[0]!.d}`;
      const second = await connectDatabase({ databaseUrl: url.toString(), maxConnections: 3 });
      const queues = [db, second].map((handle) => {
        const q = new JobQueue(handle, logger, { pollingIntervalSeconds: 0.5 });
        for (let k = 0; k < 6; k++) q.forOwner('probe').define({ name: `job${k}`, ...(k % 2 ? { cron: '0 0 1 1 *' } : {}), handler: async () => undefined });
        return q;
      });
      try {
        await Promise.all(queues.map((q) => q.start()));
        expect(queues.every((q) => q.started)).toBe(true);
      } finally {
        await Promise.all(queues.map((q) => q.stop()));
        await second.close();
        await db.destroy();
      }
    }
  }, 120_000);

  test('runs once per slot, not once per process', async () => {
    const db = await createTestDatabase();
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${(await db.executeSql('select current_database() as d')).rows[0]!.d}`;
    const second = await connectDatabase({ databaseUrl: url.toString(), maxConnections: 3 });
    await db.db.execute(sql`create table ticks (process text, at timestamptz default now())`);
    const queues = [db, second].map((handle, i) => {
      const q = new JobQueue(handle, logger, { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1 });
      q.forOwner('probe').define({ name: 'tick', cron: '* * * * *', handler: async () => void (await handle.db.execute(sql`insert into ticks (process) values (${String(i)})`)) });
      return q;
    });
    try {
      await Promise.all(queues.map((q) => q.start()));
      const ticks = async () => Number((await db.executeSql('select count(*)::int as n from ticks')).rows[0]!.n);
      await waitUntil(async () => (await ticks()) >= 2, 150_000);
      // Let any duplicate of the last slot arrive before counting.
      await new Promise((r) => setTimeout(r, 3000));
      const perMinute = (await db.executeSql(`select date_trunc('minute', at) as m, count(*)::int as n from ticks group by 1`)).rows;
      expect(perMinute.length).toBeGreaterThanOrEqual(2);
      expect(perMinute.every((r) => r.n === 1)).toBe(true);
    } finally {
      await Promise.all(queues.map((q) => q.stop()));
      await second.close();
      await db.destroy();
    }
  }, 200_000);
});
