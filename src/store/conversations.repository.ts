import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Conversation, Transition } from '../domain/conversation.ts';
import { notifyChanges } from './changes.ts';
import { appendEvents } from './events.repository.ts';
import type { ConversationRow, Database, NewConversationRow } from './schema.ts';
import { insertUnnested, unnestRows } from './unnest-rows.ts';
import type { ColumnTypes } from './unnest-rows.ts';

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

/** The columns intake writes when it starts a conversation (the others keep their defaults). */
const newConversationColumnTypes: ColumnTypes = {
  id: 'uuid',
  workspace_id: 'uuid',
  brand_id: 'uuid',
  contact_id: 'uuid',
  network: 'text',
  root_external_id: 'text',
  is_private: 'bool',
  status: 'text',
  priority: 'int2',
  sentiment: 'text',
  preview: 'text',
  needs_reply: 'bool',
  is_spam: 'bool',
  hidden_at: 'timestamptz',
  mention_count: 'int4',
  first_responded_at: 'timestamptz',
  resolved_at: 'timestamptz',
  last_message_at: 'timestamptz',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
};

/** Inserts the conversations an intake batch started, in one statement. */
export async function insertConversations(
  db: Kysely<Database>,
  rows: readonly NewConversationRow[],
): Promise<void> {
  await insertUnnested(db, 'conversations', newConversationColumnTypes, rows);
}

/**
 * The conversations of these threads, by the external id of each thread's root. Joined as an
 * array, so it is an index lookup per root whether or not the planner has statistics.
 */
export async function findConversationsByRoot(
  db: Kysely<Database>,
  workspaceId: string,
  network: string,
  rootExternalIds: readonly string[],
) {
  if (rootExternalIds.length === 0) return [];
  const { rows } = await sql<{ id: string; root_external_id: string }>`
    select c.id, c.root_external_id
    from unnest(${rootExternalIds}::text[]) as wanted (root_external_id)
    join conversations c
      on c.workspace_id = ${workspaceId} and c.network = ${network}
      and c.root_external_id = wanted.root_external_id`.execute(db);
  return rows;
}

/** What intake changed on a conversation that was already stored. */
interface IngestedConversation {
  conversation: Conversation;
  /** Mentions this batch added to it. */
  added: number;
  /** The sentiment of its latest customer mention in the batch, if one was labelled. */
  sentiment: string | null;
}

const ingestedColumnTypes: ColumnTypes = {
  id: 'uuid',
  status: 'text',
  priority: 'int2',
  needs_reply: 'bool',
  first_responded_at: 'timestamptz',
  sentiment: 'text',
  snoozed_until: 'timestamptz',
  resolved_at: 'timestamptz',
  last_message_at: 'timestamptz',
  added: 'int4',
};

/** Writes what an intake batch changed on stored conversations, in one statement. */
export async function saveIngestedConversations(
  db: Kysely<Database>,
  workspaceId: string,
  changes: readonly IngestedConversation[],
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  const rows = changes.map(({ conversation: c, added, sentiment }) => ({
    id: c.id,
    status: c.status,
    priority: c.priority,
    needs_reply: c.needsReply,
    first_responded_at: c.firstRespondedAt,
    sentiment,
    snoozed_until: c.snoozedUntil,
    resolved_at: c.resolvedAt,
    last_message_at: c.lastMessageAt,
    added,
  }));
  const { columns, arrays } = unnestRows('conversations', ingestedColumnTypes, rows);
  await sql`
    update conversations c set
      status = u.status, priority = u.priority, needs_reply = u.needs_reply,
      first_responded_at = u.first_responded_at, sentiment = coalesce(u.sentiment, c.sentiment),
      snoozed_until = u.snoozed_until, resolved_at = u.resolved_at,
      last_message_at = u.last_message_at, updated_at = ${now.toISOString()}::timestamptz,
      mention_count = c.mention_count + u.added
    from unnest(${arrays}) as u (${columns})
    where c.workspace_id = ${workspaceId} and c.id = u.id`.execute(db);
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
