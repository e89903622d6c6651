import { eq } from 'drizzle-orm';
import type { Db } from '../db/types.js';
import { AppError } from '../errors.js';
import { users, type User } from '../schema/users.js';
import type { Locale } from '../shared/permissions/types.js';
import { checkPassword, getUser, setPassword } from './accounts.js';
import type { CoreDeps } from './context.js';
import { templates } from './mail/templates.js';

/** Profile changes are the user's own, across companies, so they run outside any company. */
export async function updateProfile(db: Db, userId: number, p: { name?: string | undefined; locale?: Locale | undefined }): Promise<User> {
  const set: Partial<User> = { updatedAt: new Date() };
  if (p.name !== undefined) set.name = p.name;
  if (p.locale !== undefined) set.locale = p.locale;
  const [user] = await db.update(users).set(set).where(eq(users.id, userId)).returning();
  if (!user) throw new AppError(404, 'NOT_FOUND', 'User not found');
  return user;
}

/**
 * Changes the password after checking the current one; every other session of the user ends
 * (the caller then rotates the current one) and the user is told by email.
 */
export async function changePassword(deps: CoreDeps, userId: number, p: { currentPassword: string; newPassword: string }, keepSessionId?: string): Promise<void> {
  if (!(await checkPassword(deps.db, userId, p.currentPassword))) {
    throw new AppError(400, 'INVALID_CREDENTIALS', 'The current password is not correct', [{ path: ['currentPassword'], message: 'Not correct' }]);
  }
  await setPassword(deps.db, userId, p.newPassword, keepSessionId, 'newPassword');
  const user = await getUser(deps.db, userId);
  await deps.mailer.send({ to: user.email, kind: 'password-changed', ...templates.passwordChanged(user.locale, { name: user.name }) });
}
