import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isImportedNetwork } from '../../domain/answered-elsewhere.ts';
import { allowsPrivateReply } from '../../domain/network.ts';
import type { ReplyVisibility } from '../../domain/network.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { findInboxItem } from '../../store/inbox.queries.ts';
import { findLatestCustomerMention } from '../../store/mentions.repository.ts';
import { findReplyByIdempotencyKey, insertReply } from '../../store/replies.repository.ts';
import type { Database, ReplyRow } from '../../store/schema.ts';
import { AppError } from '../app-error.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';
import { approvalGate, holdForApproval } from './approval-gate.ts';
import { noticeReplyChanged } from './reply-notice.ts';

/** What the agent wrote, and the client's Idempotency-Key if it sent one. */
interface ReplyDraft {
  conversationId: string;
  text: string;
  visibility: ReplyVisibility;
  /** Kept as a draft: neither sent nor checked for approval. */
  draft: boolean;
  idempotencyKey: string | undefined;
}

/**
 * Stores a reply to the customer for the outbox to send (or as a draft, or held for a lead's
 * approval), answering to the newest thing the customer said. The same Idempotency-Key gives back
 * the reply it made (`created: false`) instead of a second one.
 */
export async function sendReply(
  context: UseCaseContext,
  draft: ReplyDraft,
): Promise<{ reply: ReplyRow; created: boolean }> {
  const { workspaceId: ws, userId, now } = context;
  const { conversationId } = draft;
  // Keys are namespaced by workspace so one tenant's key can never collide with another's.
  const idempotencyKey = `${ws}:${draft.idempotencyKey ?? randomUUID()}`;
  return context.store.db.transaction().execute(async (tx) => {
    const conversation = await findInboxItem(tx, ws, conversationId);
    if (!conversation) throw new AppError('conversation_not_found', 'no such conversation');
    // An imported conversation has no account to answer with: a reply could only fail.
    if (isImportedNetwork(conversation.network))
      throw new AppError(
        'validation_failed',
        'an imported conversation cannot be answered from Earshot: answer on the network, then mark it answered elsewhere',
        { network: conversation.network },
      );
    if (draft.visibility === 'private' && !allowsPrivateReply(conversation.network)) {
      throw new AppError(
        'validation_failed',
        `${conversation.network} takes no private replies from Earshot; send a public reply instead`,
        { field: 'visibility', network: conversation.network },
      );
    }
    const answered = await findLatestCustomerMention(tx, ws, conversationId);
    // Replies by chosen agents, or flagged by the tone check, may need a lead's approval first.
    const gate = draft.draft
      ? undefined
      : await approvalGate(tx, ws, {
          authorId: userId,
          text: draft.text,
          network: conversation.network,
          visibility: draft.visibility,
          answersComplaint: conversation.sentiment === 'negative',
        });
    const reply = await insertReply(tx, {
      workspaceId: ws,
      conversationId,
      inReplyToMentionId: answered?.id ?? null,
      authorId: userId,
      network: conversation.network,
      text: draft.text,
      visibility: draft.visibility,
      status: draft.draft ? 'draft' : gate?.reasons.length ? 'awaiting_approval' : 'queued',
      idempotencyKey,
      now,
    });
    if (!reply) return { reply: await replyOfKey(tx, ws, idempotencyKey, draft), created: false };
    if (reply.status === 'awaiting_approval' && gate) {
      await holdForApproval(tx, ws, { id: reply.id, conversationId, authorId: userId }, gate, now);
    }
    if (reply.status === 'queued') {
      await appendEvents(tx, ws, [
        {
          type: 'reply.queued',
          actor: userActor(context),
          conversationId,
          data: { replyId: reply.id },
          occurredAt: now,
        },
      ]);
    }
    await noticeReplyChanged(tx, ws, { id: reply.id, conversationId });
    return { reply, created: true };
  });
}

/** The reply an earlier request with this key made, if it asked for the very same reply. */
async function replyOfKey(
  tx: Kysely<Database>,
  workspaceId: string,
  idempotencyKey: string,
  draft: ReplyDraft,
): Promise<ReplyRow> {
  const existing = await findReplyByIdempotencyKey(tx, workspaceId, idempotencyKey);
  if (!existing || existing.conversation_id !== draft.conversationId) {
    throw new AppError('conflict', 'this Idempotency-Key was already used for another request');
  }
  // The same key must mean the same reply: a retry with other words is a mistake to report,
  // not a request to drop silently (as the IETF Idempotency-Key draft says).
  const sameRequest =
    existing.text === draft.text &&
    existing.visibility === draft.visibility &&
    (existing.status === 'draft') === draft.draft;
  if (!sameRequest) {
    throw new AppError(
      'idempotency_key_reused',
      'this Idempotency-Key was already used for a reply with other content',
    );
  }
  return existing;
}
