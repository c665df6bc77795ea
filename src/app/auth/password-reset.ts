import type { Kysely } from 'kysely';
import { generateToken, hashToken } from '../../security/tokens.ts';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import {
  claimPasswordReset,
  discardPasswordResets,
  insertPasswordReset,
} from '../../store/password-resets.repository.ts';
import type { Database } from '../../store/schema.ts';
import { deleteUserSessions } from '../../store/sessions.repository.ts';
import { findUserByEmail, findUserById, setPasswordHash } from '../../store/users.repository.ts';
import { AppError } from '../app-error.ts';
import { recordForUser } from '../audit.ts';
import type { RequestOrigin } from '../use-case.ts';

/**
 * Makes a one-time reset secret for the active user with this email (only its hash is kept), or
 * undefined when there is none: the caller answers the same either way.
 */
export async function issuePasswordReset(
  db: Kysely<Database>,
  email: string,
  now: Date,
  lifetimeMs: number,
): Promise<{ token: string; email: string; expiresAt: Date } | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user || user.deactivated_at) return undefined;
  const token = generateToken('esr');
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await insertPasswordReset(db, { tokenHash: hashToken(token), userId: user.id, expiresAt });
  return { token, email: user.email, expiresAt };
}

/**
 * Uses a reset secret once to set a new password. Every session of the user ends and their event
 * streams close (whoever had the account is out); other reset links stop working.
 */
export async function confirmPasswordReset(
  db: Kysely<Database>,
  token: string,
  passwordHash: string,
  now: Date,
  origin?: RequestOrigin,
) {
  return db.transaction().execute(async (tx) => {
    const userId = await claimPasswordReset(tx, hashToken(token), now);
    if (!userId)
      throw new AppError(
        'link_expired',
        'this reset link was already used, has expired or is unknown: ask for a new one',
      );
    await setPasswordHash(tx, userId, passwordHash);
    await deleteUserSessions(tx, userId);
    await discardPasswordResets(tx, userId, now);
    await recordForUser(tx, userId, {
      kind: 'auth.password_reset',
      actor: { userId },
      target: { type: 'user', id: userId },
      origin,
      at: now,
    });
    await notifyChanges(tx, [accessChangedNotice(userId)]);
    return (await findUserById(tx, userId))!;
  });
}
