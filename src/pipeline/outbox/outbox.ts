import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { ChannelSendError } from '../../channels/channel.ts';
import type { SendOptions, SentReply } from '../../channels/channel.ts';
import { recordReplySent } from '../../domain/conversation.ts';
import { notifyChanges } from '../../store/changes.ts';
import {
  findConversationForUpdate,
  saveTransition,
  toConversation,
} from '../../store/conversations.repository.ts';
import { appendEvents } from '../../store/events.repository.ts';
import {
  findMentionDeletedAt,
  findMentionOnNetwork,
} from '../../store/mention-changes.repository.ts';
import {
  claimDueReplies,
  markReplyFailed,
  markReplySent,
  rescheduleReply,
} from '../../store/replies.repository.ts';
import type { Database, ReplyRow } from '../../store/schema.ts';
import { backoffDelayMs } from '../backoff.ts';
import { applyMentionChanges } from '../intake/apply-mention-changes.ts';
import { refreshSlaClocks } from '../sla/sla-clock.ts';
import { isAcknowledgement } from '../sla/sla-intake.ts';

/**
 * Sends one reply on its network; throws ChannelSendError. Where the network takes no
 * idempotency key, `findSent` looks for the post an earlier attempt may already have made.
 */
export type ReplySender = ((reply: ReplyRow, options?: SendOptions) => Promise<SentReply>) & {
  findSent?: (reply: ReplyRow, options?: SendOptions) => Promise<SentReply | undefined>;
};

/** Finds how to send a reply, or says why it cannot be sent at all. */
export type SenderResolver = (
  db: Kysely<Database>,
  reply: ReplyRow,
) => Promise<ReplySender | { error: string }>;

export interface OutboxOptions {
  db: Kysely<Database>;
  resolveSender: SenderResolver;
  logger: Logger;
  now?: () => Date;
  batchSize?: number;
  /** How many replies of one channel account may be out at once, across processes. */
  perAccount?: number;
  /** How long a claimed reply stays ours; a worker that dies gives it back after this. */
  leaseMs?: number;
  /**
   * How long one attempt (lookup and send) may take before it is abandoned as a retryable
   * failure that may have posted; kept under half the lease, so no other worker re-claims a
   * reply still being sent.
   */
  sendTimeoutMs?: number;
  maxAttempts?: number;
  random?: () => number;
}

/**
 * Sends what is due once: claims a batch (SKIP LOCKED, so several processes share the work
 * without sending anything twice) and sends each. Returns how many replies it handled.
 */
export async function runOutboxOnce(options: OutboxOptions): Promise<number> {
  const claimed = await claimReplies(options, options.batchSize ?? 20);
  await Promise.all(claimed.map((reply) => deliverReply(options, reply)));
  return claimed.length;
}

/** Claims up to `limit` due replies, within each account's share. */
export function claimReplies(options: OutboxOptions, limit: number): Promise<ReplyRow[]> {
  const now = options.now ?? (() => new Date());
  return claimDueReplies(
    options.db,
    now(),
    limit,
    options.leaseMs ?? defaultLeaseMs,
    options.perAccount ?? 2,
  );
}

const defaultLeaseMs = 60_000;

/**
 * A reply tried before (a retry, or queued again by hand after it failed) may already be on the
 * network (the answer was lost, or a worker died mid-send and its lease ran out): where the
 * network takes no key, look first and adopt what is there. A lookup that fails is a failed
 * attempt, retried later, never a send: a late reply can still be sent, a duplicate post cannot
 * be taken back.
 */
async function sendOnce(
  sender: ReplySender,
  reply: ReplyRow,
  logger: Logger,
  signal: AbortSignal,
): Promise<SentReply> {
  // attempts counts claims: above 1, an earlier claim may have posted (even one whose worker
  // died before it could record anything).
  const triedBefore = reply.attempts > 1 || reply.requeued_at !== null;
  if (triedBefore && sender.findSent) {
    let found: SentReply | undefined;
    try {
      found = await sender.findSent(reply, { signal });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ChannelSendError(
        `could not check whether an earlier attempt was posted: ${message}`,
        {
          retryable: error instanceof ChannelSendError ? error.retryable : true,
          retryAfterSeconds:
            error instanceof ChannelSendError ? error.retryAfterSeconds : undefined,
          cause: error,
        },
      );
    }
    if (found) {
      logger.info({ replyId: reply.id, externalId: found.externalId }, 'reply was already posted');
      return found;
    }
  }
  return sender(reply, { signal });
}

/**
 * One attempt under a deadline: the signal aborts the channel's requests, and the outbox stops
 * waiting even for a client that ignores it. What timed out may have been posted, so it is a
 * retryable failure, retried no sooner than the deadline (letting a late request land before
 * the retry looks for it) and looked for first where the network takes no key.
 */
async function attempt(
  options: OutboxOptions,
  reply: ReplyRow,
): Promise<SentReply | { error: string }> {
  const timeoutMs = Math.min(
    options.sendTimeoutMs ?? 30_000,
    (options.leaseMs ?? defaultLeaseMs) / 2,
  );
  const seconds = Math.ceil(timeoutMs / 1000);
  const timedOut = new ChannelSendError(
    `no answer within ${seconds} s; the reply may have been posted, so the retry looks first`,
    { retryable: true, retryAfterSeconds: seconds },
  );
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException(timedOut.message, 'TimeoutError'));
      reject(timedOut);
    }, timeoutMs);
  });
  const run = (async () => {
    const deleted = await answeredPostDeleted(options.db, reply);
    if (deleted) return deleted;
    const sender = await options.resolveSender(options.db, reply);
    if ('error' in sender) return sender;
    return sendOnce(sender, reply, options.logger, controller.signal);
  })();
  try {
    return await Promise.race([run, deadline]);
  } catch (error) {
    // Whatever failure the abort caused, the reason is the deadline.
    throw controller.signal.aborted ? timedOut : error;
  } finally {
    clearTimeout(timer);
    run.catch(() => {});
  }
}

/**
 * A reply whose post the customer deleted after it was queued is never sent (the network would
 * refuse it or post it under nothing): it fails with the reason, and is not retried.
 */
async function answeredPostDeleted(
  db: Kysely<Database>,
  reply: ReplyRow,
): Promise<{ error: string } | undefined> {
  if (!reply.in_reply_to_mention_id) return undefined;
  const deletedAt = await findMentionDeletedAt(
    db,
    reply.workspace_id,
    reply.in_reply_to_mention_id,
  );
  if (!deletedAt) return undefined;
  const reason = `the customer deleted the post this reply answers (at ${deletedAt.toISOString()})`;
  // An earlier attempt that went unanswered may have posted: say so rather than "not sent".
  const triedBefore = reply.attempts > 1 || reply.requeued_at !== null;
  return {
    error: triedBefore
      ? `not sent again: ${reason}; an earlier attempt's outcome is unknown`
      : `not sent: ${reason}`,
  };
}

/** Sends one claimed reply and records the outcome (sent, retry later, or failed). */
export async function deliverReply(options: OutboxOptions, reply: ReplyRow): Promise<void> {
  const { db, logger } = options;
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 8;
  let outcome:
    | { sent: SentReply }
    | { retryInMs: number; error: string }
    | { failed: string; postGone?: boolean };
  try {
    const answer = await attempt(options, reply);
    outcome = 'error' in answer ? { failed: answer.error } : { sent: answer };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retryable = error instanceof ChannelSendError ? error.retryable : true;
    if (error instanceof ChannelSendError && error.postGone) {
      // The network says the post is gone (polling hears no deletions): never sent, and the
      // post is marked deleted so the agent sees why and no other reply is queued to it.
      outcome = { failed: `not sent: ${message}`, postGone: true };
    } else if (retryable && reply.attempts < maxAttempts) {
      const asked = error instanceof ChannelSendError ? error.retryAfterSeconds : undefined;
      outcome = {
        retryInMs: Math.max(
          asked !== undefined ? asked * 1000 : 0,
          backoffDelayMs(reply.attempts, options.random),
        ),
        error: message,
      };
    } else {
      outcome = {
        failed: retryable ? `gave up after ${reply.attempts} attempts: ${message}` : message,
      };
    }
  }

  await db.transaction().execute(async (tx) => {
    const at = now();
    if ('sent' in outcome) {
      await markReplySent(tx, reply.id, {
        externalId: outcome.sent.externalId,
        url: outcome.sent.url ?? null,
        sentAt: at,
      });
      const row = await findConversationForUpdate(tx, reply.workspace_id, reply.conversation_id);
      // An out-of-hours acknowledgement is no answer: the customer still waits for a person.
      if (row && !isAcknowledgement(reply)) {
        const transition = recordReplySent(
          toConversation(row),
          { id: reply.id, sentAt: at },
          reply.author_id ? { type: 'user', id: reply.author_id } : { type: 'system' },
          at,
        );
        if (transition.ok) await saveTransition(tx, transition);
        await refreshSlaClocks(tx, reply.workspace_id, [reply.conversation_id], at);
      }
    } else if ('retryInMs' in outcome) {
      await rescheduleReply(
        tx,
        reply.id,
        outcome.error,
        new Date(at.getTime() + outcome.retryInMs),
        at,
      );
    } else {
      await markReplyFailed(tx, reply.id, outcome.failed, at);
      if ('postGone' in outcome && reply.in_reply_to_mention_id) {
        const post = await findMentionOnNetwork(
          tx,
          reply.workspace_id,
          reply.in_reply_to_mention_id,
        );
        if (post)
          await applyMentionChanges(
            tx,
            { workspaceId: reply.workspace_id, network: post.network },
            [{ externalId: post.externalId, kind: 'deleted', at }],
          );
      }
      await appendEvents(tx, reply.workspace_id, [
        {
          type: 'reply.failed',
          actor: { type: 'system' },
          conversationId: reply.conversation_id,
          data: { replyId: reply.id, error: outcome.failed },
          occurredAt: at,
        },
      ]);
      logger.warn({ replyId: reply.id, error: outcome.failed }, 'reply failed');
    }
    await notifyChanges(tx, [
      {
        type: 'reply.updated',
        workspaceId: reply.workspace_id,
        conversationId: reply.conversation_id,
        replyId: reply.id,
      },
    ]);
  });
}
