import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isImportedNetwork } from '../../domain/answered-elsewhere.ts';
import { allowsPrivateReply } from '../../domain/network.ts';
import type { ReplyVisibility } from '../../domain/network.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { findInboxItem } from '../../store/inbox.queries.ts';
import { findLatestCustomerMention, findMentionForReply } from '../../store/mentions.repository.ts';
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
  /** The post answered (a mention of this conversation); the customer's newest by default. */
  inReplyTo?: string | undefined;
}

/**
 * Stores a reply to the customer for the outbox to send (or as a draft, or held for a lead's
 * approval), answering the post the agent chose or else the newest thing the customer said that
 * is still on the network. A post its author deleted is never answered. The same Idempotency-Key gives back
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
    const answered = await chooseAnswered(tx, ws, conversationId, draft.inReplyTo);
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

/**
 * The post a reply answers: the one chosen, if it is in this conversation and still on the
 * network, or else the customer's newest post still there. Another conversation's or workspace's
 * post is refused alike, so an id tells nothing about what else exists.
 */
async function chooseAnswered(
  tx: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
  inReplyTo: string | undefined,
): Promise<{ id: string } | undefined> {
  if (inReplyTo === undefined) {
    const latest = await findLatestCustomerMention(tx, workspaceId, conversationId);
    if (latest) return latest;
    const all = await findLatestCustomerMention(tx, workspaceId, conversationId, {
      withDeleted: true,
    });
    if (all) throw deletedTarget(all.author_handle, null);
    return undefined;
  }
  const chosen = await findMentionForReply(tx, workspaceId, inReplyTo);
  if (!chosen || chosen.conversation_id !== conversationId) {
    throw new AppError('reply_target_not_found', 'inReplyTo names no post of this conversation', {
      field: 'inReplyTo',
    });
  }
  if (chosen.deleted_at) throw deletedTarget(chosen.author_handle, chosen.deleted_at);
  return chosen;
}

function deletedTarget(handle: string, deletedAt: Date | null): AppError {
  const when = deletedAt ? ` at ${deletedAt.toISOString()}` : '';
  return new AppError(
    'reply_target_deleted',
    deletedAt
      ? `@${handle} deleted this post on the network${when}; it cannot be answered. Reply to another post in the thread, or send a private message if the network allows it.`
      : `every post the customer wrote in this conversation was deleted on the network; there is nothing left to answer`,
    { field: 'inReplyTo', deletedAt: deletedAt?.toISOString() ?? null },
  );
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
    (existing.status === 'draft') === draft.draft &&
    (draft.inReplyTo === undefined || existing.in_reply_to_mention_id === draft.inReplyTo);
  if (!sameRequest) {
    throw new AppError(
      'idempotency_key_reused',
      'this Idempotency-Key was already used for a reply with other content',
    );
  }
  return existing;
}
