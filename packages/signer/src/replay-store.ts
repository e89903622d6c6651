// Replay protection is pluggable: memory for one process (memory-replay-store.ts), a database
// table when several API processes must agree.

/**
 * Remembers which request ids each access key has used.
 *
 * `seen` must be atomic: it records (accessKeyId, requestId) and answers whether the pair was
 * already there, in one step, so two copies of a request arriving together cannot both pass.
 * `expiresAt` is when the entry may be forgotten: the request's x-date plus the skew window,
 * after which the date check refuses the request anyway.
 *
 * verify() calls it only after the signature checks out (so strangers cannot fill it), and lets
 * its errors propagate: an unreachable store must become a 5xx, never an accepted request.
 *
 * A Postgres store fits as one statement on a table with primary key (access_key_id, request_id):
 *
 *   INSERT INTO signer_request_ids (access_key_id, request_id, expires_at) VALUES ($1, $2, $3)
 *   ON CONFLICT (access_key_id, request_id) DO NOTHING RETURNING 1
 *   -- seen = (no row returned); delete rows WHERE expires_at < now() from time to time
 */
export interface ReplayStore {
  /**
   * True when the pair was already recorded (a replay); otherwise records it and returns false.
   * An in-process store may answer synchronously, which spares verify() an await.
   */
  seen(accessKeyId: string, requestId: string, expiresAt: Date): boolean | Promise<boolean>;
}
