/** What the operator's jobs page shows of the job queue, for the API and the web app alike. */
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobRow {
  id: string;
  queue: string;
  state: JobState;
  /** Attempts made so far (a job waiting for its first run has made none). */
  attempts: number;
  retryLimit: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** When a retry or a delayed job runs next. */
  runAfter: string;
  /** The last failure's message, when the job failed or waits to retry. */
  lastError: string | null;
  archived: boolean;
}

/** A defined job's queue, with its schedule when it has one. */
export interface QueueDefinition {
  queue: string;
  cron: string | null;
  retryLimit: number;
}
