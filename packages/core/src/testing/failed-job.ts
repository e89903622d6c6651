import type { DatabaseHandle } from '../db/types.js';

/**
 * Leaves a sent job as one that used up its attempts would end: failed, its attempts counted and
 * the handler's error kept. For tests of what shows failed jobs and retries them, without
 * running workers and waiting out the backoff.
 */
export async function markJobFailed(handle: Pick<DatabaseHandle, 'executeSql'>, id: string, opts: { message?: string; attempts?: number } = {}): Promise<void> {
  await handle.executeSql(
    `update pgboss.job set state = 'failed', retry_count = $1, started_on = now(), completed_on = now(), output = $2::jsonb where id = $3::uuid`,
    [opts.attempts ?? 0, JSON.stringify({ message: opts.message ?? 'failed' }), id],
  );
}
