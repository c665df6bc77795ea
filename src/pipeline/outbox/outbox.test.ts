import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { addMention, seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { ChannelSendError } from '../../channels/channel.ts';
import { newId } from '../../store/ids.ts';
import {
  claimDueReplies,
  insertReply,
  requeueFailedReply,
} from '../../store/replies.repository.ts';
import { runOutboxOnce } from './outbox.ts';
import type { ReplySender, SenderResolver } from './outbox.ts';
import { createSenderResolver } from './senders.ts';

let database: TestDatabase;
let acme: SeededWorkspace;
const logger = pino({ level: 'silent' });
let clock = new Date('2026-11-23T12:00:00Z');
const now = () => clock;

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await seedWorkspace(database.store.db);
});
afterAll(async () => database?.close());

async function queueReply(network = 'bluesky') {
  const { conversationId, mentionId } = await addMention(database.store.db, acme, {
    network: network as 'bluesky',
  });
  const reply = await insertReply(database.store.db, {
    workspaceId: acme.workspaceId,
    conversationId,
    inReplyToMentionId: mentionId,
    authorId: acme.users.agent.id,
    network,
    text: 'Sorry about that! We are on it.',
    visibility: 'public',
    status: 'queued',
    idempotencyKey: newId(),
    now: clock,
  });
  return { reply: reply!, conversationId };
}

const replyRow = (id: string) =>
  database.store.db
    .selectFrom('replies')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** Sends this test's reply; replies left queued by earlier tests are not its business. */
const onlyFor =
  (replyId: string, sender: ReplySender): SenderResolver =>
  async (_db, reply) =>
    reply.id === replyId ? sender : { error: 'left over from an earlier test' };

describe('the outbox', () => {
  it('sends a queued reply once and records the first response on the conversation', async () => {
    const { reply, conversationId } = await queueReply();
    const sent: string[] = [];
    const sender: ReplySender = async (r) => {
      sent.push(r.idempotency_key);
      return { externalId: `net-${r.id}`, url: 'https://bsky.app/x' };
    };
    const resolveSender = async () => sender;
    await runOutboxOnce({ db: database.store.db, resolveSender, logger, now });
    await runOutboxOnce({ db: database.store.db, resolveSender, logger, now });
    expect(sent).toEqual([reply.idempotency_key]);
    expect(await replyRow(reply.id)).toMatchObject({
      status: 'sent',
      external_id: `net-${reply.id}`,
      attempts: 1,
    });
    const conversation = await database.store.db
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(conversation).toMatchObject({ needs_reply: false, first_responded_at: clock });
  });

  it('retries a retryable failure no sooner than Retry-After, then gives up with the reason', async () => {
    const { reply } = await queueReply();
    const sender: ReplySender = async () => {
      throw new ChannelSendError('rate limited', { retryable: true, retryAfterSeconds: 30 });
    };
    const resolveSender = async () => sender;
    await runOutboxOnce({ db: database.store.db, resolveSender, logger, now, random: () => 0 });
    const waiting = await replyRow(reply.id);
    expect(waiting.status).toBe('queued');
    expect(waiting.error).toBe('rate limited');
    expect(waiting.next_attempt_at!.getTime() - clock.getTime()).toBeGreaterThanOrEqual(30_000);
    // Not due yet: nothing happens.
    expect(await runOutboxOnce({ db: database.store.db, resolveSender, logger, now })).toBe(0);
    for (let attempt = 0; attempt < 3; attempt++) {
      clock = new Date(clock.getTime() + 3_600_000);
      await runOutboxOnce({ db: database.store.db, resolveSender, logger, now, maxAttempts: 3 });
    }
    const failed = await replyRow(reply.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/gave up after 3 attempts: rate limited/);
  });

  it('abandons a send that does not answer by its deadline: a retry that looks first', async () => {
    const { reply } = await queueReply();
    let signal: AbortSignal | undefined;
    const calls: string[] = [];
    const sender: ReplySender = Object.assign(
      (_r: unknown, options?: { signal?: AbortSignal }) => {
        calls.push('send');
        signal = options?.signal;
        // A receiver that never answers, and a client that ignores the abort.
        return new Promise<never>(() => {});
      },
      {
        findSent: async () => {
          calls.push('look');
          return { externalId: 'posted-before-the-deadline' };
        },
      },
    );
    const resolveSender = onlyFor(reply.id, sender);
    const run = { db: database.store.db, resolveSender, logger, now, sendTimeoutMs: 100 };
    await runOutboxOnce(run);
    expect(signal?.aborted).toBe(true);
    const waiting = await replyRow(reply.id);
    expect(waiting).toMatchObject({ status: 'queued', locked_until: null });
    expect(waiting.error).toMatch(/no answer within 1 s; the reply may have been posted/);
    // Retried no sooner than the deadline, so a late request lands before the retry looks.
    expect(waiting.next_attempt_at!.getTime() - clock.getTime()).toBeGreaterThanOrEqual(1000);
    clock = new Date(clock.getTime() + 3_600_000);
    await runOutboxOnce(run);
    expect(calls).toEqual(['send', 'look']);
    expect(await replyRow(reply.id)).toMatchObject({
      status: 'sent',
      external_id: 'posted-before-the-deadline',
    });
  });

  it('fails at once on a permanent error and records why', async () => {
    const { reply, conversationId } = await queueReply();
    const resolveSender = async () => async () => {
      throw new ChannelSendError('the post was deleted', { retryable: false });
    };
    await runOutboxOnce({ db: database.store.db, resolveSender, logger, now });
    expect(await replyRow(reply.id)).toMatchObject({
      status: 'failed',
      error: 'the post was deleted',
      attempts: 1,
    });
    const events = await database.store.db
      .selectFrom('events')
      .select(['type', 'data'])
      .where('conversation_id', '=', conversationId)
      .where('type', '=', 'reply.failed')
      .execute();
    expect(events).toEqual([
      { type: 'reply.failed', data: { replyId: reply.id, error: 'the post was deleted' } },
    ]);
  });

  it('sends through the simulated network for demo accounts, and says why when no account is connected', async () => {
    const { reply } = await queueReply();
    await runOutboxOnce({
      db: database.store.db,
      resolveSender: createSenderResolver(),
      logger,
      now,
    });
    expect(await replyRow(reply.id)).toMatchObject({
      status: 'sent',
      external_id: `simulated:${reply.id}`,
    });

    const orphan = await queueReply();
    await database.store.db
      .updateTable('mentions')
      .set({ channel_account_id: null })
      .where('id', '=', orphan.reply.in_reply_to_mention_id!)
      .execute();
    await runOutboxOnce({
      db: database.store.db,
      resolveSender: createSenderResolver(),
      logger,
      now,
    });
    const failed = await replyRow(orphan.reply.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/no bluesky account is connected/);
  });

  it('never hands one reply to two claimers, and takes it back when a lease expires', async () => {
    const { reply } = await queueReply();
    const [first, second] = await Promise.all([
      claimDueReplies(database.store.db, clock, 100, 60_000),
      claimDueReplies(database.store.db, clock, 100, 60_000),
    ]);
    const claimedIds = [...first, ...second].map((r) => r.id).filter((id) => id === reply.id);
    expect(claimedIds).toHaveLength(1);
    expect(await claimDueReplies(database.store.db, clock, 100, 60_000)).toEqual([]);
    const later = new Date(clock.getTime() + 61_000);
    const reclaimed = await claimDueReplies(database.store.db, later, 100, 60_000);
    expect(reclaimed.map((r) => r.id)).toContain(reply.id);
  });

  it('looks on the network before a retry and adopts a post an earlier attempt made, without sending', async () => {
    const { reply, conversationId } = await queueReply();
    const calls: string[] = [];
    const sender: ReplySender = Object.assign(
      async () => {
        calls.push('send');
        throw new ChannelSendError('the Graph API timed out', { retryable: true });
      },
      {
        findSent: async (r: { attempts: number }) => {
          calls.push(`look ${r.attempts}`);
          return { externalId: 'posted-by-attempt-1' };
        },
      },
    );
    const resolveSender = onlyFor(reply.id, sender);
    await runOutboxOnce({ db: database.store.db, resolveSender, logger, now, random: () => 0 });
    clock = new Date(clock.getTime() + 3_600_000);
    await runOutboxOnce({ db: database.store.db, resolveSender, logger, now });
    // The first attempt posts without looking; the retry looks and finds.
    expect(calls).toEqual(['send', 'look 2']);
    expect(await replyRow(reply.id)).toMatchObject({
      status: 'sent',
      external_id: 'posted-by-attempt-1',
      error: null,
    });
    const conversation = await database.store.db
      .selectFrom('conversations')
      .select('needs_reply')
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(conversation.needs_reply).toBe(false);
  });

  it('looks first on a reply queued again by hand after it failed (its attempts start again at 0)', async () => {
    const { reply } = await queueReply();
    const calls: string[] = [];
    // The post went out but the answer said otherwise, for good: the reply fails at once.
    const sender: ReplySender = Object.assign(
      async () => {
        calls.push('send');
        throw new ChannelSendError('Graph API error 100: the answer was garbled', {
          retryable: false,
        });
      },
      {
        findSent: async (r: { attempts: number }) => {
          calls.push(`look ${r.attempts}`);
          return { externalId: 'posted-before-it-failed' };
        },
      },
    );
    const resolveSender = onlyFor(reply.id, sender);
    await runOutboxOnce({ db: database.store.db, resolveSender, logger, now });
    expect(await replyRow(reply.id)).toMatchObject({ status: 'failed', requeued_at: null });
    await requeueFailedReply(database.store.db, reply.id, clock);
    await runOutboxOnce({ db: database.store.db, resolveSender, logger, now });
    expect(calls).toEqual(['send', 'look 1']);
    expect(await replyRow(reply.id)).toMatchObject({
      status: 'sent',
      external_id: 'posted-before-it-failed',
    });
  });

  it('sends on a retry when the lookup finds nothing, and retries later when the lookup fails', async () => {
    const { reply } = await queueReply();
    let lookup: 'fails' | 'finds nothing' = 'fails';
    let sends = 0;
    const sender: ReplySender = Object.assign(
      async () => {
        sends += 1;
        if (sends === 1) throw new ChannelSendError('no answer', { retryable: true });
        return { externalId: 'posted-once' };
      },
      {
        findSent: async () => {
          if (lookup === 'fails')
            throw new ChannelSendError('X answered HTTP 503', { retryable: true });
          return undefined;
        },
      },
    );
    const resolveSender = onlyFor(reply.id, sender);
    const run = async () => {
      clock = new Date(clock.getTime() + 3_600_000);
      await runOutboxOnce({ db: database.store.db, resolveSender, logger, now, random: () => 0 });
    };
    await run();
    await run();
    expect(sends).toBe(1);
    expect(await replyRow(reply.id)).toMatchObject({
      status: 'queued',
      attempts: 2,
      error: 'could not check whether an earlier attempt was posted: X answered HTTP 503',
    });
    lookup = 'finds nothing';
    await run();
    expect(sends).toBe(2);
    expect(await replyRow(reply.id)).toMatchObject({ status: 'sent', external_id: 'posted-once' });
  });
});
