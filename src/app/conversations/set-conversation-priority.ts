import { setPriority } from '../../domain/conversation.ts';
import type { InboxItem } from '../../store/inbox.queries.ts';
import type { UseCaseContext } from '../use-case.ts';
import { changeAsMember } from './apply-conversation-change.ts';

/** Sets a conversation's priority by hand (0–100); the SLA clock follows. */
export function setConversationPriority(
  context: UseCaseContext,
  conversationId: string,
  priority: number,
): Promise<InboxItem> {
  return changeAsMember(context, conversationId, (conversation, actor, now) =>
    setPriority(conversation, priority, actor, now),
  );
}
