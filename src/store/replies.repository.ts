import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { newId } from './ids.ts';
import type { Database, ReplyRow } from './schema.ts';

export async function insertReply(
  db: Kysely<Database>,
  reply: {
    workspaceId: string;
    conversationId: string;
    inReplyToMentionId: string | null;
    authorId: string | null;
    network: string;
    text: string;
    visibility: 'public' | 'private';
    status: 'draft' | 'queued' | 'awaiting_approval';
    idempotencyKey: string;
    now: Date;
  },
): Promise<ReplyRow | undefined> {
  return db
    .insertInto('replies')
    .values({
      id: newId(),
      workspace_id: reply.workspaceId,
      conversation_id: reply.conversationId,
      in_reply_to_mention_id: reply.inReplyToMentionId,
      author_id: reply.authorId,
      network: reply.network,
      text: reply.text,
      visibility: reply.visibility,
      status: reply.status,
      idempotency_key: reply.idempotencyKey,
      next_attempt_at: reply.status === 'queued' ? reply.now : null,
      created_at: reply.now,
      updated_at: reply.now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findReplyByIdempotencyKey(
  db: Kysely<Database>,
  workspaceId: string,
  key: string,
) {
  return db
    .selectFrom('replies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function listConversationReplies(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
) {
  return db
    .selectFrom('replies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Claims up to `limit` queued replies that are due, for `leaseMs`. Rows another worker holds are
 * skipped (SKIP LOCKED), and the lease means a worker that dies mid-send gives its rows back.
 */
export async function claimDueReplies(
  db: Kysely<Database>,
  now: Date,
  limit: number,
  leaseMs: number,
) {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db
    .updateTable('replies')
    .set({ locked_until: leaseUntil, attempts: sql`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('replies')
        .select('id')
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<=', now)]))
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export async function markReplySent(
  db: Kysely<Database>,
  replyId: string,
  sent: { externalId: string; url: string | null; sentAt: Date },
): Promise<void> {
  await db
    .updateTable('replies')
    .set({
      status: 'sent',
      external_id: sent.externalId,
      url: sent.url,
      sent_at: sent.sentAt,
      error: null,
      locked_until: null,
      next_attempt_at: null,
      updated_at: sent.sentAt,
    })
    .where('id', '=', replyId)
    .execute();
}

export async function markReplyFailed(
  db: Kysely<Database>,
  replyId: string,
  error: string,
  now: Date,
) {
  await db
    .updateTable('replies')
    .set({ status: 'failed', error, locked_until: null, next_attempt_at: null, updated_at: now })
    .where('id', '=', replyId)
    .execute();
}

export async function rescheduleReply(
  db: Kysely<Database>,
  replyId: string,
  error: string,
  at: Date,
  now: Date,
) {
  await db
    .updateTable('replies')
    .set({ error, next_attempt_at: at, locked_until: null, updated_at: now })
    .where('id', '=', replyId)
    .execute();
}

/** One reply of the workspace, locked for a change of its delivery state. */
export async function findReplyForUpdate(
  db: Kysely<Database>,
  workspaceId: string,
  replyId: string,
) {
  return db
    .selectFrom('replies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', replyId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Queues a failed reply again, as it was: same text and idempotency key (so a network that
 * did receive it never posts it twice), a fresh count of attempts, due now, marked as requeued
 * (so the outbox looks for an earlier attempt's post on networks that take no key).
 */
export async function requeueFailedReply(db: Kysely<Database>, replyId: string, now: Date) {
  return db
    .updateTable('replies')
    .set({
      status: 'queued',
      error: null,
      attempts: 0,
      requeued_at: now,
      next_attempt_at: now,
      locked_until: null,
      updated_at: now,
    })
    .where('id', '=', replyId)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
}
