import type { Kysely } from 'kysely';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

export async function insertNote(
  db: Kysely<Database>,
  note: { workspaceId: string; conversationId: string; authorId: string; body: string; now: Date },
) {
  return db
    .insertInto('notes')
    .values({
      id: newId(),
      workspace_id: note.workspaceId,
      conversation_id: note.conversationId,
      author_id: note.authorId,
      body: note.body,
      created_at: note.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listConversationNotes(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
) {
  return db
    .selectFrom('notes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .execute();
}

/** Records who a note mentions (each once; unknown ids must be filtered out before). */
export async function insertNoteMentions(
  db: Kysely<Database>,
  note: { workspaceId: string; conversationId: string; noteId: string; now: Date },
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('note_mentions')
    .values(
      userIds.map((userId) => ({
        note_id: note.noteId,
        user_id: userId,
        workspace_id: note.workspaceId,
        conversation_id: note.conversationId,
        created_at: note.now,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Who each note of a conversation mentions, by note id. */
export async function listConversationNoteMentions(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('note_mentions')
    .select(['note_id', 'user_id'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .execute();
  const byNote = new Map<string, string[]>();
  for (const row of rows)
    byNote.set(row.note_id, [...(byNote.get(row.note_id) ?? []), row.user_id]);
  return byNote;
}

/** The notes that mention one member, newest first, with the conversation's customer. */
export async function listMentionsOfUser(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  limit: number,
) {
  return db
    .selectFrom('note_mentions as nm')
    .innerJoin('notes as n', 'n.id', 'nm.note_id')
    .innerJoin('conversations as c', 'c.id', 'nm.conversation_id')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .leftJoin('users as u', 'u.id', 'n.author_id')
    .select([
      'nm.note_id',
      'nm.conversation_id',
      'nm.created_at',
      'nm.seen_at',
      'n.body',
      'n.author_id',
      'u.name as author_name',
      'c.network',
      'ct.display_name as contact_name',
    ])
    .where('nm.workspace_id', '=', workspaceId)
    .where('nm.user_id', '=', userId)
    .orderBy('nm.created_at', 'desc')
    .orderBy('nm.note_id', 'desc')
    .limit(limit)
    .execute();
}

/** How many notes mention the member that they have not seen yet. */
export async function countUnseenMentions(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
): Promise<number> {
  const row = await db
    .selectFrom('note_mentions')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('seen_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks the member's mentions in one conversation seen; returns how many were new. */
export async function markMentionsSeen(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  conversationId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('note_mentions')
    .set({ seen_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('conversation_id', '=', conversationId)
    .where('seen_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
