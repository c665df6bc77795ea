import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Conversation, Transition } from '../domain/conversation.ts';
import { notifyChanges } from './changes.ts';
import { appendEvents } from './events.repository.ts';
import type { ConversationRow, Database } from './schema.ts';

/** due_at when no SLA clock runs: sorts last, and is shown as "no due time". */
export const noDueAt = new Date('9999-12-31T23:59:59Z');

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    status: row.status,
    priority: row.priority,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    tags: row.tags,
    needsReply: row.needs_reply,
    firstRespondedAt: row.first_responded_at,
    snoozedUntil: row.snoozed_until,
    resolvedAt: row.resolved_at,
    lastMessageAt: row.last_message_at,
    updatedAt: row.updated_at,
  };
}

/** Loads a conversation and locks it until the transaction ends, so two changes never interleave. */
export async function findConversationForUpdate(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', conversationId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Writes what a rule decided: the new state and its events, with a change notice delivered on
 * commit. Call inside the transaction that loaded the conversation.
 */
export async function saveTransition(
  db: Kysely<Database>,
  transition: Extract<Transition, { ok: true }>,
): Promise<void> {
  if (transition.events.length === 0) return;
  const c = transition.conversation;
  await db
    .updateTable('conversations')
    .set({
      status: c.status,
      priority: c.priority,
      team_id: c.teamId,
      assignee_id: c.assigneeId,
      tags: c.tags,
      needs_reply: c.needsReply,
      first_responded_at: c.firstRespondedAt,
      snoozed_until: c.snoozedUntil,
      resolved_at: c.resolvedAt,
      last_message_at: c.lastMessageAt,
      updated_at: c.updatedAt,
    })
    .where('workspace_id', '=', c.workspaceId)
    .where('id', '=', c.id)
    .execute();
  await appendEvents(db, c.workspaceId, transition.events);
  await notifyChanges(db, [
    { type: 'conversation.updated', workspaceId: c.workspaceId, conversationId: c.id },
  ]);
}

/** Counts conversations by status (for the shell's badges and for tests). */
export async function countConversationsByStatus(db: Kysely<Database>, workspaceId: string) {
  const rows = await db
    .selectFrom('conversations')
    .select(['status', sql<number>`count(*)::int`.as('count')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}
