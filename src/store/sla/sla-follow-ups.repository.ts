import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** Sets (or, with null, clears) when a conversation returns to an agent. */
export async function setFollowUp(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
  followUp: { at: Date; userId: string } | null,
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ follow_up_at: followUp?.at ?? null, follow_up_user_id: followUp?.userId ?? null })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', conversationId)
    .execute();
}

/** Claims conversations whose follow-up time has come (SKIP LOCKED: each is handled once). */
export async function claimDueFollowUps(db: Kysely<Database>, now: Date, limit: number) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('follow_up_at', '<=', now)
    .orderBy('follow_up_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Unassigned conversations waiting in some teams, claimed for a follow-the-sun handover. */
export async function claimWaitingInTeams(
  db: Kysely<Database>,
  workspaceId: string,
  teamIds: readonly string[],
  limit: number,
) {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('team_id', 'in', [...teamIds])
    .where('assignee_id', 'is', null)
    .where('status', 'in', ['new', 'open'])
    .orderBy('due_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}
