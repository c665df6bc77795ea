import { markAnsweredElsewhere } from '../../domain/answered-elsewhere.ts';
import type { AnswerElsewhere } from '../../domain/answered-elsewhere.ts';
import type { InboxItem } from '../../store/inbox.queries.ts';
import type { UseCaseContext } from '../use-case.ts';
import { changeAsMember } from './apply-conversation-change.ts';

/**
 * Records that the customer was answered outside Earshot: the conversation stops waiting, the
 * event counts as the first response in the reports, and the SLA clock stops like after a reply.
 */
export function markConversationAnsweredElsewhere(
  context: UseCaseContext,
  conversationId: string,
  answer: AnswerElsewhere,
): Promise<InboxItem> {
  return changeAsMember(context, conversationId, (conversation, actor, now) =>
    markAnsweredElsewhere(conversation, answer, actor, now),
  );
}
