import type { Kysely } from 'kysely';
import type { DomainEvent } from '../../domain/events.ts';
import { insertReply } from '../../store/replies.repository.ts';
import type { Database } from '../../store/schema.ts';

/** A routing rule's automatic reply to the mention that opened a conversation. */
export interface AutoReply {
  conversationId: string;
  mentionId: string;
  network: string;
  isPrivate: boolean;
  ruleId: string;
  text: string;
}

/** The key that makes a rule's automatic reply go out once per conversation, whatever retries. */
const autoReplyKey = (reply: Pick<AutoReply, 'conversationId' | 'ruleId'>) =>
  `routing:${reply.conversationId}:${reply.ruleId}`;

/**
 * Queues automatic replies in the outbox, answering where the customer wrote (in private for a
 * private message), and returns the `reply.queued` events for the ones that are new.
 */
export async function queueAutoReplies(
  db: Kysely<Database>,
  workspaceId: string,
  replies: readonly AutoReply[],
  now: Date,
): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (const reply of replies) {
    const queued = await insertReply(db, {
      workspaceId,
      conversationId: reply.conversationId,
      inReplyToMentionId: reply.mentionId,
      authorId: null,
      network: reply.network,
      text: reply.text,
      visibility: reply.isPrivate ? 'private' : 'public',
      status: 'queued',
      idempotencyKey: autoReplyKey(reply),
      now,
    });
    if (queued)
      events.push({
        type: 'reply.queued',
        actor: { type: 'system' },
        conversationId: reply.conversationId,
        data: { replyId: queued.id, ruleId: reply.ruleId, automatic: true },
        occurredAt: now,
      });
  }
  return events;
}
