import { notifyChanges } from '../../store/changes.ts';
import { findConversationForUpdate } from '../../store/conversations.repository.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { setFollowUp as saveFollowUp } from '../../store/sla/sla-follow-ups.repository.ts';
import { AppError } from '../app-error.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';

/**
 * Sets (or, with null, clears) when the acting agent is reminded to follow up on a conversation;
 * recorded as an event and announced to every open inbox.
 */
export async function setFollowUp(
  context: UseCaseContext,
  conversationId: string,
  at: Date | null,
): Promise<void> {
  const { workspaceId: ws, userId, now } = context;
  const { db } = context.store;
  if (at && at <= now)
    throw new AppError('validation_failed', 'a follow-up is set for a later time', [
      { path: 'dueAt', message: 'must be in the future' },
    ]);
  await db.transaction().execute(async (tx) => {
    if (!(await findConversationForUpdate(tx, ws, conversationId)))
      throw new AppError('conversation_not_found', 'no such conversation');
    await saveFollowUp(tx, ws, conversationId, at ? { at, userId } : null);
    await appendEvents(tx, ws, [
      {
        type: 'conversation.follow_up_set',
        actor: userActor(context),
        conversationId,
        data: { dueAt: at ? at.toISOString() : null },
        occurredAt: now,
      },
    ]);
    await notifyChanges(tx, [
      { type: 'conversation.follow_up_set', workspaceId: ws, conversationId },
      { type: 'conversation.updated', workspaceId: ws, conversationId },
    ]);
  });
}
