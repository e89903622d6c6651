import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/types.js';
import { platformAuditLog } from '../schema/audit.js';
import { users } from '../schema/users.js';

/** Where an account change came from (the request), for its entry in the platform audit log. */
export interface AccountActor {
  ip?: string | undefined;
  requestId?: string | undefined;
}

/**
 * Records a change to one's own account (second factor on or off, recovery codes renewed,
 * sessions revoked). It belongs to the account, not to one company, so it goes to the platform
 * audit log with the user as both actor and target (target type `user`); the label is the
 * user's e-mail at the time, read in the same statement.
 */
export async function recordAccountEvent(db: Queryable, userId: number, actor: AccountActor, action: string, details: Record<string, unknown> = {}): Promise<void> {
  await db.insert(platformAuditLog).values({
    actorUserId: userId,
    actorLabel: sql`coalesce((select ${users.email} from ${users} where ${users.id} = ${userId}), ${`user:${userId}`})`,
    action,
    targetType: 'user',
    targetId: String(userId),
    changes: { before: null, after: details },
    ip: actor.ip?.slice(0, 64) ?? null,
    requestId: actor.requestId?.slice(0, 64) ?? null,
  });
}
