import { accessibleWhere, assertCan, conflict, diff, notFound, recordAudit, searchTerm, validationFailed, type CompanyScope, type Tx } from '@rtc-console/core';
import { and, asc, count, desc, eq, ilike, or } from 'drizzle-orm';
import { TEST_EVENT, type EndpointCreate, type EndpointListQuery, type EndpointUpdate, type EndpointView, type EndpointWithSecret, type EventTypeView } from '../shared/index.js';
import { webhookEndpoints, type WebhookEndpoint } from './schema.js';
import type { WebhooksServices, WebhooksSettings } from './services.js';
import { generateSecret } from './signing.js';
import { urlProblem } from './targets.js';

/** What the endpoint services need beyond the request's company: sealing, the declared event types, the address rules. */
export interface EndpointDeps {
  services: Pick<WebhooksServices, 'secrets' | 'events'>;
  settings: Pick<WebhooksSettings, 'policy'>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toEndpointView(row: WebhookEndpoint): EndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    disabledReason: row.disabledReason === 'failures' ? 'failures' : null,
    failingSince: iso(row.failingSince),
    lastSuccessAt: iso(row.lastSuccessAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of an endpoint: never its secret. */
const audited = (row: WebhookEndpoint) => ({ url: row.url, description: row.description, eventTypes: row.eventTypes, enabled: row.enabled });

/** The event types an endpoint may subscribe to: every declared one (core's, every installed plugin's), but the test event, which goes to one endpoint when asked. */
export function subscribableTypes(events: EndpointDeps['services']['events']): EventTypeView[] {
  return events.types().filter((t) => t.type !== TEST_EVENT).map(({ type, description, owner }) => ({ type, description, owner }));
}

/** The checks zod cannot make: the address rules on the URL, and event types that exist. A 400 naming each field. */
function checkInput(deps: EndpointDeps, input: Partial<Pick<EndpointCreate, 'url' | 'eventTypes'>>): void {
  const problems: { path: (string | number)[]; message: string }[] = [];
  if (input.url !== undefined) {
    const problem = urlProblem(input.url, deps.settings.policy);
    if (problem) problems.push({ path: ['url'], message: problem });
  }
  if (input.eventTypes) {
    const known = new Set(subscribableTypes(deps.services.events).map((t) => t.type));
    input.eventTypes.forEach((type, i) => {
      if (!known.has(type)) problems.push({ path: ['eventTypes', i], message: `"${type}" is not an event the console publishes` });
    });
  }
  if (problems.length) throw validationFailed(problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; '), problems);
}

const SORT = { createdAt: webhookEndpoints.createdAt, url: webhookEndpoints.url, enabled: webhookEndpoints.enabled } as const;

export async function listEndpoints(ctx: CompanyScope, query: EndpointListQuery): Promise<{ rows: EndpointView[]; count: number }> {
  assertCan(ctx.ability, 'read', 'Webhook');
  const term = searchTerm(query.q);
  const where = and(
    accessibleWhere(ctx.ability, 'read', 'Webhook', { companyId: webhookEndpoints.companyId }),
    term ? or(ilike(webhookEndpoints.url, term), ilike(webhookEndpoints.description, term)) : undefined,
  );
  const dir = query.order === 'asc' ? asc : desc;
  return ctx.tx(async (tx) => {
    const [rows, [total]] = await Promise.all([
      tx.select().from(webhookEndpoints).where(where).orderBy(dir(SORT[query.sort]), asc(webhookEndpoints.id)).limit(query.limit).offset(query.offset),
      tx.select({ n: count() }).from(webhookEndpoints).where(where),
    ]);
    return { rows: rows.map(toEndpointView), count: Number(total?.n ?? 0) };
  });
}

/** An endpoint of the request's company, or 404 (an id of another company is not found either). */
export async function endpointFor(tx: Tx, ctx: CompanyScope, id: number): Promise<WebhookEndpoint> {
  const [row] = await tx.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.companyId, ctx.companyId)));
  if (!row) throw notFound('Webhook endpoint');
  return row;
}

export async function getEndpoint(ctx: CompanyScope, id: number): Promise<EndpointView> {
  assertCan(ctx.ability, 'read', 'Webhook');
  return ctx.tx(async (tx) => toEndpointView(await endpointFor(tx, ctx, id)));
}

/** Registers an endpoint with a new signing secret, answered this once; audited in the same transaction. */
export async function createEndpoint(ctx: CompanyScope, deps: EndpointDeps, input: EndpointCreate): Promise<EndpointWithSecret> {
  assertCan(ctx.ability, 'manage', 'Webhook');
  checkInput(deps, input);
  const secret = generateSecret();
  const row = await ctx.tx(async (tx) => {
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({ companyId: ctx.companyId, url: input.url, description: input.description, eventTypes: [...new Set(input.eventTypes)], enabled: input.enabled, secretSealed: deps.services.secrets.seal(secret, String(ctx.companyId)) })
      .returning();
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'webhooks.endpoint.create', targetType: 'WebhookEndpoint', targetId: created!.id, after: audited(created!) });
    return created!;
  });
  return { endpoint: toEndpointView(row), secret };
}

/** Changes an endpoint; switching it on again forgets its failures (and why the console had switched it off). */
export async function updateEndpoint(ctx: CompanyScope, deps: EndpointDeps, id: number, input: EndpointUpdate): Promise<EndpointView> {
  assertCan(ctx.ability, 'manage', 'Webhook');
  checkInput(deps, input);
  return ctx.tx(async (tx) => {
    const before = await endpointFor(tx, ctx, id);
    const reenabled = input.enabled === true && !before.enabled;
    const [after] = await tx
      .update(webhookEndpoints)
      .set({
        ...input,
        ...(input.eventTypes ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
        ...(reenabled ? { disabledReason: null, failingSince: null } : {}),
        ...(input.enabled === false ? { disabledReason: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'webhooks.endpoint.update', targetType: 'WebhookEndpoint', targetId: id, ...diff(audited(before), audited(after!)) });
    return toEndpointView(after!);
  });
}

/** Deletes an endpoint and its delivery log; attempts still queued find nothing and stop. */
export async function deleteEndpoint(ctx: CompanyScope, id: number): Promise<void> {
  assertCan(ctx.ability, 'manage', 'Webhook');
  await ctx.tx(async (tx) => {
    const before = await endpointFor(tx, ctx, id);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'webhooks.endpoint.delete', targetType: 'WebhookEndpoint', targetId: id, before: audited(before) });
  });
}

/** A new signing secret, answered this once; the old one signs nothing from now on. */
export async function rotateSecret(ctx: CompanyScope, deps: EndpointDeps, id: number): Promise<{ secret: string }> {
  assertCan(ctx.ability, 'manage', 'Webhook');
  const secret = generateSecret();
  await ctx.tx(async (tx) => {
    await endpointFor(tx, ctx, id);
    await tx.update(webhookEndpoints).set({ secretSealed: deps.services.secrets.seal(secret, String(ctx.companyId)), updatedAt: new Date() }).where(eq(webhookEndpoints.id, id));
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'webhooks.endpoint.rotate', targetType: 'WebhookEndpoint', targetId: id, after: { secretRotated: true } });
  });
  return { secret };
}

/** Refuses work on an endpoint that is switched off (a test event, a resend). */
export function assertEnabled(row: WebhookEndpoint): void {
  if (!row.enabled) throw conflict('The endpoint is switched off: switch it on first', [{ path: ['enabled'], message: 'The endpoint is switched off' }]);
}
