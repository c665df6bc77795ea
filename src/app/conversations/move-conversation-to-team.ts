import { changeTeam } from '../../domain/conversation.ts';
import type { InboxItem } from '../../store/inbox.queries.ts';
import { findTeam } from '../../store/teams.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';
import { changeAsMember } from './apply-conversation-change.ts';

/**
 * Moves a conversation to a team of the workspace, or to none (null). A move after the first is
 * a transfer: the new team's routing may hand it to one of its agents in the same transaction.
 */
export async function moveConversationToTeam(
  context: UseCaseContext,
  conversationId: string,
  teamId: string | null,
): Promise<InboxItem> {
  if (teamId && !(await findTeam(context.store.db, context.workspaceId, teamId))) {
    throw new AppError('team_not_found', 'no such team');
  }
  return changeAsMember(context, conversationId, (conversation, actor, now) =>
    changeTeam(conversation, teamId, actor, now),
  );
}
