import { eq } from 'drizzle-orm';
import type { Db, Queryable } from '../db/types.js';
import { platformSettings, type PlatformSettings } from '../schema/platform.js';
import type { PlatformSettingsInput } from '../shared/validation/platform.js';
import { diff, recordPlatformAudit, type Actor } from './audit.js';
import { assertOwnTwoFactorFirst, holdSessionsUntilTwoFactor } from './two-factor-hold.js';

/** The platform settings' one row (the migration inserts it; an install restored without it gets the defaults back). */
export async function getPlatformSettings(db: Queryable): Promise<PlatformSettings> {
  const [row] = await db.select().from(platformSettings).where(eq(platformSettings.id, 1));
  if (row) return row;
  const [created] = await db.insert(platformSettings).values({ id: 1 }).onConflictDoNothing().returning();
  return created ?? (await getPlatformSettings(db));
}

/** Changes the fields given; returns the row before and after (for the audit entry). */
export async function updatePlatformSettings(db: Queryable, input: PlatformSettingsInput): Promise<{ before: PlatformSettings; after: PlatformSettings }> {
  const before = await getPlatformSettings(db);
  const [after] = await db.update(platformSettings).set({ ...input, updatedAt: new Date() }).where(eq(platformSettings.id, 1)).returning();
  return { before, after: after! };
}

/** The operator's settings form: the change and its audit entry (only the fields that changed) in one transaction. */
export async function savePlatformSettings(db: Db, actor: Actor, input: PlatformSettingsInput): Promise<PlatformSettings> {
  return db.transaction(async (tx) => {
    const { before, after } = await updatePlatformSettings(tx, input);
    // Requiring it of staff takes effect at once (see holdSessionsUntilTwoFactor), the operator's own account first.
    if (after.requireStaffTwoFactor && !before.requireStaffTwoFactor) {
      await assertOwnTwoFactorFirst(tx, actor.userId);
      await holdSessionsUntilTwoFactor(tx, { staff: true });
    }
    const { updatedAt: _b, ...was } = before;
    const { updatedAt: _a, ...now } = after;
    const changes = diff(was, now);
    if (Object.keys(changes.after).length) await recordPlatformAudit(tx, actor, { action: 'platform.settings.update', targetType: 'PlatformSettings', targetId: 1, ...changes });
    return after;
  });
}
