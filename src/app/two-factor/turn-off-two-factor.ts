import type { Kysely } from 'kysely';
import { verifyPassword } from '../../security/passwords.ts';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import type { Database } from '../../store/schema.ts';
import {
  countRecoveryCodesLeft,
  deleteTwoFactor,
  findTwoFactor,
} from '../../store/two-factor.repository.ts';
import { findUserById } from '../../store/users.repository.ts';
import { AppError } from '../app-error.ts';
import { recordForUser } from '../audit.ts';
import { checkSecondFactor } from './two-factor-credentials.ts';

/** Whether two-factor sign-in is on, an enrolment waits for its code, and codes left. */
export async function twoFactorStatus(db: Kysely<Database>, userId: string) {
  const credential = await findTwoFactor(db, userId);
  return {
    enabled: Boolean(credential?.enabled_at),
    pending: Boolean(credential && !credential.enabled_at),
    recoveryCodesLeft: credential?.enabled_at ? await countRecoveryCodesLeft(db, userId) : 0,
  };
}

/**
 * Turns two-factor sign-in off for a user who proves it is them again: with their password, or
 * with a code (from the app, or a recovery code). Off already is no error.
 */
export async function turnOffTwoFactor(
  db: Kysely<Database>,
  secretKey: Buffer,
  userId: string,
  proof: { password?: string | undefined; code?: string | undefined },
  now: Date,
): Promise<void> {
  if (proof.password !== undefined) {
    const user = await findUserById(db, userId);
    if (!user?.password_hash || !(await verifyPassword(proof.password, user.password_hash)))
      throw new AppError('wrong_password', 'the password is not right');
  } else if (!(await checkSecondFactor(db, secretKey, userId, proof.code ?? '', now))) {
    throw new AppError('wrong_code', 'that code is not right');
  }
  await db.transaction().execute(async (tx) => {
    await deleteTwoFactor(tx, userId);
    await recordForUser(tx, userId, {
      kind: 'two_factor.disabled',
      actor: { userId },
      target: { type: 'user', id: userId },
      after: { with: proof.password !== undefined ? 'password' : 'code' },
      at: now,
    });
    // Event streams in workspaces that require two-factor sign-in check again, and close.
    await notifyChanges(tx, [accessChangedNotice(userId)]);
  });
}

/**
 * An administrator's recovery for a lost phone (`earshot user reset-2fa`): the user signs in with
 * their password alone again and may enrol anew. False when they had none.
 */
export async function resetTwoFactor(db: Kysely<Database>, userId: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const had = await deleteTwoFactor(tx, userId);
    if (had)
      await recordForUser(tx, userId, {
        kind: 'two_factor.reset',
        actor: { userId: null, label: 'earshot user reset-2fa' },
        target: { type: 'user', id: userId },
        at: new Date(),
      });
    await notifyChanges(tx, [accessChangedNotice(userId)]);
    return had;
  });
}
