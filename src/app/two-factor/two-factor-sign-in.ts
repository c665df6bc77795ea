import type { Kysely } from 'kysely';
import { generateToken, hashToken } from '../../security/tokens.ts';
import type { Database } from '../../store/schema.ts';
import {
  consumeTwoFactorChallenge,
  failTwoFactorChallenge,
  findTwoFactor,
  findTwoFactorChallenge,
  insertTwoFactorChallenge,
} from '../../store/two-factor.repository.ts';
import { AppError } from '../app-error.ts';
import { checkSecondFactor } from './two-factor-credentials.ts';

/** How long the second step may wait after the password was right. */
export const challengeLifetimeMs = 5 * 60_000;
/** Wrong codes one challenge takes before the password must be typed again. */
const maxFailures = 5;

/**
 * After a right password: a short-lived, single-use challenge when the user has two-factor
 * sign-in on (its secret, shown once, stored hashed), else undefined (sign in at once).
 */
export async function openTwoFactorChallenge(db: Kysely<Database>, userId: string, now: Date) {
  const credential = await findTwoFactor(db, userId);
  if (!credential?.enabled_at) return undefined;
  const challenge = generateToken('esc');
  const expiresAt = new Date(now.getTime() + challengeLifetimeMs);
  await insertTwoFactorChallenge(db, {
    tokenHash: hashToken(challenge),
    userId,
    expiresAt,
    now,
  });
  return { challenge, expiresAt };
}

/** The user a live challenge is for; refused when it is unknown, used or expired. */
export async function findChallengeUser(db: Kysely<Database>, challenge: string, now: Date) {
  const user = await findTwoFactorChallenge(db, hashToken(challenge), now);
  if (!user)
    throw new AppError(
      'two_factor_challenge_expired',
      'this sign-in expired or was used; enter your password again',
    );
  return user;
}

/**
 * Trades a challenge and a right code for the user to sign in; the challenge is then used up. A
 * wrong code counts against the challenge, which ends after five.
 */
export async function answerTwoFactorChallenge(
  db: Kysely<Database>,
  secretKey: Buffer,
  input: { challenge: string; userId: string; code: string; now: Date },
): Promise<'totp' | 'recovery'> {
  const tokenHash = hashToken(input.challenge);
  const used = await checkSecondFactor(db, secretKey, input.userId, input.code, input.now);
  if (!used) {
    await failTwoFactorChallenge(db, tokenHash, maxFailures);
    throw new AppError('wrong_code', 'that code is not right, or was used already');
  }
  if (!(await consumeTwoFactorChallenge(db, tokenHash)))
    throw new AppError(
      'two_factor_challenge_expired',
      'this sign-in expired or was used; enter your password again',
    );
  return used;
}
