import type { PluginServicesOf } from '@rtc-console/core';
import { keepAliveAgents } from './send.js';
import { systemResolver, type Resolver, type TargetPolicy } from './targets.js';

/**
 * The services the webhooks plugin declares: its tables run as each company (`tenant`), the
 * system handle prunes old deliveries, `events` and `jobs` carry deliveries, `secrets` seals the
 * signing secrets, `team` and `mail` tell the admins of an endpoint switched off, `plugins` says
 * whether the operator left it on for a company, `config` holds the demo flag and
 * WEBHOOKS_ALLOW_PRIVATE, `settings` each company's say on failing endpoints.
 */
export const WEBHOOKS_SERVICES = ['systemDb', 'tenant', 'plugins', 'events', 'jobs', 'secrets', 'team', 'mail', 'config', 'logger', 'settings'] as const;
export type WebhooksServices = PluginServicesOf<(typeof WEBHOOKS_SERVICES)[number]>;

/** What `createWebhooksServerPlugin` takes; every field has a production default. */
export interface WebhooksOptions {
  /** Deliver to any address (private networks, loopback), over http to loopback only. Default: WEBHOOKS_ALLOW_PRIVATE=on. */
  allowPrivate?: boolean;
  /** Deliver to this machine (http or https to loopback). Default: with the demo on, or with `allowPrivate`. */
  allowLoopback?: boolean;
  /**
   * Retries after the first attempt, the delay before the first retry (doubled on each one, plus
   * up to as much again at random: pg-boss's backoff), and whether it doubles. Default 13 from
   * 7 s: attempts for about a day (16 to 32 hours).
   */
  retry?: { limit?: number; delaySeconds?: number; backoff?: boolean };
  /** Milliseconds an attempt may take all told (default 10 s). */
  timeoutMs?: number;
  /** Hours of nothing but failures before an endpoint is switched off and its admins told, where a company set none (default 24). */
  disableAfterHours?: number;
  /** Deliveries in flight at once per API process (default 16). */
  concurrency?: number;
  /** Days finished deliveries stay in the log (default 30). */
  keepDays?: number;
  /** How host names become addresses (tests; default the system's resolver). */
  resolve?: Resolver;
}

/** The options with their defaults filled in, from the environment where they come from there. */
export interface WebhooksSettings {
  policy: TargetPolicy;
  retry: { limit: number; delaySeconds: number; backoff: boolean };
  timeoutMs: number;
  disableAfterHours: number;
  concurrency: number;
  keepDays: number;
  resolve: Resolver;
  maxBodyBytes: number;
  agents: ReturnType<typeof keepAliveAgents>;
}

const ON = new Set(['1', 'on', 'true', 'yes']);

export function settingsOf(options: WebhooksOptions, config: WebhooksServices['config']): WebhooksSettings {
  const allowPrivate = options.allowPrivate ?? ON.has((config.env('ALLOW_PRIVATE') ?? '').toLowerCase());
  return {
    policy: { allowPrivate, allowLoopback: options.allowLoopback ?? (allowPrivate || config.demo) },
    retry: { limit: options.retry?.limit ?? 13, delaySeconds: options.retry?.delaySeconds ?? 7, backoff: options.retry?.backoff ?? true },
    timeoutMs: options.timeoutMs ?? 10_000,
    disableAfterHours: options.disableAfterHours ?? 24,
    concurrency: options.concurrency ?? 16,
    keepDays: options.keepDays ?? 30,
    resolve: options.resolve ?? systemResolver,
    maxBodyBytes: 2048,
    agents: keepAliveAgents(),
  };
}
