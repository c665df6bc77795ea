import { mentionedUserIds } from '../../domain/teammate-mentions.ts';
import { notifyChanges } from '../../store/changes.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { findInboxItem } from '../../store/inbox.queries.ts';
import { insertNote, insertNoteMentions } from '../../store/notes.repository.ts';
import { listWorkspaceMembers } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';

/**
 * Adds an internal note (never sent to the customer) and records whom it mentions as @Name — only
 * members of the note's own workspace can be found in it — with note.added and one note.mentioned
 * event per teammate, then tells the live streams.
 */
export async function addNote(context: UseCaseContext, conversationId: string, body: string) {
  const { workspaceId, userId: authorId, now } = context;
  return context.store.db.transaction().execute(async (tx) => {
    if (!(await findInboxItem(tx, workspaceId, conversationId))) {
      throw new AppError('conversation_not_found', 'no such conversation');
    }
    const members = await listWorkspaceMembers(tx, workspaceId);
    const note = await insertNote(tx, { workspaceId, conversationId, authorId, body, now });
    // Naming yourself is not a mention anyone needs to be told about.
    const mentioned = mentionedUserIds(body, members).filter((id) => id !== authorId);
    await insertNoteMentions(tx, { workspaceId, conversationId, noteId: note.id, now }, mentioned);
    const actor = userActor(context);
    await appendEvents(tx, workspaceId, [
      { type: 'note.added', actor, conversationId, data: { noteId: note.id }, occurredAt: now },
      ...mentioned.map((mentionedId) => ({
        type: 'note.mentioned' as const,
        actor,
        conversationId,
        data: { noteId: note.id, userId: mentionedId },
        occurredAt: now,
      })),
    ]);
    await notifyChanges(tx, [
      { type: 'conversation.updated', workspaceId, conversationId },
      ...(mentioned.length > 0 ? [{ type: 'note.mentioned', workspaceId, conversationId }] : []),
    ]);
    return { note, mentionedUserIds: mentioned };
  });
}
