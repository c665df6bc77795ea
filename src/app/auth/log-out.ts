import type { Kysely } from 'kysely';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import type { Database } from '../../store/schema.ts';
import { deleteSession, deleteUserSession } from '../../store/sessions.repository.ts';
import { AppError } from '../app-error.ts';

/** Ends a session; the access notice closes the event streams it had open. */
export async function logOut(
  db: Kysely<Database>,
  userId: string,
  sessionTokenHash: string,
): Promise<void> {
  await deleteSession(db, sessionTokenHash);
  await notifyChanges(db, [accessChangedNotice(userId)]);
}

/** Ends one of the user's own sessions by its id (another browser, a lost laptop). */
export async function endOwnSession(
  db: Kysely<Database>,
  userId: string,
  sessionId: string,
): Promise<void> {
  if (!(await deleteUserSession(db, userId, sessionId)))
    throw new AppError('session_not_found', 'no such session');
  await notifyChanges(db, [accessChangedNotice(userId)]);
}
