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
