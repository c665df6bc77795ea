import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Of these external ids, the ones already stored in the workspace (the dedupe check). */
export async function findStoredMentions(
  db: Kysely<Database>,
  workspaceId: string,
  network: string,
  externalIds: string[],
) {
  if (externalIds.length === 0) return [];
  return db
    .selectFrom('mentions')
    .select(['id', 'external_id', 'conversation_id'])
    .where('workspace_id', '=', workspaceId)
    .where('network', '=', network)
    .where('external_id', 'in', externalIds)
    .execute();
}

export async function listConversationMentions(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
) {
  return db
    .selectFrom('mentions')
    .select([
      'id',
      'network',
      'external_id',
      'text',
      'author_handle',
      'author_display_name',
      'author_followers',
      'url',
      'posted_at',
      'is_private',
      'from_brand',
      'language',
      'triage',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('posted_at')
    .orderBy('id')
    .execute();
}

/** The newest mention from the customer in a conversation: what a reply answers. */
export async function findLatestCustomerMention(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
) {
  return db
    .selectFrom('mentions')
    .select(['id', 'external_id', 'root_external_id', 'author_external_id', 'author_handle', 'raw'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('from_brand', '=', false)
    .orderBy('posted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
