import { fileURLToPath } from 'node:url';
import { defineServerPlugin } from '@rtc-console/core';
import { webhooksManifest } from '../shared/manifest.js';
import { attemptDelivery, DELIVER_JOB, fanOut, pruneDeliveries, type DeliverJob } from './deliveries.js';
import { webhooksRoutes } from './routes.js';
import { settingsOf, WEBHOOKS_SERVICES, type WebhooksOptions, type WebhooksSettings } from './services.js';

/**
 * The webhooks plugin's server entry, with its options (tests shorten the retries, allow
 * loopback receivers, resolve names their own way). It subscribes to every event; each event of
 * a company becomes one delivery per subscribed endpoint, and each delivery one job.
 */
export function createWebhooksServerPlugin(options: WebhooksOptions = {}) {
  let settings: WebhooksSettings | undefined;
  const settingsFor = (config: Parameters<typeof settingsOf>[1]) => (settings ??= settingsOf(options, config));
  return defineServerPlugin({
    manifest: webhooksManifest,
    services: WEBHOOKS_SERVICES,
    migrations: fileURLToPath(new URL('../../migrations', import.meta.url)),
    init(services) {
      const s = settingsFor(services.config);
      services.events.subscribe({ name: 'events', types: ['*'], concurrency: Math.max(1, Math.ceil(s.concurrency / 2)), handler: async (event) => void (await fanOut(services, event)) });
      services.jobs.define<DeliverJob>({
        name: DELIVER_JOB,
        retryLimit: s.retry.limit,
        retryDelaySeconds: s.retry.delaySeconds,
        retryBackoff: s.retry.backoff,
        expireInSeconds: Math.ceil(s.timeoutMs / 1000) + 60,
        concurrency: s.concurrency,
        handler: (job, run) => attemptDelivery(services, s, job, run),
      });
      services.jobs.define({ name: 'prune-deliveries', cron: '41 4 * * *', retryLimit: 2, handler: () => pruneDeliveries(services, s.keepDays) });
    },
    routes: (services) => webhooksRoutes(services, settingsFor(services.config)),
  });
}

/** The plugin as installed: the address rules from WEBHOOKS_ALLOW_PRIVATE and the demo flag, retries for about a day. */
export const webhooksServerPlugin = createWebhooksServerPlugin();

export { fanOut, attemptDelivery, payloadOf, type DeliverJob } from './deliveries.js';
export { createEndpoint, type EndpointDeps } from './endpoints.js';
export { webhookDeliveries, webhookEndpoints } from './schema.js';
export { settingsOf, type WebhooksOptions, type WebhooksSettings } from './services.js';
export { resolveTarget, urlProblem, type Resolver, type TargetPolicy } from './targets.js';
