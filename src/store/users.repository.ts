import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

export async function createUser(
  db: Kysely<Database>,
  user: { email: string; name: string; passwordHash: string | null },
) {
  return db
    .insertInto('users')
    .values({
      id: newId(),
      email: user.email.toLowerCase(),
      name: user.name,
      password_hash: user.passwordHash,
    })
    .returning(['id', 'email', 'name'])
    .executeTakeFirstOrThrow();
}

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'password_hash', 'deactivated_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setPasswordHash(
  db: Kysely<Database>,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('id', '=', userId)
    .execute();
}

/** Marks a user deactivated; false when they already were (or do not exist). */
export async function markUserDeactivated(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ deactivated_at: now })
    .where('id', '=', userId)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Waits until no other process is bootstrapping the first owner, then holds that lock until
 * the transaction ends: two processes starting on an empty database create one owner.
 */
export async function lockFirstOwnerBootstrap(tx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(727401)`.execute(tx);
}
