import type { MessageSkipReason } from '../../domain/campaign-messages.ts';
import { defaultWinnerTemplate } from '../../domain/campaign-messages.ts';
import { replyLengthLimit } from '../../domain/network.ts';
import { countGraphemes } from '../../domain/tone-check.ts';
import { insertCampaignMessage } from '../../store/campaign-messages.repository.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { AppError } from '../app-error.ts';
import { sendKeyedReply } from '../replies/send-keyed-reply.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';
import { loadMessageReview } from './campaign-message-review.ts';
import type { MessageRecipient } from './campaign-message-review.ts';

type Ids = { campaignId: string; drawId: string };
export type MessageOutcome = { sent: number; notSent: number; alreadyRecorded: number };

/**
 * Announces a draw's result: `text` goes as a public reply on each of the campaign's own posts
 * that was heard, through the one reply use case (approval rules, outbox, retries). A post not
 * heard, deleted or on a network without replies is recorded as not announced, with why.
 */
export async function announceDraw(
  context: UseCaseContext,
  ids: Ids,
  text: string,
): Promise<MessageOutcome> {
  const review = await reviewOf(context, ids);
  const chosen = review.announcements.map((recipient) => ({ recipient, text }));
  return sendAll(context, ids, chosen);
}

/**
 * Messages a draw's winners: each reviewed text goes as a public reply on the winner's counted
 * share (their newest still on the network). A winner who cannot be reached, or was messaged
 * for an earlier draw, is recorded as not messaged, with why; one recorded already is left alone.
 */
export async function messageWinners(
  context: UseCaseContext,
  ids: Ids,
  messages: readonly { recipient: string; text: string }[],
): Promise<MessageOutcome> {
  const review = await reviewOf(context, ids);
  const chosen = messages.map(({ recipient, text }) => {
    const winner = review.winners.find((w) => w.recipient === recipient);
    if (!winner) {
      throw new AppError('validation_failed', 'this draw has no winner with this id', {
        field: 'messages',
        recipient,
      });
    }
    return { recipient: winner, text };
  });
  return sendAll(context, ids, chosen);
}

/** The draw's recipients as they stand (the texts sent are the reviewed ones, not drafts). */
export function reviewOf(context: UseCaseContext, ids: Ids) {
  return loadMessageReview(context.store, context.workspaceId, ids, defaultWinnerTemplate);
}

/** Checks every text first (a too-long one sends none), then sends and records each. */
async function sendAll(
  context: UseCaseContext,
  ids: Ids,
  chosen: readonly { recipient: MessageRecipient; text: string }[],
): Promise<MessageOutcome> {
  for (const { recipient, text } of chosen) checkFits(recipient, text);
  const outcome: MessageOutcome = { sent: 0, notSent: 0, alreadyRecorded: 0 };
  for (const { recipient, text } of chosen) {
    outcome[await sendOne(context, ids, recipient, text)]++;
  }
  if (outcome.sent + outcome.notSent > 0) {
    await appendEvents(context.store.db, context.workspaceId, [
      {
        type: 'campaign.messages_sent',
        actor: userActor(context),
        conversationId: null,
        data: { ...ids, kind: chosen[0]!.recipient.kind, ...outcome },
        occurredAt: context.now,
      },
    ]);
  }
  return outcome;
}

/** Sends one message (or records why it cannot be sent); says which it was. */
async function sendOne(
  context: UseCaseContext,
  ids: Ids,
  recipient: MessageRecipient,
  text: string,
): Promise<keyof MessageOutcome> {
  if (recipient.message) return 'alreadyRecorded';
  const record = async (sent: { replyId: string } | { reason: MessageSkipReason }) => {
    const added = await insertCampaignMessage(context.store.db, {
      workspaceId: context.workspaceId,
      ...ids,
      kind: recipient.kind,
      network: recipient.network,
      recipient: recipient.recipient,
      recipientHandle: recipient.handle,
      mentionId: recipient.post?.id ?? null,
      sent,
      userId: context.userId,
      now: context.now,
    });
    if (!added) return 'alreadyRecorded';
    return 'replyId' in sent ? 'sent' : 'notSent';
  };
  const post = recipient.post;
  if (recipient.cannotSend || !post)
    return record({ reason: recipient.cannotSend ?? 'post_not_heard' });
  // Fixed per draw and recipient: a retry after a failure between sending and recording finds
  // the same reply instead of sending a second (ADR 0008's pattern).
  const key = `campaign-${recipient.kind}:${ids.drawId}:${recipient.network}:${recipient.recipient}`;
  // null: the post went between the review and the send; not sent, and why.
  const replyId = await sendKeyedReply(context, {
    conversationId: post.conversationId,
    text,
    visibility: 'public',
    idempotencyKey: key,
    inReplyTo: post.id,
  });
  return record(replyId ? { replyId } : { reason: 'post_deleted' });
}

function checkFits(recipient: MessageRecipient, text: string): void {
  if (recipient.cannotSend || recipient.message || !recipient.post) return;
  const who = recipient.handle ? `@${recipient.handle}` : `the post ${recipient.recipient}`;
  if (text.trim() === '') {
    throw new AppError('validation_failed', `the message to ${who} needs words`, {
      field: 'text',
      recipient: recipient.recipient,
    });
  }
  const limit = replyLengthLimit(recipient.network, 'public');
  const length = countGraphemes(text);
  if (limit !== null && length > limit) {
    throw new AppError(
      'validation_failed',
      `the message to ${who} is ${length} characters; a public reply on ${recipient.network} takes ${limit}`,
      { field: 'text', recipient: recipient.recipient, length, limit },
    );
  }
}
