import { replyLengthLimit } from '../../domain/network.ts';
import type { NoticeSkipReason, NoticeStatus } from '../../domain/idea-notices.ts';
import { countGraphemes } from '../../domain/tone-check.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { insertIdeaNotice } from '../../store/idea-notices.repository.ts';
import { AppError } from '../app-error.ts';
import { sendKeyedReply } from '../replies/send-keyed-reply.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';
import { loadNoticeReview } from './idea-notice-review.ts';
import type { NoticeRecipient } from './idea-notice-review.ts';

/** A notice the agent reviewed: the thread, and the words they settled on. */
interface ReviewedNotice {
  conversationId: string;
  text: string;
}

/**
 * Tells customers that an idea reached `status` (which must still be the idea's status): each
 * reviewed notice goes as a reply through the one reply use case, so approval rules, the outbox,
 * private threads and deleted posts are handled exactly as for any reply. Each thread is recorded
 * as told (with its reply) or not told (with why). A thread already recorded for this status is
 * left alone; the reply's Idempotency-Key is the idea, status and thread, so a retry after a
 * failure between sending and recording finds the same reply instead of sending a second.
 */
export async function tellIdeaCustomers(
  context: UseCaseContext,
  ideaId: string,
  request: { status: string; notices: ReviewedNotice[] },
): Promise<{ told: number; notTold: number; alreadyRecorded: number }> {
  const review = await loadNoticeReview(context.store.db, context, ideaId);
  // A thread the idea does not hold is not found, whatever the status: ids tell nothing.
  const chosen = request.notices.map((notice) => ({
    ...notice,
    recipient: recipientOf(review.recipients, notice.conversationId),
  }));
  if (review.status === null || review.status !== request.status) {
    throw new AppError(
      'invalid_transition',
      `the idea is ${review.idea.status} now; customers can be told only of its current status`,
      { status: review.idea.status },
    );
  }
  const status = review.status;
  for (const { recipient, text } of chosen) checkFits(recipient, text);
  const outcome = { told: 0, notTold: 0, alreadyRecorded: 0 };
  for (const { recipient, text } of chosen) {
    outcome[await tellThread(context, { ideaId, status }, recipient, text)]++;
  }
  if (outcome.told + outcome.notTold > 0) {
    await appendEvents(context.store.db, context.workspaceId, [
      {
        type: 'idea.customers_told',
        actor: userActor(context),
        conversationId: null,
        data: { ideaId, status, told: outcome.told, notTold: outcome.notTold },
        occurredAt: context.now,
      },
    ]);
  }
  return outcome;
}

/** Tells one thread (or records why it cannot be told); says which it was. */
async function tellThread(
  context: UseCaseContext,
  idea: { ideaId: string; status: NoticeStatus },
  recipient: NoticeRecipient,
  text: string,
): Promise<'told' | 'notTold' | 'alreadyRecorded'> {
  if (recipient.notice) return 'alreadyRecorded';
  const record = async (told: { replyId: string } | { reason: NoticeSkipReason }) => {
    const added = await insertIdeaNotice(context.store.db, {
      workspaceId: context.workspaceId,
      ideaId: idea.ideaId,
      ideaStatus: idea.status,
      conversationId: recipient.conversationId,
      mentionId: recipient.post.id,
      told,
      userId: context.userId,
      now: context.now,
    });
    if (!added) return 'alreadyRecorded';
    return 'replyId' in told ? 'told' : 'notTold';
  };
  if (recipient.cannotTell) return record({ reason: recipient.cannotTell });
  const key = `idea-notice:${idea.ideaId}:${idea.status}:${recipient.conversationId}`;
  // null: the post went between the review and the send; the customer is not told, and why.
  const replyId = await sendKeyedReply(context, {
    conversationId: recipient.conversationId,
    text,
    visibility: recipient.visibility,
    idempotencyKey: key,
    inReplyTo: recipient.post.id,
  });
  return record(replyId ? { replyId } : { reason: 'post_deleted' });
}

function recipientOf(recipients: NoticeRecipient[], conversationId: string): NoticeRecipient {
  const recipient = recipients.find((r) => r.conversationId === conversationId);
  if (!recipient) {
    throw new AppError('conversation_not_found', 'no conversation of this idea has this id', {
      field: 'notices',
      conversationId,
    });
  }
  return recipient;
}

/** Every notice is checked before any is sent, so a too-long one sends none. */
function checkFits(recipient: NoticeRecipient, text: string): void {
  if (recipient.cannotTell || recipient.notice) return;
  if (text.trim() === '')
    throw new AppError('validation_failed', 'a notice needs words', {
      field: 'text',
      conversationId: recipient.conversationId,
    });
  const limit = replyLengthLimit(recipient.post.network, recipient.visibility);
  const length = countGraphemes(text);
  if (limit !== null && length > limit)
    throw new AppError(
      'validation_failed',
      `the notice to @${recipient.post.authorHandle} is ${length} characters; a ${recipient.visibility} reply on ${recipient.post.network} takes ${limit}`,
      { field: 'text', conversationId: recipient.conversationId, length, limit },
    );
}
