import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import { newId } from './ids.ts';
import type { Database, TagsTable } from './schema.ts';

export type TagRow = Selectable<TagsTable>;

export interface TagFields {
  name: string;
  color: string | null;
  description: string | null;
}

/** The workspace's live tags, by name. */
export async function listTags(db: Kysely<Database>, workspaceId: string): Promise<TagRow[]> {
  return db
    .selectFrom('tags')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy(sql`lower(name)`)
    .orderBy('name')
    .execute();
}

/** One tag of the workspace, removed ones too (removing again is not an error). */
export async function findTag(
  db: Kysely<Database>,
  workspaceId: string,
  tagId: string,
): Promise<TagRow | undefined> {
  return db
    .selectFrom('tags')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', tagId)
    .executeTakeFirst();
}

/** The live tag with this name, ignoring case (names are unique that way). */
export async function findLiveTagByName(
  db: Kysely<Database>,
  workspaceId: string,
  name: string,
): Promise<TagRow | undefined> {
  return db
    .selectFrom('tags')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
}

export async function insertTag(
  db: Kysely<Database>,
  workspaceId: string,
  fields: TagFields,
  now: Date,
): Promise<TagRow> {
  return db
    .insertInto('tags')
    .values({ id: newId(), workspace_id: workspaceId, ...fields, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes a live tag's fields; undefined when there is no such live tag. */
export async function updateTag(
  db: Kysely<Database>,
  workspaceId: string,
  tagId: string,
  patch: Partial<TagFields>,
  now: Date,
): Promise<TagRow | undefined> {
  return db
    .updateTable('tags')
    .set({ ...patch, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', tagId)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Takes a tag off the list; the conversations that carry it keep it. */
export async function removeTag(
  db: Kysely<Database>,
  workspaceId: string,
  tagId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('tags')
    .set({ deleted_at: now, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', tagId)
    .where('deleted_at', 'is', null)
    .execute();
}

/**
 * Renames a tag on every conversation of the workspace that carries it, in one statement (a
 * conversation that already carries the new name just loses the old one). It reads every
 * conversation of the workspace; there is no index on tags, which ingest would pay for.
 */
export async function renameTagOnConversations(
  db: Kysely<Database>,
  workspaceId: string,
  from: string,
  to: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('conversations')
    .set({
      tags: sql<string[]>`case when ${to} = any(tags) then array_remove(tags, ${from})
        else array_replace(tags, ${from}, ${to}) end`,
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`tags @> array[${from}]::text[]`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Renames a tag in the routing rules that add it, so they add the new name from now on. */
export async function renameTagInRoutingRules(
  db: Kysely<Database>,
  workspaceId: string,
  from: string,
  to: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('routing_rules')
    .set({
      actions: sql`jsonb_set(actions, '{tags}', (
        select coalesce(jsonb_agg(distinct case when t = ${from} then ${to} else t end), '[]')
        from jsonb_array_elements_text(actions->'tags') as t))`,
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where(sql<boolean>`actions->'tags' @> ${JSON.stringify([from])}::jsonb`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** How many conversations carry each tag, listed or not: one pass over the workspace. */
export async function countTagUsage(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<Map<string, number>> {
  const result = await sql<{ tag: string; conversations: number }>`
    select tag, count(*)::int as conversations
    from conversations c cross join unnest(c.tags) as tag
    where c.workspace_id = ${workspaceId}
    group by tag`.execute(db);
  return new Map(result.rows.map((row) => [row.tag, row.conversations]));
}
