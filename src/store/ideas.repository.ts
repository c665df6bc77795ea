import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { IdeaStatus } from '../domain/ideas.ts';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

/** Which of these mentions are the workspace's (ids of others are simply absent). */
export async function findWorkspaceMentionIds(
  db: Kysely<Database>,
  workspaceId: string,
  mentionIds: string[],
): Promise<Set<string>> {
  if (mentionIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('mentions')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', mentionIds)
    .execute();
  return new Set(rows.map((row) => row.id));
}

export async function insertIdea(
  db: Kysely<Database>,
  idea: { workspaceId: string; title: string; description: string; createdBy: string; now: Date },
) {
  return db
    .insertInto('ideas')
    .values({
      id: newId(),
      workspace_id: idea.workspaceId,
      title: idea.title,
      description: idea.description,
      created_by: idea.createdBy,
      created_at: idea.now,
      updated_at: idea.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Links mentions to an idea; a link that exists already is kept as it is. Returns how many are new. */
export async function linkIdeaMentions(
  db: Kysely<Database>,
  workspaceId: string,
  ideaId: string,
  mentionIds: string[],
): Promise<number> {
  if (mentionIds.length === 0) return 0;
  const rows = await db
    .insertInto('idea_mentions')
    .values(
      mentionIds.map((id) => ({ idea_id: ideaId, mention_id: id, workspace_id: workspaceId })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('mention_id')
    .execute();
  return rows.length;
}

export async function findIdeaForUpdate(db: Kysely<Database>, workspaceId: string, ideaId: string) {
  return db
    .selectFrom('ideas')
    .select(['id', 'status', 'merged_into_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ideaId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setIdeaStatus(
  db: Kysely<Database>,
  ideaId: string,
  change: { status: Exclude<IdeaStatus, 'merged'>; declinedReason: string | null; now: Date },
): Promise<void> {
  await db
    .updateTable('ideas')
    .set({ status: change.status, declined_reason: change.declinedReason, updated_at: change.now })
    .where('id', '=', ideaId)
    .execute();
}

/** One vote per person: a second vote changes nothing. Returns whether this one was new. */
export async function addIdeaVote(
  db: Kysely<Database>,
  workspaceId: string,
  ideaId: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .insertInto('idea_votes')
    .values({ idea_id: ideaId, user_id: userId, workspace_id: workspaceId, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .execute();
  return rows.length > 0;
}

export async function removeIdeaVote(
  db: Kysely<Database>,
  ideaId: string,
  userId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('idea_votes')
    .where('idea_id', '=', ideaId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Merges a duplicate into `targetId`: its votes (one per person, however many ideas they voted
 * for) and its mention links are copied over; the duplicate keeps its own, marked merged.
 */
export async function mergeIdeaInto(
  db: Kysely<Database>,
  sourceId: string,
  targetId: string,
  now: Date,
): Promise<{ votesAdded: number; mentionsAdded: number }> {
  const votes = await sql<{ user_id: string }>`
    insert into idea_votes (idea_id, user_id, workspace_id, created_at)
    select ${targetId}, user_id, workspace_id, created_at from idea_votes where idea_id = ${sourceId}
    on conflict do nothing returning user_id`.execute(db);
  const links = await sql<{ mention_id: string }>`
    insert into idea_mentions (idea_id, mention_id, workspace_id)
    select ${targetId}, mention_id, workspace_id from idea_mentions where idea_id = ${sourceId}
    on conflict do nothing returning mention_id`.execute(db);
  await db
    .updateTable('ideas')
    .set({ status: 'merged', merged_into_id: targetId, updated_at: now })
    .where('id', '=', sourceId)
    .execute();
  return { votesAdded: votes.rows.length, mentionsAdded: links.rows.length };
}

function selectIdeas(db: Kysely<Database>, workspaceId: string, userId: string) {
  return db
    .selectFrom('ideas as i')
    .select((eb) => [
      'i.id',
      'i.title',
      'i.description',
      'i.status',
      'i.declined_reason',
      'i.merged_into_id',
      'i.created_by',
      'i.created_at',
      'i.updated_at',
      eb
        .selectFrom('idea_votes as v')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('v.idea_id', '=', 'i.id')
        .as('votes'),
      eb
        .selectFrom('idea_mentions as l')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('l.idea_id', '=', 'i.id')
        .as('mentions'),
      eb
        .exists(
          eb
            .selectFrom('idea_votes as mine')
            .select('mine.user_id')
            .whereRef('mine.idea_id', '=', 'i.id')
            .where('mine.user_id', '=', userId),
        )
        .as('voted'),
    ])
    .where('i.workspace_id', '=', workspaceId);
}

export type IdeaRow = Awaited<
  ReturnType<ReturnType<typeof selectIdeas>['executeTakeFirstOrThrow']>
>;

/** Ideas with their vote and mention counts: most voted first, or newest first. */
export async function listIdeas(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  options: { statuses: IdeaStatus[]; sort: 'top' | 'new'; limit: number },
): Promise<IdeaRow[]> {
  let query = selectIdeas(db, workspaceId, userId).where('i.status', 'in', options.statuses);
  query =
    options.sort === 'top'
      ? query.orderBy(sql`votes`, 'desc').orderBy('i.created_at', 'desc')
      : query.orderBy('i.created_at', 'desc');
  return query.orderBy('i.id').limit(options.limit).execute();
}

export async function findIdea(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  ideaId: string,
) {
  return selectIdeas(db, workspaceId, userId).where('i.id', '=', ideaId).executeTakeFirst();
}

/** The mentions an idea was promoted from, oldest first. */
export async function listIdeaMentions(db: Kysely<Database>, ideaId: string) {
  return db
    .selectFrom('idea_mentions as l')
    .innerJoin('mentions as m', 'm.id', 'l.mention_id')
    .select([
      'm.id',
      'm.conversation_id',
      'm.network',
      'm.text',
      'm.author_handle',
      'm.url',
      'm.posted_at',
    ])
    .where('l.idea_id', '=', ideaId)
    .orderBy('m.posted_at')
    .orderBy('m.id')
    .execute();
}

/**
 * The idea (not merged away) that already holds every one of these mentions, newest first; null
 * if none does. Locks the mentions' rows first, so two promotions of the same post at once wait
 * for each other and the second finds the idea the first made.
 */
export async function findIdeaHoldingMentions(
  db: Kysely<Database>,
  workspaceId: string,
  mentionIds: readonly string[],
): Promise<string | null> {
  if (mentionIds.length === 0) return null;
  await db
    .selectFrom('mentions')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', mentionIds)
    .forUpdate()
    .execute();
  const row = await db
    .selectFrom('idea_mentions as l')
    .innerJoin('ideas as i', 'i.id', 'l.idea_id')
    .select('i.id')
    .where('l.workspace_id', '=', workspaceId)
    .where('l.mention_id', 'in', mentionIds)
    .where('i.status', '<>', 'merged')
    .groupBy(['i.id', 'i.created_at'])
    .having(sql<number>`count(distinct l.mention_id)`, '=', new Set(mentionIds).size)
    .orderBy('i.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
