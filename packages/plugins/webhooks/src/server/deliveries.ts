import { assertCan, conflict, notFound, recordAudit, rowsOf, type CompanyScope, type DeliveredEvent, type JobRun, type Tx } from '@rtc-console/core';
import { and, count, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { TEST_EVENT, type DeliveryListQuery, type DeliveryView } from '../shared/index.js';
import { assertEnabled, endpointFor } from './endpoints.js';
import { endpointDisabledMail } from './mail.js';
import { webhookDeliveries, webhookEndpoints, type WebhookDelivery, type WebhookEndpoint } from './schema.js';
import { postTo, type AttemptResult } from './send.js';
import type { WebhooksServices, WebhooksSettings } from './services.js';
import { signedHeaders } from './signing.js';
import { resolveTarget, TargetRefused } from './targets.js';

/** The job of one attempt (and its retries) of one delivery. */
export const DELIVER_JOB = 'deliver';
export interface DeliverJob {
  deliveryId: string;
  companyId: number;
}

/** Who the audit log names when the console itself switches an endpoint off. */
const SYSTEM = { userId: null, label: 'system' };

/** The body every attempt sends: the Standard Webhooks shape `{ type, timestamp, data }`. */
export const payloadOf = (event: Pick<DeliveredEvent, 'type' | 'occurredAt' | 'data'>) => JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data });

/**
 * The events subscriber: for an event of a company, one delivery per enabled endpoint of that
 * company subscribed to its type when it happened (the test event: the one endpoint it names), and one job per
 * delivery. At least once: run again for the same event, it writes no second delivery (unique
 * on event and endpoint), and hands the queue again only deliveries not yet attempted, under
 * their own ids, which the queue takes once.
 */
export async function fanOut(services: WebhooksServices, event: DeliveredEvent): Promise<number> {
  const companyId = event.companyId;
  if (companyId === null || !(await services.plugins.isEnabled(companyId))) return 0;
  const payload = payloadOf(event);
  const matches = event.type === TEST_EVENT
    ? sql`e.id = ${Number(event.data.endpointId ?? 0)}`
    : sql`e.event_types @> array[${event.type}]::text[]`;
  // One statement: a delivery for each enabled endpoint of the company subscribed to the event
  // when it happened (one registered later does not receive the past), then every delivery of
  // the event still waiting for its first attempt: those written now, and those a hand-off that
  // died before queueing them wrote.
  const waiting = await services.tenant.inCompany(companyId, async (tx) =>
    rowsOf<{ id: string }>(
      await tx.execute(sql`
        with written as (
          insert into ${webhookDeliveries} (company_id, endpoint_id, event_id, event_type, message_id, payload)
          select e.company_id, e.id, ${event.id}, ${event.type}, 'msg_' || ${event.id}::bigint || '_' || e.id, ${payload}
          from ${webhookEndpoints} e
          where e.company_id = ${companyId} and e.enabled and e.created_at <= ${event.occurredAt}::timestamptz and ${matches}
          on conflict (event_id, endpoint_id) do nothing
          returning id)
        select id from written
        union
        select id from ${webhookDeliveries} where event_id = ${event.id} and status = 'pending' and attempts = 0`),
    ),
  );
  for (const { id } of waiting) await services.jobs.send(DELIVER_JOB, { deliveryId: id, companyId } satisfies DeliverJob, { id });
  return waiting.length;
}

/** Delay before the next attempt, at the earliest: pg-boss waits `delay × 2^(attempt-1)` and up to as much again at random. */
function nextAttemptAt(settings: WebhooksSettings, attempt: number): Date {
  const { delaySeconds, backoff } = settings.retry;
  return new Date(Date.now() + delaySeconds * 1000 * (backoff ? 2 ** (attempt - 1) : 1));
}

/**
 * One attempt of a delivery (the job's handler): signed, sent to the checked address, recorded.
 * A failure with attempts left throws, so the queue retries it with backoff; the endpoint's
 * first failure since its last success is kept, and once it is older than `disableAfterHours`
 * the endpoint is switched off, audited, and its company's admins mailed. A delivery whose
 * endpoint was deleted or switched off (or the plugin for its company) ends without a request.
 */
export async function attemptDelivery(services: WebhooksServices, settings: WebhooksSettings, job: DeliverJob, run: Pick<JobRun, 'attempt'>): Promise<void> {
  const { deliveryId, companyId } = job;
  // The two reads together (a round trip, not two, on a server).
  const [found, pluginOn] = await Promise.all([
    services.tenant.inCompany(companyId, async (tx) => {
      // Statements of every attempt are prepared (named): one round trip each instead of two.
      const [row] = await tx.select().from(webhookDeliveries).innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId)).where(eq(webhookDeliveries.id, deliveryId)).prepare('webhooks_attempt_read').execute();
      return row;
    }),
    services.plugins.isEnabled(companyId),
  ]);
  if (!found || found.webhook_deliveries.status === 'succeeded') return;
  const { webhook_deliveries: delivery, webhook_endpoints: endpoint } = found;
  if (!endpoint.enabled || !pluginOn) {
    await services.tenant.inCompany(companyId, (tx) =>
      tx.update(webhookDeliveries).set({ status: 'skipped', nextAttemptAt: null, lastError: 'not sent: the endpoint (or webhooks for the company) is switched off' }).where(eq(webhookDeliveries.id, deliveryId)),
    );
    return;
  }
  const at = new Date();
  const result = await send(services, settings, endpoint, delivery, at);
  const last = result.ok || run.attempt > settings.retry.limit;
  // Read before the tenant transaction (on PGlite a second statement outside it would wait for it).
  const company = result.ok ? null : await companySettingsOf(services, settings, companyId);
  const disabled = await services.tenant.inCompany(companyId, async (tx) => {
    const off = company ? await recordFailure(tx, company.disableAfterHours, endpoint, at) : await recordSuccess(tx, endpoint, at);
    // An endpoint switched off now gets no more attempts: this one was its last.
    const final = last || off !== null;
    await tx
      .update(webhookDeliveries)
      .set({
        status: result.ok ? 'succeeded' : final ? 'failed' : 'retrying',
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        responseStatus: result.status,
        responseBody: result.body,
        durationMs: result.durationMs,
        lastError: result.error,
        nextAttemptAt: final ? null : nextAttemptAt(settings, run.attempt),
        lastAttemptAt: at,
      })
      .where(eq(webhookDeliveries.id, deliveryId))
      .prepare('webhooks_attempt_record')
      .execute();
    return off;
  });
  if (disabled && company?.notifyAdmins) await tellAdmins(services, company.disableAfterHours, companyId, disabled);
  if (!result.ok && !last && !disabled) throw new Error(result.error ?? 'delivery failed');
}

async function recordSuccess(tx: Tx, endpoint: WebhookEndpoint, at: Date): Promise<null> {
  await tx.update(webhookEndpoints).set({ failingSince: null, lastSuccessAt: at }).where(eq(webhookEndpoints.id, endpoint.id)).prepare('webhooks_endpoint_ok').execute();
  return null;
}

/** The company's say on failing endpoints (its webhook settings), the install's default where it has none. */
async function companySettingsOf(services: WebhooksServices, settings: WebhooksSettings, companyId: number): Promise<{ disableAfterHours: number; notifyAdmins: boolean }> {
  const { values } = await services.settings.of(companyId);
  return { disableAfterHours: typeof values.disableAfterHours === 'number' ? values.disableAfterHours : settings.disableAfterHours, notifyAdmins: values.notifyAdmins !== false };
}

/** Keeps the endpoint's first failure since its last success; once that is older than `disableAfterHours`, switches it off (audited). Returns it then. */
async function recordFailure(tx: Tx, disableAfterHours: number, endpoint: WebhookEndpoint, at: Date): Promise<WebhookEndpoint | null> {
  const [failing] = await tx
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${at.toISOString()}::timestamptz)` })
    .where(eq(webhookEndpoints.id, endpoint.id))
    .returning()
    .prepare('webhooks_endpoint_failing')
    .execute();
  const cutoff = new Date(Date.now() - disableAfterHours * 3_600_000);
  if (!failing?.enabled || !failing.failingSince || failing.failingSince > cutoff) return null;
  const [off] = await tx.update(webhookEndpoints).set({ enabled: false, disabledReason: 'failures', updatedAt: new Date() }).where(eq(webhookEndpoints.id, endpoint.id)).returning();
  await recordAudit(tx, endpoint.companyId, SYSTEM, {
    action: 'webhooks.endpoint.auto_disable', targetType: 'WebhookEndpoint', targetId: endpoint.id,
    before: { enabled: true }, after: { enabled: false, reason: 'failures', failingSince: failing.failingSince },
  });
  return off!;
}

async function send(services: WebhooksServices, settings: WebhooksSettings, endpoint: WebhookEndpoint, delivery: WebhookDelivery, at: Date): Promise<AttemptResult> {
  const started = performance.now();
  try {
    const target = await resolveTarget(endpoint.url, settings.policy, settings.resolve);
    const secret = services.secrets.open(endpoint.secretSealed, String(endpoint.companyId));
    return await postTo(target, signedHeaders(secret, delivery.messageId, at, delivery.payload), delivery.payload, { timeoutMs: settings.timeoutMs, maxBodyBytes: settings.maxBodyBytes, agents: settings.agents });
  } catch (err) {
    if (!(err instanceof TargetRefused)) throw err;
    return { ok: false, status: null, body: null, durationMs: Math.round(performance.now() - started), error: `refused: ${err.message}`.slice(0, 500) };
  }
}

async function tellAdmins(services: WebhooksServices, hours: number, companyId: number, endpoint: WebhookEndpoint): Promise<void> {
  const link = `${services.config.publicUrl}/webhooks/${endpoint.id}`;
  for (const admin of await services.team.admins(companyId)) {
    const content = endpointDisabledMail(admin.locale, { name: admin.name, url: endpoint.url, since: endpoint.failingSince ?? new Date(), hours, link });
    await services.mail.send({ to: admin.email, kind: 'webhooks-endpoint-disabled', ...content });
  }
  services.logger.warn({ companyId, endpointId: endpoint.id }, 'webhook endpoint switched off after a day of failed deliveries');
}

function toDeliveryView(row: WebhookDelivery): DeliveryView {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    messageId: row.messageId,
    status: row.status as DeliveryView['status'],
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    responseBody: row.responseBody,
    durationMs: row.durationMs,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    payload: row.payload,
  };
}

/** An endpoint's delivery log, newest first, optionally of one status. */
export async function listDeliveries(ctx: CompanyScope, endpointId: number, query: DeliveryListQuery): Promise<{ rows: DeliveryView[]; count: number }> {
  assertCan(ctx.ability, 'read', 'Webhook');
  return ctx.tx(async (tx) => {
    await endpointFor(tx, ctx, endpointId);
    const where = and(eq(webhookDeliveries.companyId, ctx.companyId), eq(webhookDeliveries.endpointId, endpointId), query.status ? eq(webhookDeliveries.status, query.status) : undefined);
    const [rows, [total]] = await Promise.all([
      tx.select().from(webhookDeliveries).where(where).orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(query.limit).offset(query.offset),
      tx.select({ n: count() }).from(webhookDeliveries).where(where),
    ]);
    return { rows: rows.map(toDeliveryView), count: Number(total?.n ?? 0) };
  });
}

/** Publishes a test event for one endpoint; it goes out like any event (outbox, subscriber, delivery). */
export async function sendTestEvent(ctx: CompanyScope, services: Pick<WebhooksServices, 'events'>, endpointId: number): Promise<void> {
  assertCan(ctx.ability, 'manage', 'Webhook');
  await ctx.tx(async (tx) => {
    assertEnabled(await endpointFor(tx, ctx, endpointId));
    await services.events.publish(tx, [{ type: TEST_EVENT, companyId: ctx.companyId, actor: ctx.actor.label, data: { endpointId, message: 'A test event sent from the RTC console' } }]);
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A delivery id from a path, or 404. */
export function deliveryIdParam(value: string | undefined): string {
  if (!value || !UUID.test(value)) throw notFound('Webhook delivery');
  return value.toLowerCase();
}

/** Sends a finished delivery again (same id, same body, a new signature), with retries like a new one. */
export async function resendDelivery(ctx: CompanyScope, services: Pick<WebhooksServices, 'jobs'>, deliveryId: string): Promise<DeliveryView> {
  assertCan(ctx.ability, 'manage', 'Webhook');
  const row = await ctx.tx(async (tx) => {
    const [found] = await tx.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.companyId, ctx.companyId)));
    if (!found) throw notFound('Webhook delivery');
    assertEnabled(await endpointFor(tx, ctx, found.endpointId));
    if (found.status === 'pending' || found.status === 'retrying') throw conflict('The delivery is still being attempted');
    const [queued] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: null })
      .where(and(eq(webhookDeliveries.id, deliveryId), inArray(webhookDeliveries.status, ['succeeded', 'failed', 'skipped'])))
      .returning();
    if (!queued) throw conflict('The delivery is still being attempted');
    return queued;
  });
  await services.jobs.send(DELIVER_JOB, { deliveryId, companyId: ctx.companyId } satisfies DeliverJob);
  return toDeliveryView(row);
}

/** Forgets finished deliveries older than `days` (a daily job, across companies). */
export async function pruneDeliveries(services: Pick<WebhooksServices, 'systemDb'>, days: number): Promise<void> {
  await services.systemDb
    .delete(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.status, ['succeeded', 'failed', 'skipped']), lte(webhookDeliveries.createdAt, sql`now() - make_interval(days => ${days})`)));
}
