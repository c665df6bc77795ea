import { setStatus, snooze } from '../../domain/conversation.ts';
import type { InboxItem } from '../../store/inbox.queries.ts';
import type { UseCaseContext } from '../use-case.ts';
import { changeAsMember } from './apply-conversation-change.ts';

/** A status a member can set; snoozing says until when. */
type StatusChoice =
  { status: 'open' | 'pending' | 'resolved' } | { status: 'snoozed'; snoozedUntil: Date };

/** Opens, sets pending, resolves, or snoozes a conversation until a time in the future. */
export function setConversationStatus(
  context: UseCaseContext,
  conversationId: string,
  choice: StatusChoice,
): Promise<InboxItem> {
  return changeAsMember(context, conversationId, (conversation, actor, now) =>
    choice.status === 'snoozed'
      ? snooze(conversation, choice.snoozedUntil, actor, now)
      : setStatus(conversation, choice.status, actor, now),
  );
}
