import { assign } from '../../domain/conversation.ts';
import type { InboxItem } from '../../store/inbox.queries.ts';
import { findMembership } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';
import { changeAsMember } from './apply-conversation-change.ts';

/**
 * Gives a conversation to a member who can answer it (an agent, admin or owner of the workspace),
 * or takes it back from whoever has it (null).
 */
export async function assignConversation(
  context: UseCaseContext,
  conversationId: string,
  assigneeId: string | null,
): Promise<InboxItem> {
  if (assigneeId) {
    const membership = await findMembership(context.store.db, context.workspaceId, assigneeId);
    if (!membership || membership.role === 'viewer') {
      throw new AppError(
        'user_not_found',
        'the assignee must be an agent, admin or owner of this workspace',
      );
    }
  }
  return changeAsMember(context, conversationId, (conversation, actor, now) =>
    assign(conversation, assigneeId, actor, now),
  );
}
