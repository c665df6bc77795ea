import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { mentionedUserIds } from '../../domain/teammate-mentions.ts';
import { notifyChanges } from '../../store/changes.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { insertNote, insertNoteMentions } from '../../store/notes.repository.ts';
import type { Database } from '../../store/schema.ts';
import { listWorkspaceMembers } from '../../store/workspaces.repository.ts';

export const NoteWithMentionsSchema = z
  .object({
    id: z.string(),
    body: z.string(),
    authorId: z.string().nullable(),
    createdAt: z.string(),
    mentionedUserIds: z
      .array(z.string())
      .openapi({ description: 'Members of the workspace the note names as @Name' }),
  })
  .openapi('NoteWithMentions');

type NoteRow = { id: string; body: string; author_id: string | null; created_at: Date };

export const toNoteJson = (note: NoteRow, mentioned: string[]) => ({
  id: note.id,
  body: note.body,
  authorId: note.author_id,
  createdAt: note.created_at.toISOString(),
  mentionedUserIds: mentioned,
});

/**
 * Stores a note and whom it mentions — only members of the note's own workspace can be found in
 * it — with note.added and one note.mentioned event per teammate, then tells the live streams.
 */
export async function addNoteWithMentions(
  tx: Kysely<Database>,
  note: { workspaceId: string; conversationId: string; authorId: string; body: string },
  now: Date,
) {
  const { workspaceId, conversationId, authorId } = note;
  const members = await listWorkspaceMembers(tx, workspaceId);
  const created = await insertNote(tx, { ...note, now });
  // Naming yourself is not a mention anyone needs to be told about.
  const mentioned = mentionedUserIds(note.body, members).filter((id) => id !== authorId);
  await insertNoteMentions(tx, { workspaceId, conversationId, noteId: created.id, now }, mentioned);
  const actor = { type: 'user', id: authorId } as const;
  await appendEvents(tx, workspaceId, [
    { type: 'note.added', actor, conversationId, data: { noteId: created.id }, occurredAt: now },
    ...mentioned.map((userId) => ({
      type: 'note.mentioned' as const,
      actor,
      conversationId,
      data: { noteId: created.id, userId },
      occurredAt: now,
    })),
  ]);
  await notifyChanges(tx, [
    { type: 'conversation.updated', workspaceId, conversationId },
    ...(mentioned.length > 0 ? [{ type: 'note.mentioned', workspaceId, conversationId }] : []),
  ]);
  return toNoteJson(created, mentioned);
}
