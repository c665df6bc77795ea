import { tag, untag } from '../../domain/conversation.ts';
import type { InboxItem } from '../../store/inbox.queries.ts';
import type { UseCaseContext } from '../use-case.ts';
import { changeAsMember } from './apply-conversation-change.ts';

/** Puts a tag on a conversation; a tag it already carries changes nothing. */
export function tagConversation(
  context: UseCaseContext,
  conversationId: string,
  name: string,
): Promise<InboxItem> {
  return changeAsMember(context, conversationId, (conversation, actor, now) =>
    tag(conversation, name, actor, now),
  );
}

/** Takes a tag off a conversation; a tag it does not carry changes nothing. */
export function untagConversation(
  context: UseCaseContext,
  conversationId: string,
  name: string,
): Promise<InboxItem> {
  return changeAsMember(context, conversationId, (conversation, actor, now) =>
    untag(conversation, name, actor, now),
  );
}
