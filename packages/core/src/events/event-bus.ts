import { createHash } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { rowsOf } from '../db/rows.js';
import type { DatabaseHandle, Db } from '../db/types.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { eventOutbox } from '../schema/events.js';
import { EVENTS_CHANNEL } from './publish.js';
import { typeMatches, type DeliveredEvent, type EventTypeDef, type Subscription } from './types.js';

export interface EventBusOptions {
  /** Milliseconds between looks at the outbox when no notification came (a missed one, another process's crash). */
  pollMs?: number;
  /** Events taken per round. */
  batch?: number;
  /** Seconds a dispatcher holds the events it took before another may take them over. */
  leaseSeconds?: number;
}

interface Subscriber {
  queue: string;
  types: readonly string[];
}

/**
 * Hands the outbox's events to their subscribers, after the writing transaction committed:
 * each subscription is a job queue, and each event becomes one job per matching subscription,
 * so a failing handler is retried by the queue and never holds up the others. At least once:
 * a dispatcher that dies between queueing and marking leaves its lease to run out, and the
 * next one queues the same jobs again under the same ids, which the queue ignores.
 */
export class EventBus {
  readonly #subscribers: Subscriber[] = [];
  readonly #types = new Map<string, EventTypeDef & { owner: string }>();
  #timer: NodeJS.Timeout | undefined;
  #unlisten: (() => Promise<void>) | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;

  constructor(
    private readonly handle: Pick<DatabaseHandle, 'db' | 'listen'>,
    private readonly jobs: JobQueue,
    private readonly logger: Logger,
    private readonly options: EventBusOptions = {},
  ) {}

  private get db(): Db {
    return this.handle.db;
  }

  /** Declares event types an owner publishes (core's, each plugin's manifest's). */
  declare(owner: string, types: readonly EventTypeDef[]): void {
    for (const t of types) {
      const known = this.#types.get(t.type);
      if (known) throw new Error(`event type "${t.type}" is declared by both "${known.owner}" and "${owner}"`);
      this.#types.set(t.type, { ...t, owner });
    }
  }

  /** Every declared event type, for pickers (webhook endpoints). */
  types(): Array<EventTypeDef & { owner: string }> {
    return [...this.#types.values()].sort((a, b) => a.type.localeCompare(b.type));
  }

  isDeclared(type: string, owner?: string): boolean {
    const t = this.#types.get(type);
    return !!t && (owner === undefined || t.owner === owner);
  }

  /** Subscribes before the queue starts: the handler becomes the job `<owner>.on-<name>`. */
  subscribe(owner: string, sub: Subscription): void {
    const name = `on-${sub.name}`;
    this.jobs.define(owner, {
      name,
      retryLimit: sub.retryLimit ?? 10,
      retryDelaySeconds: sub.retryDelaySeconds ?? 10,
      concurrency: sub.concurrency ?? 1,
      handler: (data, run) => sub.handler((data as { event: DeliveredEvent }).event, run),
    });
    this.#subscribers.push({ queue: `${owner}.${name}`, types: sub.types });
  }

  /** Starts dispatching: on every commit's notification, and every `pollMs`. */
  async start(): Promise<void> {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#unlisten = await this.handle.listen(EVENTS_CHANNEL, () => this.kick());
    this.#timer = setInterval(() => this.kick(), this.options.pollMs ?? 2000);
    this.#timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#unlisten?.().catch(() => undefined);
    await this.#running;
  }

  /** Runs a dispatch round now (or one more after the current round). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#rounds().finally(() => {
      this.#running = undefined;
    });
  }

  /** Dispatches until the outbox has nothing pending (tests and shutdown wait on it). */
  async drain(): Promise<void> {
    while ((await this.dispatchOnce()) > 0);
  }

  async #rounds(): Promise<void> {
    try {
      do {
        this.#again = false;
        while ((await this.dispatchOnce()) >= (this.options.batch ?? 200));
      } while (this.#again && !this.#stopped);
    } catch (err) {
      this.logger.error({ err }, 'event dispatch failed; retrying at the next poll');
    }
  }

  /** One round: takes pending events, queues their jobs, marks them dispatched. Returns how many it took. */
  async dispatchOnce(): Promise<number> {
    const lease = this.options.leaseSeconds ?? 60;
    const taken = rowsOf<{ id: string | number; type: string; company_id: number | null; data: Record<string, unknown>; actor: string; created_at: Date | string }>(
      await this.db.execute(sql`
        update ${eventOutbox} set lease_until = now() + make_interval(secs => ${lease})
        where id in (
          select id from ${eventOutbox}
          where dispatched_at is null and (lease_until is null or lease_until < now())
          order by id limit ${this.options.batch ?? 200}
          for update skip locked)
        returning id, type, company_id, data, actor, created_at`),
    );
    if (!taken.length) return 0;
    const jobs = taken.flatMap((row) => {
      const event: DeliveredEvent = {
        id: Number(row.id),
        type: row.type,
        companyId: row.company_id,
        data: row.data,
        actor: row.actor,
        occurredAt: (row.created_at instanceof Date ? row.created_at : new Date(row.created_at)).toISOString(),
      };
      return this.#subscribers.filter((s) => typeMatches(s.types, event.type)).map((s) => ({ id: deliveryJobId(event.id, s.queue), queue: s.queue, data: { event } }));
    });
    await this.jobs.insert(jobs);
    await this.db.update(eventOutbox).set({ dispatchedAt: sql`now()`, leaseUntil: null }).where(inArray(eventOutbox.id, taken.map((r) => Number(r.id))));
    return taken.length;
  }
}

/** The same id for the same event and subscriber every time (a UUID v5 shape from SHA-1), so a repeated hand-off is one job. */
export function deliveryJobId(eventId: number, queue: string): string {
  const h = createHash('sha1').update(`rtc-console-event:${eventId}:${queue}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
