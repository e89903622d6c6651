/** What a job is to the code that defines it: a name, a handler, how it retries, maybe a schedule. */
export interface JobDefinition<T = unknown> {
  /** Within its owner (core or a plugin): letters, digits, `-` and `_`; the queue is `<owner>.<name>`. */
  name: string;
  /** Throwing fails this attempt; the queue retries it as the definition says. */
  handler: (data: T, run: JobRun) => Promise<void>;
  /** A cron expression (UTC, minute resolution): the job is also sent on that schedule, once per cluster. */
  cron?: string;
  /** Attempts after the first (default 5). */
  retryLimit?: number;
  /** Seconds before the first retry (default 30); doubled on each retry unless `retryBackoff: false`. */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** An attempt running longer is failed (and retried) (default 15 minutes). */
  expireInSeconds?: number;
  /** How many of its jobs this process runs at once (default 1). */
  concurrency?: number;
}

export interface JobRun {
  id: string;
  /** The queue's full name, `<owner>.<name>`. */
  queue: string;
  /** 1 for the first attempt. */
  attempt: number;
}

export interface SendOptions {
  /** Run no sooner than this many seconds from now. */
  delaySeconds?: number;
  /** At most one job with this key waits in the queue at a time (a second send is dropped). */
  singletonKey?: string;
  /** The job's id, a UUID: a second send with the same id is dropped (resolves to null), so a sender that may repeat itself sends once. */
  id?: string;
}

/** The jobs of one owner (core or a plugin): its names only, and no other owner's. */
export interface OwnerJobs {
  /** Declares a job before the queue starts (a plugin does it in `init`). */
  define<T>(definition: JobDefinition<T>): void;
  /** Sends one of this owner's jobs; the id, or null when a singleton was already waiting. */
  send(name: string, data?: object, options?: SendOptions): Promise<string | null>;
}

