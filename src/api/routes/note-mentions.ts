import { z } from '@hono/zod-openapi';

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
