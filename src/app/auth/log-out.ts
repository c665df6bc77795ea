import type { Kysely } from 'kysely';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import type { Database } from '../../store/schema.ts';
import { deleteSession } from '../../store/sessions.repository.ts';

/** Ends a session; the access notice closes the event streams it had open. */
export async function logOut(
  db: Kysely<Database>,
  userId: string,
  sessionTokenHash: string,
): Promise<void> {
  await deleteSession(db, sessionTokenHash);
  await notifyChanges(db, [accessChangedNotice(userId)]);
}
