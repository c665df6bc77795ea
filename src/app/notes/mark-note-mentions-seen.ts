import { conversationExists } from '../../store/inbox.queries.ts';
import { markMentionsSeen } from '../../store/notes.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';

/** Marks the notes of one conversation that mention the acting member as seen; returns how many. */
export async function markNoteMentionsSeen(
  context: UseCaseContext,
  conversationId: string,
): Promise<number> {
  const { store, workspaceId, userId, now } = context;
  if (!(await conversationExists(store.db, workspaceId, conversationId))) {
    throw new AppError('conversation_not_found', 'no such conversation');
  }
  return markMentionsSeen(store.db, workspaceId, userId, conversationId, now);
}
