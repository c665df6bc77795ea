import type { Kysely } from 'kysely';
import type { DomainEvent } from '../domain/events.ts';
import type { Database } from './schema.ts';
import { insertUnnested } from './unnest-rows.ts';
import type { ColumnTypes } from './unnest-rows.ts';

const eventColumnTypes: ColumnTypes = {
  workspace_id: 'uuid',
  type: 'text',
  actor_type: 'text',
  actor_id: 'uuid',
  conversation_id: 'uuid',
  data: 'jsonb',
  occurred_at: 'timestamptz',
};

/** Appends events to the log in one statement, in the order given (their ids follow it). */
export async function appendEvents(
  db: Kysely<Database>,
  workspaceId: string,
  events: DomainEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => ({
    workspace_id: workspaceId,
    type: event.type,
    actor_type: event.actor.type,
    actor_id: event.actor.type === 'system' ? null : event.actor.id,
    conversation_id: event.conversationId,
    data: JSON.stringify(event.data),
    occurred_at: event.occurredAt,
  }));
  await insertUnnested(db, 'events', eventColumnTypes, rows);
}

export async function listConversationEvents(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
) {
  return db
    .selectFrom('events')
    .select(['id', 'type', 'actor_type', 'actor_id', 'data', 'occurred_at'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('id')
    .execute();
}
