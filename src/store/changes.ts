import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The NOTIFY channel every Earshot process listens on. */
export const changesChannel = 'earshot_changes';

/** What other processes learn about a change: small (NOTIFY payloads are capped at 8 kB). */
export interface ChangeNotice {
  type: string;
  workspaceId: string;
  conversationId?: string | null;
  replyId?: string;
  mentionId?: string;
  /** For `access.changed`: whose sessions, tokens or memberships changed. */
  userId?: string;
}

/**
 * Tells every process that a user's access changed (logged out, a token revoked, removed from a
 * workspace): their open event streams check theirs again and close if it is gone. It carries no
 * secret; each stream re-reads its own session, token and membership.
 */
export function accessChangedNotice(userId: string, workspaceId = ''): ChangeNotice {
  return { type: 'access.changed', workspaceId, userId };
}

/**
 * Queues notices for delivery when the surrounding transaction commits — never before, so a
 * listener that reloads the row always sees the change, and a rolled-back change is never told.
 */
export async function notifyChanges(db: Kysely<Database>, notices: ChangeNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const payloads = notices.map((notice) => JSON.stringify(notice));
  await sql`select pg_notify(${changesChannel}, payload) from unnest(${payloads}::text[]) as payload`.execute(
    db,
  );
}

export function parseChangeNotice(payload: string): ChangeNotice | undefined {
  try {
    const value: unknown = JSON.parse(payload);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as ChangeNotice).type === 'string' &&
      typeof (value as ChangeNotice).workspaceId === 'string'
    ) {
      return value as ChangeNotice;
    }
  } catch {
    // A payload we cannot read is not ours to act on.
  }
  return undefined;
}
