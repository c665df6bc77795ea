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
 * Claims up to `limit` queued replies that are due, for `leaseMs`, at most `perAccount` per
 * channel account counting those already out (leased by any process): a stalled account holds
 * its own replies back, never another's. Rows another worker holds are skipped (SKIP LOCKED),
 * and the lease means a worker that dies mid-send gives its rows back. Replies whose mention
 * has no account (they fail at once) each count alone.
 */
export async function claimDueReplies(
  db: Kysely<Database>,
  now: Date,
  limit: number,
  leaseMs: number,
  perAccount = 2,
) {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  // FOR UPDATE cannot sit beside a window function: pick the candidates first, then lock those
  // still due and free (the pick may be stale by then; the lock re-checks).
  const candidates = sql<string>`(
    with out_now as (
      select m.channel_account_id, count(*) as sending
      from replies r join mentions m on m.id = r.in_reply_to_mention_id
      where r.status = 'queued' and r.locked_until > ${now}
      group by m.channel_account_id
    ), due as (
      select r.id, r.next_attempt_at, m.channel_account_id,
        row_number() over (
          partition by m.channel_account_id,
            case when m.channel_account_id is null then r.id end
          order by r.next_attempt_at, r.id
        ) as place
      from replies r left join mentions m on m.id = r.in_reply_to_mention_id
      where r.status = 'queued' and r.next_attempt_at <= ${now}
        and (r.locked_until is null or r.locked_until <= ${now})
    )
    select due.id from due
    left join out_now on out_now.channel_account_id = due.channel_account_id
    where due.place + coalesce(out_now.sending, 0) <= ${perAccount}
    order by due.next_attempt_at, due.id
    limit ${limit}
  )`;
  return db
    .updateTable('replies')
    .set({ locked_until: leaseUntil, attempts: sql`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('replies')
        .select('id')
        .where('id', 'in', candidates)
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<=', now)]))
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
