import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { ChannelSendError } from '../channels/channel.ts';
import type { SentReply } from '../channels/channel.ts';
import { recordReplySent } from '../domain/conversation.ts';
import { notifyChanges } from '../store/changes.ts';
import {
  findConversationForUpdate,
  saveTransition,
  toConversation,
} from '../store/conversations.repository.ts';
import { appendEvents } from '../store/events.repository.ts';
import {
  claimDueReplies,
  markReplyFailed,
  markReplySent,
  rescheduleReply,
} from '../store/replies.repository.ts';
import type { Database, ReplyRow } from '../store/schema.ts';
import { backoffDelayMs } from './backoff.ts';
import { refreshSlaClocks } from './sla-clock.ts';
import { isAcknowledgement } from './sla-intake.ts';

/**
 * Sends one reply on its network; throws ChannelSendError. Where the network takes no
 * idempotency key, `findSent` looks for the post an earlier attempt may already have made.
 */
export type ReplySender = ((reply: ReplyRow) => Promise<SentReply>) & {
  findSent?: (reply: ReplyRow) => Promise<SentReply | undefined>;
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
  /** How long a claimed reply stays ours; a worker that dies gives it back after this. */
  leaseMs?: number;
  maxAttempts?: number;
  random?: () => number;
}

/**
 * Sends what is due once: claims a batch (SKIP LOCKED, so several processes share the work
 * without sending anything twice) and sends each. Returns how many replies it handled.
 */
export async function runOutboxOnce(options: OutboxOptions): Promise<number> {
  const now = options.now ?? (() => new Date());
  const claimed = await claimDueReplies(
    options.db,
    now(),
    options.batchSize ?? 20,
    options.leaseMs ?? 60_000,
  );
  await Promise.all(claimed.map((reply) => deliver(options, reply, now)));
  return claimed.length;
}

/**
 * A reply tried before (a retry, or queued again by hand after it failed) may already be on the
 * network (the answer was lost, or a worker died mid-send and its lease ran out): where the
 * network takes no key, look first and adopt what is there. A lookup that fails is a failed
 * attempt, retried later, never a send: a late reply can still be sent, a duplicate post cannot
 * be taken back.
 */
async function sendOnce(sender: ReplySender, reply: ReplyRow, logger: Logger): Promise<SentReply> {
  const triedBefore = reply.attempts > 1 || reply.requeued_at !== null;
  if (triedBefore && sender.findSent) {
    let found: SentReply | undefined;
    try {
      found = await sender.findSent(reply);
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
  return sender(reply);
}

async function deliver(options: OutboxOptions, reply: ReplyRow, now: () => Date): Promise<void> {
  const { db, logger } = options;
  const maxAttempts = options.maxAttempts ?? 8;
  let outcome: { sent: SentReply } | { retryInMs: number; error: string } | { failed: string };
  try {
    const sender = await options.resolveSender(db, reply);
    if ('error' in sender) {
      outcome = { failed: sender.error };
    } else {
      outcome = { sent: await sendOnce(sender, reply, logger) };
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retryable = error instanceof ChannelSendError ? error.retryable : true;
    if (retryable && reply.attempts < maxAttempts) {
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
