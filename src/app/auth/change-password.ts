import type { Kysely } from 'kysely';
import { verifyPassword } from '../../security/passwords.ts';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import { discardPasswordResets } from '../../store/password-resets.repository.ts';
import type { Database } from '../../store/schema.ts';
import { deleteUserSessions } from '../../store/sessions.repository.ts';
import { findUserById, setPasswordHash } from '../../store/users.repository.ts';
import { AppError } from '../app-error.ts';
import { recordForUser } from '../audit.ts';
import type { RequestOrigin } from '../use-case.ts';

/**
 * Sets a new password for a user who proved the current one. Every other session of theirs ends
 * (someone who learnt the old password is signed out) and the access notice closes the event
 * streams those sessions had open; the session that asked stays.
 */
export async function changePassword(
  db: Kysely<Database>,
  change: {
    userId: string;
    currentPassword: string;
    /** Hashes the new password; called only once the current one was right. */
    hashNewPassword: () => Promise<string>;
    keepSessionTokenHash: string | undefined;
    now: Date;
    origin?: RequestOrigin;
  },
): Promise<void> {
  const user = await findUserById(db, change.userId);
  if (!user?.password_hash || !(await verifyPassword(change.currentPassword, user.password_hash)))
    throw new AppError('wrong_password', 'the current password is not right');
  const passwordHash = await change.hashNewPassword();
  await db.transaction().execute(async (tx) => {
    await setPasswordHash(tx, change.userId, passwordHash);
    await deleteUserSessions(tx, change.userId, change.keepSessionTokenHash);
    await discardPasswordResets(tx, change.userId, change.now);
    await recordForUser(tx, change.userId, {
      kind: 'auth.password_changed',
      actor: { userId: change.userId },
      target: { type: 'user', id: change.userId },
      origin: change.origin,
      at: change.now,
    });
    await notifyChanges(tx, [accessChangedNotice(change.userId)]);
  });
}
