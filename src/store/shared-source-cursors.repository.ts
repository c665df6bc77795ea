import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The stored position of a shared source, or undefined when it has never stored one. */
export async function findSharedSourceCursor(
  db: Kysely<Database>,
  sourceKey: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('shared_source_cursors')
    .select('cursor')
    .where('source_key', '=', sourceKey)
    .executeTakeFirst();
  return row?.cursor;
}

/** Stores a shared source's position (in the transaction that stores what it heard up to it). */
export async function saveSharedSourceCursor(
  db: Kysely<Database>,
  sourceKey: string,
  cursor: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('shared_source_cursors')
    .values({ source_key: sourceKey, cursor, updated_at: now })
    .onConflict((oc) => oc.column('source_key').doUpdateSet({ cursor, updated_at: now }))
    .execute();
}
