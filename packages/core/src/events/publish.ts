import { and, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/types.js';
import { eventOutbox } from '../schema/events.js';
import type { EventToPublish } from './types.js';

/**
 * The channel a commit with new events notifies, so dispatchers hand them on at once: the
 * outbox's insert trigger (core migration 0011) sends it; keep the two names the same.
 */
export const EVENTS_CHANNEL = 'rtc_console_events';

/**
 * Writes events into the outbox inside the caller's transaction: they exist if and only if the
 * change commits. The table's trigger notifies, and Postgres sends the notification at commit
 * (never for a rolled-back transaction), which wakes every process's dispatcher; a missed one
 * is caught by its poll.
 */
export async function publishEvents(tx: Tx, events: readonly EventToPublish[]): Promise<void> {
  if (!events.length) return;
  await tx.insert(eventOutbox).values(events.map((e) => ({ type: e.type, companyId: e.companyId, data: e.data ?? {}, actor: e.actor.slice(0, 300) })));
}

export const publishEvent = (tx: Tx, event: EventToPublish): Promise<void> => publishEvents(tx, [event]);

/** Deletes events handed on more than `keepDays` ago (core's housekeeping, daily); undispatched ones stay whatever their age. */
export async function purgeDispatchedEvents(db: Db, keepDays = 7): Promise<void> {
  await db.delete(eventOutbox).where(and(sql`${eventOutbox.dispatchedAt} is not null`, lt(eventOutbox.createdAt, sql`now() - make_interval(days => ${keepDays})`)));
}
