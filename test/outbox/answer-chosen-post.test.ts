import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendReply } from '../../src/app/replies/send-reply.ts';
import { applyMentionChanges } from '../../src/pipeline/intake/apply-mention-changes.ts';
import {
  connectChannel,
  createChannelRegistry,
  createNetworkSenders,
} from '../../src/pipeline/intake/channel-registry.ts';
import { runOutboxOnce, type SenderResolver } from '../../src/pipeline/outbox/outbox.ts';
import { createSenderResolver } from '../../src/pipeline/outbox/senders.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { localEgress } from '../helpers/egress.ts';
import { addMention, seedWorkspace, type SeededWorkspace } from '../helpers/seed.ts';
import { useCaseContextOf } from '../helpers/use-case.ts';
import { mastodonDialect, xDialect } from './network-dialects.ts';
import { startPostingNetwork, type PostingNetwork } from './posting-network.ts';

const logger = pino({ level: 'silent' });
const clock = new Date('2026-12-01T10:00:00Z');
const xUserId = '2244994945';
const mastodonAccountId = '109300000000000001';

describe.each(['mastodon', 'x'] as const)('answering the chosen post on %s', (network) => {
  let database: TestDatabase;
  let seeded: SeededWorkspace;
  let platform: PostingNetwork;
  let resolveSender: SenderResolver;
  let posts = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    platform = await startPostingNetwork({
      dialect:
        network === 'x'
          ? xDialect({ id: xUserId, username: 'NorthwindHelp' })
          : mastodonDialect({ id: mastodonAccountId, acct: 'northwind' }),
      accountId: network === 'x' ? xUserId : mastodonAccountId,
      now: () => clock,
    });
    const services = {
      registry: createChannelRegistry({
        egress: localEgress,
        x: { httpAgent: platform.httpsAgent(), timeoutMs: 1000 },
        mastodon: { timeoutMs: 1000 },
      }),
      secretKey: randomBytes(32),
    };
    const workspace = await seedWorkspace(database.store.db, `Chosen post on ${network}`);
    const connected = await connectChannel(database.store.db, services, {
      workspaceId: workspace.workspaceId,
      brandId: workspace.brandId,
      network,
      name: 'Northwind',
      credentials:
        network === 'x'
          ? { accessToken: 'token', userId: xUserId }
          : { instanceUrl: platform.url, accessToken: 'token', streaming: false },
    });
    if (!connected.ok) throw new Error(connected.message);
    seeded = { ...workspace, channelAccountId: connected.account.id };
    resolveSender = createSenderResolver(createNetworkSenders(database.store.db, services));
  });
  afterAll(async () => {
    await platform?.close();
    await database?.close();
  });

  const postId = () => `11350${10 ** 12 + (posts += 1)}`;

  /** A customer's post, then a second customer's reply inside the first one's thread. */
  async function sharedThread() {
    const first = await addMention(database.store.db, seeded, {
      network,
      externalId: postId(),
      text: 'My order never arrived',
      author: { externalId: `a${posts}`, handle: `ana${posts}`, followers: 5 },
      postedAt: new Date(clock.getTime() - 120_000),
    });
    const second = await addMention(database.store.db, seeded, {
      network,
      externalId: postId(),
      parentExternalId: first.mention.externalId,
      rootExternalId: first.mention.externalId,
      text: 'Same here, mine is late too',
      author: { externalId: `b${posts}`, handle: `ben${posts}`, followers: 5 },
      postedAt: new Date(clock.getTime() - 60_000),
    });
    expect(second.conversationId).toBe(first.conversationId);
    return { conversationId: first.conversationId, first, second };
  }

  const reply = (conversationId: string, text: string, inReplyTo?: string) =>
    sendReply(useCaseContextOf(database, seeded, 'agent', clock), {
      conversationId,
      text,
      visibility: 'public',
      draft: false,
      idempotencyKey: undefined,
      inReplyTo,
    });

  const deliver = (at = clock) =>
    runOutboxOnce({ db: database.store.db, resolveSender, logger, now: () => at, random: () => 0 });

  const replyRow = (id: string) =>
    database.store.db
      .selectFrom('replies')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('sends each reply under the post the agent chose, and the default under the newest', async () => {
    const { conversationId, first, second } = await sharedThread();
    const toFirst = await reply(conversationId, 'Ana, your parcel is on its way', first.mentionId);
    const toNewest = await reply(conversationId, 'Ben, we are looking into yours');
    expect(toFirst.reply.in_reply_to_mention_id).toBe(first.mentionId);
    expect(toNewest.reply.in_reply_to_mention_id).toBe(second.mentionId);
    await deliver();
    const underFirst = platform.postsUnder(first.mention.externalId);
    const underSecond = platform.postsUnder(second.mention.externalId);
    expect(underFirst.map((p) => p.text)).toEqual([
      expect.stringContaining('Ana, your parcel is on its way'),
    ]);
    expect(underSecond.map((p) => p.text)).toEqual([
      expect.stringContaining('Ben, we are looking into yours'),
    ]);
    expect(await replyRow(toFirst.reply.id)).toMatchObject({
      status: 'sent',
      external_id: underFirst[0]!.id,
    });
  });

  it('fails a queued reply whose post the customer deleted, without sending or retrying it', async () => {
    const { conversationId, first } = await sharedThread();
    const queued = await reply(conversationId, 'Ana, a refund is on its way', first.mentionId);
    expect(queued.reply.status).toBe('queued');
    const deletedAt = new Date(clock.getTime() + 1000);
    await database.store.db
      .transaction()
      .execute((tx) =>
        applyMentionChanges(tx, { workspaceId: seeded.workspaceId, network }, [
          { externalId: first.mention.externalId, kind: 'deleted', at: deletedAt },
        ]),
      );
    await deliver();
    await deliver();
    expect(platform.postsUnder(first.mention.externalId)).toEqual([]);
    const row = await replyRow(queued.reply.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null });
    expect(row.error).toBe(
      `not sent: the customer deleted the post this reply answers (at ${deletedAt.toISOString()})`,
    );
    const failed = await database.store.db
      .selectFrom('events')
      .select('data')
      .where('conversation_id', '=', conversationId)
      .where('type', '=', 'reply.failed')
      .execute();
    expect(failed).toEqual([{ data: { replyId: queued.reply.id, error: row.error } }]);
  });

  it('says an earlier attempt may have posted when the post is deleted between retries', async () => {
    const { conversationId, first } = await sharedThread();
    const queued = await reply(conversationId, 'Ana, we refunded you', first.mentionId);
    platform.postFaults.push('rate-limit');
    await deliver();
    expect(await replyRow(queued.reply.id)).toMatchObject({ status: 'queued', attempts: 1 });
    await database.store.db
      .transaction()
      .execute((tx) =>
        applyMentionChanges(tx, { workspaceId: seeded.workspaceId, network }, [
          { externalId: first.mention.externalId, kind: 'deleted', at: clock },
        ]),
      );
    await deliver(new Date(clock.getTime() + 3_600_000));
    expect(platform.postsUnder(first.mention.externalId)).toEqual([]);
    expect(await replyRow(queued.reply.id)).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: `not sent again: the customer deleted the post this reply answers (at ${clock.toISOString()}); an earlier attempt's outcome is unknown`,
    });
  });

  it('marks the post deleted when the network refuses a reply because it is gone, and tells the agent why', async () => {
    const { conversationId, first } = await sharedThread();
    const queued = await reply(conversationId, 'Ana, here is your tracking link', first.mentionId);
    // Polling heard no deletion: only the network's refusal tells.
    platform.deletePost(first.mention.externalId);
    await deliver();
    await deliver(new Date(clock.getTime() + 3_600_000));
    expect(platform.postsUnder(first.mention.externalId)).toEqual([]);
    const row = await replyRow(queued.reply.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null });
    expect(row.error).toMatch(
      network === 'x'
        ? /^not sent: X says the post this reply answers is deleted or no longer visible to the account \(HTTP 403: You attempted to reply to a Tweet that is deleted or not visible to you\.\)$/
        : /^not sent: Mastodon says the post this reply answers no longer exists \(deleted by its author, or no longer visible to the account\)/,
    );
    const post = await database.store.db
      .selectFrom('mentions')
      .select(['deleted_at', 'text'])
      .where('id', '=', first.mentionId)
      .executeTakeFirstOrThrow();
    expect(post).toEqual({ deleted_at: clock, text: 'My order never arrived' });
    const events = await database.store.db
      .selectFrom('events')
      .select(['type', 'data'])
      .where('conversation_id', '=', conversationId)
      .where('type', 'in', ['mention.deleted', 'reply.failed'])
      .orderBy('occurred_at')
      .execute();
    expect(events.map((event) => event.type).sort()).toEqual(['mention.deleted', 'reply.failed']);
    // A new reply to that post is refused before it is queued.
    await expect(reply(conversationId, 'Ana?', first.mentionId)).rejects.toMatchObject({
      code: 'reply_target_deleted',
    });
  });
});
