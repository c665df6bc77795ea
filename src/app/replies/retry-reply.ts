import { appendEvents } from '../../store/events.repository.ts';
import { findMentionDeletedAt } from '../../store/mention-changes.repository.ts';
import { findReplyForUpdate, requeueFailedReply } from '../../store/replies.repository.ts';
import type { ReplyRow } from '../../store/schema.ts';
import { AppError } from '../app-error.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';
import { noticeReplyChanged } from './reply-notice.ts';

/**
 * Queues a failed reply again as it was, with the same idempotency key, so a network that already
 * has it does not post it twice. A reply already queued or sent is given back as it is.
 */
export async function retryReply(context: UseCaseContext, replyId: string): Promise<ReplyRow> {
  const { workspaceId: ws, now } = context;
  return context.store.db.transaction().execute(async (tx) => {
    const found = await findReplyForUpdate(tx, ws, replyId);
    if (!found) throw new AppError('reply_not_found', 'no such reply');
    // A second click, or a retry that raced the outbox: it is already on its way, or out.
    if (found.status === 'queued' || found.status === 'sent') return found;
    const deletedAt = found.in_reply_to_mention_id
      ? await findMentionDeletedAt(tx, ws, found.in_reply_to_mention_id)
      : null;
    if (deletedAt) {
      throw new AppError(
        'reply_target_deleted',
        `the customer deleted the post this reply answers (at ${deletedAt.toISOString()}); it cannot be sent. Write a new reply to another post.`,
        { deletedAt: deletedAt.toISOString() },
      );
    }
    const queued = found.status === 'failed' ? await requeueFailedReply(tx, replyId, now) : null;
    if (!queued) {
      throw new AppError(
        'invalid_transition',
        `only a failed reply can be retried; this one is ${found.status.replace('_', ' ')}`,
      );
    }
    await appendEvents(tx, ws, [
      {
        type: 'reply.retried',
        actor: userActor(context),
        conversationId: found.conversation_id,
        data: { replyId, previousError: found.error },
        occurredAt: now,
      },
    ]);
    await noticeReplyChanged(tx, ws, { id: replyId, conversationId: found.conversation_id });
    return queued;
  });
}
