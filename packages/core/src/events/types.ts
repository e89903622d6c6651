import type { Localized } from '../shared/permissions/types.js';
import type { JobRun } from '../jobs/types.js';

/** An event type someone publishes: core's, or a plugin's (declared in its manifest). */
export interface EventTypeDef {
  /** `<subject>.<what happened>`, e.g. `project.created`; a plugin's start with its id or a subject it owns. */
  type: string;
  description: Localized;
}

/** An event as subscribers receive it. */
export interface DeliveredEvent<D = Record<string, unknown>> {
  /** The outbox row's id: the same on every delivery of this event (receivers dedupe by it). */
  id: number;
  type: string;
  companyId: number | null;
  data: D;
  actor: string;
  occurredAt: string;
}

export interface EventToPublish {
  type: string;
  /** The company it happened in; null for platform events (a reseller created). */
  companyId: number | null;
  data?: Record<string, unknown>;
  /** Who caused it, as the audit log shows them. */
  actor: string;
}

export interface Subscription {
  /** Within its owner; the handler's job queue is `<owner>.on-<name>`. */
  name: string;
  /** The types it receives: exact (`project.deleted`), a subject (`project.*`) or every one (`*`). */
  types: readonly string[];
  /** Throwing fails this delivery; the job queue retries it. Runs at least once per event. */
  handler: (event: DeliveredEvent, run: JobRun) => Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  concurrency?: number;
}

export function typeMatches(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}
