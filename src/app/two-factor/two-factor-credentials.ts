import type { Kysely } from 'kysely';
import { decryptSecret, encryptSecret } from '../../security/secrets.ts';
import {
  hashRecoveryCode,
  isRecoveryCodeShape,
  matchTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  totpUri,
} from '../../security/totp.ts';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import type { Database } from '../../store/schema.ts';
import { deleteUserSessions } from '../../store/sessions.repository.ts';
import {
  claimTwoFactorStep,
  findTwoFactor,
  replaceRecoveryCodes,
  savePendingTwoFactor,
  useRecoveryCode,
} from '../../store/two-factor.repository.ts';
import { AppError } from '../app-error.ts';
import { recordForUser } from '../audit.ts';

// The secret is encrypted with the instance's key, bound to its user: a ciphertext copied onto
// another user's row does not decrypt.
const context = (userId: string) => `two-factor:${userId}`;

/**
 * Starts (or restarts) an enrolment: a new secret, not yet in force, and the otpauth:// URI an
 * authenticator app reads. Refused while two-factor sign-in is on (turn it off first).
 */
export async function startTwoFactorSetup(
  db: Kysely<Database>,
  secretKey: Buffer,
  user: { id: string; email: string },
  now: Date,
) {
  const secret = newTotpSecret();
  const saved = await savePendingTwoFactor(
    db,
    user.id,
    encryptSecret(secretKey, secret, context(user.id)),
    now,
  );
  if (!saved)
    throw new AppError(
      'two_factor_already_enabled',
      'two-factor sign-in is already on; turn it off first to enrol another device',
    );
  return { secret, uri: totpUri(secret, user.email) };
}

/**
 * Confirms an enrolment with a first code from the app: two-factor sign-in is on from now, and
 * ten recovery codes are made, returned this once and stored hashed. Every other session of the
 * user ends, and the access notice closes the event streams they had open: a session signed in
 * with the password alone (perhaps by whoever made the user turn this on) does not outlive it.
 * The session that confirmed stays.
 */
export async function confirmTwoFactorSetup(
  db: Kysely<Database>,
  secretKey: Buffer,
  userId: string,
  code: string,
  now: Date,
  keepSessionTokenHash?: string,
): Promise<string[]> {
  const credential = await findTwoFactor(db, userId);
  if (!credential || credential.enabled_at)
    throw new AppError(
      'two_factor_not_set_up',
      credential ? 'two-factor sign-in is already on' : 'start the setup first',
    );
  const secret = decryptSecret(secretKey, credential.secret_encrypted, context(userId));
  const step = matchTotpStep(secret, code, now);
  if (step === undefined) throw new AppError('wrong_code', 'that code is not right');
  const codes = newRecoveryCodes();
  await db.transaction().execute(async (tx) => {
    if (!(await claimTwoFactorStep(tx, userId, step, { enable: now })))
      throw new AppError('wrong_code', 'that code is not right');
    await replaceRecoveryCodes(tx, userId, codes.map(hashRecoveryCode));
    await deleteUserSessions(tx, userId, keepSessionTokenHash);
    await recordForUser(tx, userId, {
      kind: 'two_factor.enabled',
      actor: { userId },
      target: { type: 'user', id: userId },
      at: now,
    });
    await notifyChanges(tx, [accessChangedNotice(userId)]);
  });
  return codes;
}

/**
 * Checks a second factor of a user with two-factor sign-in on: a TOTP code (one step either side
 * of now, never a step already used) or an unused recovery code, which is then used up.
 */
export async function checkSecondFactor(
  db: Kysely<Database>,
  secretKey: Buffer,
  userId: string,
  code: string,
  now: Date,
): Promise<'totp' | 'recovery' | undefined> {
  const credential = await findTwoFactor(db, userId);
  if (!credential?.enabled_at) return undefined;
  if (isRecoveryCodeShape(code))
    return (await useRecoveryCode(db, userId, hashRecoveryCode(code), now))
      ? 'recovery'
      : undefined;
  const secret = decryptSecret(secretKey, credential.secret_encrypted, context(userId));
  const step = matchTotpStep(secret, code, now);
  if (step === undefined) return undefined;
  return (await claimTwoFactorStep(db, userId, step, {})) ? 'totp' : undefined;
}
