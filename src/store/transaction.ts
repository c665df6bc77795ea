import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Runs `work` in a transaction, joining the caller's if there is one (Kysely cannot nest them). */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (tx: Kysely<Database> | Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
