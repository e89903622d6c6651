import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/types.js';
import type { QueueDefinition } from '../shared/jobs.js';
import type { JobDefinition, OwnerJobs, SendOptions } from './types.js';

const NAME = /^[a-z0-9][a-z0-9_-]{0,60}$/i;
const OWNER = /^[a-z][a-z0-9-]{1,30}$/;

export interface JobQueueOptions {
  /** Seconds between a worker's polls for new jobs (pg-boss polls; a local send wakes it at once). */
  pollingIntervalSeconds?: number;
  /** Run the cron schedules from this process (pg-boss keeps them once per cluster whatever the number of processes). */
  schedule?: boolean;
  /** Seconds between the schedule checks (pg-boss's default is 30; tests go faster). */
  cronMonitorIntervalSeconds?: number;
}

interface Defined {
  queue: string;
  def: JobDefinition;
}

/**
 * The console's job queue: pg-boss on the console's own database, PGlite or Postgres alike, through
 * the handle's `executeSql` (no second connection pool). Owners (core, each plugin) define jobs
 * before `start`; `start` creates their queues, registers the schedules and, unless told not to,
 * starts this process's workers. Several processes on one Postgres share the queue: each job runs
 * once, and each scheduled slot is sent once (pg-boss's singleton per slot).
 */
export class JobQueue {
  #boss!: PgBoss;
  readonly #defined = new Map<string, Defined>();
  readonly #workerIds = new Map<string, string[]>();
  /** Per queue, the worker the next wake-up goes to. */
  readonly #nextWake = new Map<string, number>();
  #started = false;
  #working = false;

  constructor(
    private readonly handle: Pick<DatabaseHandle, 'executeSql'>,
    private readonly logger: Logger,
    private readonly options: JobQueueOptions = {},
  ) {
  }

  #createBoss(work: boolean): PgBoss {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => this.handle.executeSql(text, values) },
      // A process that does not work (a test, a CLI) neither keeps the schedules nor maintains the tables.
      schedule: work && (this.options.schedule ?? true),
      supervise: work,
      cronMonitorIntervalSeconds: this.options.cronMonitorIntervalSeconds ?? 30,
      // Finished jobs stay visible on the operator's jobs page for a week.
      archiveCompletedAfterSeconds: 7 * 24 * 3600,
      deleteAfterDays: 30,
    });
    boss.on('error', (err) => this.logger.error({ err }, 'job queue error'));
    return boss;
  }

  get started(): boolean {
    return this.#started;
  }

  /** The jobs service of one owner: `core` or a plugin id. */
  forOwner(owner: string): OwnerJobs {
    if (!OWNER.test(owner)) throw new Error(`job owner "${owner}" must be "core" or a plugin id`);
    return {
      define: (def) => this.define(owner, def as JobDefinition),
      send: (name, data, options) => this.send(queueName(owner, name), data ?? {}, options),
    };
  }

  define(owner: string, def: JobDefinition): void {
    if (this.#started) throw new Error(`job "${owner}.${def.name}" must be defined before the queue starts`);
    const queue = queueName(owner, def.name);
    if (this.#defined.has(queue)) throw new Error(`job "${queue}" is defined twice`);
    this.#defined.set(queue, { queue, def });
  }

  /** The queues defined, with their definitions (the operator's page lists them). */
  definitions(): QueueDefinition[] {
    return [...this.#defined.values()].map(({ queue, def }) => ({ queue, cron: def.cron ?? null, retryLimit: def.retryLimit ?? 5 }));
  }

  /**
   * Installs or upgrades pg-boss's schema, creates the queues, registers the schedules; then works
   * unless `work: false` (jobs can still be sent, and wait for a process that works).
   */
  async start(opts: { work?: boolean } = {}): Promise<void> {
    if (this.#started) return;
    const work = opts.work ?? true;
    this.#boss = this.#createBoss(work);
    await this.#boss.start();
    for (const { queue, def } of this.#defined.values()) {
      const retry = { retryLimit: def.retryLimit ?? 5, retryDelay: def.retryDelaySeconds ?? 30, retryBackoff: def.retryBackoff ?? true, expireInSeconds: def.expireInSeconds ?? 15 * 60 };
      // createQueue leaves an existing queue as it is; updateQueue applies changed retry rules.
      const boss = this.#boss;
      await retryOnDeadlock(() => boss.createQueue(queue, { name: queue, ...retry }));
      await retryOnDeadlock(() => boss.updateQueue(queue, { name: queue, ...retry }));
      if (def.cron) await retryOnDeadlock(() => boss.schedule(queue, def.cron!, {}, { tz: 'UTC' }));
      else await retryOnDeadlock(() => boss.unschedule(queue));
    }
    this.#started = true;
    if (work) await this.#work();
  }

  async #work(): Promise<void> {
    if (this.#working) return;
    this.#working = true;
    for (const { queue, def } of this.#defined.values()) {
      const ids: string[] = [];
      for (let i = 0; i < Math.max(1, def.concurrency ?? 1); i++) {
        let workerId = '';
        workerId = await this.#boss.work<object>(queue, { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2, includeMetadata: true }, async (jobs) => {
          try {
            for (const job of jobs) await def.handler(job.data, { id: job.id, queue, attempt: job.retryCount + 1 });
          } finally {
            // A worker that found a job looks for the next at once: pg-boss would wait out the poll
            // interval after each one, so a backlog would drain at one job per interval per worker.
            if (jobs.length) this.#boss.notifyWorker(workerId);
          }
        });
        ids.push(workerId);
      }
      this.#workerIds.set(queue, ids);
    }
  }

  async send(queue: string, data: object, options: SendOptions = {}): Promise<string | null> {
    this.#assertSendable(queue);
    const id = await this.#boss.send(queue, data, {
      ...(options.delaySeconds ? { startAfter: options.delaySeconds } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.id ? { id: options.id } : {}),
    });
    if (!options.delaySeconds) this.wake(queue, 1);
    return id;
  }

  /** Inserts jobs at once, skipping any whose id is already in the queue (the event bus's at-least-once fan-out). */
  async insert(jobs: Array<{ id: string; queue: string; data: object }>): Promise<void> {
    for (const j of jobs) this.#assertSendable(j.queue);
    if (!jobs.length) return;
    await this.#boss.insert(jobs.map((j) => ({ id: j.id, name: j.queue, data: j.data })));
    const perQueue = new Map<string, number>();
    for (const j of jobs) perQueue.set(j.queue, (perQueue.get(j.queue) ?? 0) + 1);
    for (const [queue, n] of perQueue) this.wake(queue, n);
  }

  /** Sends a failed job again (the operator's "retry"); false when no failed job has that id in that queue. */
  async retry(queue: string, id: string): Promise<boolean> {
    if (!this.#defined.has(queue)) return false;
    const job = await this.#boss.getJobById(queue, id);
    if (!job || job.state !== 'failed') return false;
    await this.#boss.retry(queue, id);
    this.wake(queue, 1);
    return true;
  }

  /**
   * Wakes `count` of this process's workers of a queue (in turn; all by default) now instead of
   * at their next poll: one per job sent, since a worker that finds a job looks again at once.
   * Waking every worker for every job made each send cost a fetch per worker, all but one empty.
   */
  wake(queue: string, count = Infinity): void {
    const ids = this.#workerIds.get(queue) ?? [];
    let next = this.#nextWake.get(queue) ?? 0;
    for (let i = 0; i < Math.min(count, ids.length); i++) this.#boss.notifyWorker(ids[next++ % ids.length]!);
    this.#nextWake.set(queue, next % Math.max(1, ids.length));
  }

  /** Stops polling and waits for the jobs running here (up to `timeoutSeconds`). */
  async stop(timeoutSeconds = 10): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.#working = false;
    await this.#boss.stop({ graceful: true, wait: true, timeout: timeoutSeconds * 1000, close: false });
  }

  #assertSendable(queue: string): void {
    if (!this.#defined.has(queue)) throw new Error(`job "${queue}" is not defined`);
    if (!this.#started) throw new Error(`job "${queue}" sent before the queue started`);
  }
}

function queueName(owner: string, name: string): string {
  if (!NAME.test(name)) throw new Error(`job name "${name}" must be letters, digits, "-" or "_"`);
  return `${owner}.${name}`;
}

/**
 * pg-boss's create_queue inserts the queue's row and attaches its partition to the job table
 * without a lock of its own, so two processes starting at once deadlock on each other's queues
 * (seen in CI, and every time in a loop of two processes starting together). Postgres ends one of
 * them; every step here is idempotent, so the loser runs it again after a short random pause.
 */
async function retryOnDeadlock<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80 * attempt));
    }
  }
}
