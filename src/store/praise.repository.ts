import type { Kysely } from 'kysely';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

/** Stars a mention as praise; a mention is starred once (the first note stays). */
export async function starPraise(
  db: Kysely<Database>,
  praise: {
    workspaceId: string;
    mentionId: string;
    note: string | null;
    starredBy: string;
    now: Date;
  },
): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto('praise')
    .values({
      id: newId(),
      workspace_id: praise.workspaceId,
      mention_id: praise.mentionId,
      note: praise.note,
      starred_by: praise.starredBy,
      created_at: praise.now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'mention_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom('praise')
    .select('id')
    .where('workspace_id', '=', praise.workspaceId)
    .where('mention_id', '=', praise.mentionId)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

function selectPraise(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('praise as p')
    .innerJoin('mentions as m', 'm.id', 'p.mention_id')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .leftJoin('users as u', 'u.id', 'p.starred_by')
    .select([
      'p.id',
      'p.note',
      'p.starred_by',
      'u.name as starred_by_name',
      'p.created_at',
      'm.id as mention_id',
      'm.text',
      'm.network',
      'm.author_handle',
      'm.url',
      'm.posted_at',
      'c.id as conversation_id',
      'c.team_id',
      'c.sentiment',
    ])
    .where('p.workspace_id', '=', workspaceId);
}

export type PraiseRow = Awaited<
  ReturnType<ReturnType<typeof selectPraise>['executeTakeFirstOrThrow']>
>;

export async function findPraise(db: Kysely<Database>, workspaceId: string, id: string) {
  return selectPraise(db, workspaceId).where('p.id', '=', id).executeTakeFirst();
}

/** Newest first; a team sees the praise of its own conversations. */
export async function listPraise(
  db: Kysely<Database>,
  workspaceId: string,
  options: { teamId?: string; limit: number },
): Promise<PraiseRow[]> {
  let query = selectPraise(db, workspaceId);
  if (options.teamId) query = query.where('c.team_id', '=', options.teamId);
  return query
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(options.limit)
    .execute();
}
