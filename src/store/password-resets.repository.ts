import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export async function insertPasswordReset(
  db: Kysely<Database>,
  reset: { tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({ token_hash: reset.tokenHash, user_id: reset.userId, expires_at: reset.expiresAt })
    .execute();
}

/**
 * Uses a reset link once: marks it used and answers its user's id, or undefined when it is
 * unknown, used, expired, or its user was deactivated. Single-use even when two requests race:
 * the update is the check.
 */
export async function claimPasswordReset(
  db: Kysely<Database>,
  tokenHash: string,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('user_id', 'in', (eb) =>
      eb.selectFrom('users').select('id').where('deactivated_at', 'is', null),
    )
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** A new password makes every other reset link of that user useless. */
export async function discardPasswordResets(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
