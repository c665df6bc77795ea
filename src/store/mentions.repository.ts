import { sql } from 'kysely';
import type { Insertable, Kysely } from 'kysely';
import type { Database, MentionsTable } from './schema.ts';
import { insertUnnested } from './unnest-rows.ts';
import type { ColumnTypes } from './unnest-rows.ts';

/**
 * Of these external ids, the ones already stored in the workspace (the dedupe check). The ids
 * are joined as an array rather than listed in `external_id in (…)`: without planner statistics
 * (a new install; PGlite never analyses by itself) PostgreSQL used the unique index with the
 * list as a filter and read the whole workspace per batch, while a join on `unnest` is always an
 * index lookup per id. One parameter instead of thousands also parses faster.
 */
export async function findStoredMentions(
  db: Kysely<Database>,
  workspaceId: string,
  network: string,
  externalIds: string[],
) {
  if (externalIds.length === 0) return [];
  const { rows } = await sql<{ id: string; external_id: string; conversation_id: string }>`
    select m.id, m.external_id, m.conversation_id
    from unnest(${externalIds}::text[]) as wanted (external_id)
    join mentions m
      on m.workspace_id = ${workspaceId} and m.network = ${network}
      and m.external_id = wanted.external_id`.execute(db);
  return rows;
}

/** The SQL type of each column a mention is inserted with. */
const mentionColumnTypes: ColumnTypes = {
  id: 'uuid',
  workspace_id: 'uuid',
  conversation_id: 'uuid',
  channel_account_id: 'uuid',
  network: 'text',
  external_id: 'text',
  text: 'text',
  author_external_id: 'text',
  author_handle: 'text',
  author_display_name: 'text',
  author_followers: 'int4',
  url: 'text',
  posted_at: 'timestamptz',
  received_at: 'timestamptz',
  parent_external_id: 'text',
  root_external_id: 'text',
  quoted_external_id: 'text',
  author_created_at: 'timestamptz',
  is_private: 'bool',
  from_brand: 'bool',
  language: 'text',
  engagement: 'jsonb',
  triage: 'jsonb',
  raw: 'jsonb',
  review_site: 'text',
  rating: 'int2',
  rating_value: 'float4',
  rating_scale: 'float4',
  hidden_at: 'timestamptz',
  hidden_reason: 'text',
};

/** Inserts a batch of mentions as one `insert … select from unnest(…)` (see unnestRows). */
export async function insertMentions(
  db: Kysely<Database>,
  rows: Array<Insertable<MentionsTable>>,
): Promise<void> {
  await insertUnnested(db, 'mentions', mentionColumnTypes, rows);
}

/**
 * A conversation's mentions, oldest first. A post that came without its author's display name
 * (Bluesky posts never carry one) shows the name cached on the author's identity.
 */
export async function listConversationMentions(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
) {
  return db
    .selectFrom('mentions as m')
    .leftJoin('contact_identities as who', (join) =>
      join
        .onRef('who.workspace_id', '=', 'm.workspace_id')
        .onRef('who.network', '=', 'm.network')
        .onRef('who.external_id', '=', 'm.author_external_id'),
    )
    .select((eb) => [
      'm.id',
      'm.network',
      'm.external_id',
      'm.text',
      'm.author_handle',
      // An erased post keeps no name, whatever the identity holds.
      eb
        .case()
        .when('m.erased_at', 'is not', null)
        .then(eb.ref('m.author_display_name'))
        .else(eb.fn.coalesce('m.author_display_name', 'who.display_name'))
        .end()
        .as('author_display_name'),
      'm.author_followers',
      'm.url',
      'm.posted_at',
      'm.is_private',
      'm.from_brand',
      'm.language',
      'm.triage',
      'm.hidden_at',
      'm.hidden_reason',
      'm.deleted_at',
      'm.edited_at',
      'm.edits',
      'm.review_site',
      'm.rating',
      'm.rating_value',
      'm.rating_scale',
    ])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.conversation_id', '=', conversationId)
    .orderBy('m.posted_at')
    .orderBy('m.id')
    .execute();
}

/**
 * The newest mention from the customer in a conversation that its author has not deleted: what a
 * reply answers unless the agent chose another post.
 */
export async function findLatestCustomerMention(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
  options: { withDeleted?: boolean } = {},
) {
  return db
    .selectFrom('mentions')
    .select(['id', 'external_id', 'root_external_id', 'author_external_id', 'author_handle', 'raw'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('from_brand', '=', false)
    .$if(!options.withDeleted, (query) => query.where('deleted_at', 'is', null))
    .orderBy('posted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One mention of the workspace, with the conversation it is in and whether it was deleted. */
export async function findMentionForReply(
  db: Kysely<Database>,
  workspaceId: string,
  mentionId: string,
) {
  return db
    .selectFrom('mentions')
    .select(['id', 'conversation_id', 'author_handle', 'from_brand', 'deleted_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', mentionId)
    .executeTakeFirst();
}

/**
 * Refreshes the planner's statistics on the tables ingest reads. PGlite never analyses by
 * itself and PostgreSQL's autovacuum waits for a share of the table to change: until then,
 * lookups by `in (…)` on a table that grew from nothing may read it whole.
 */
export async function analyzeIngestTables(db: Kysely<Database>): Promise<void> {
  await sql`analyze mentions, conversations, contacts, contact_identities`.execute(db);
}

/** The ids of the customer's posts in a conversation, oldest first (a bulk spam mark labels each). */
export async function listCustomerMentionIds(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('mentions')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('from_brand', '=', false)
    .orderBy('posted_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}
