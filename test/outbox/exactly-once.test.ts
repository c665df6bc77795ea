import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { metaTestCredentials } from '../../src/channels/meta/meta-test-kit.ts';
import {
  connectChannel,
  createChannelRegistry,
  createNetworkSenders,
  type ChannelServices,
} from '../../src/pipeline/intake/channel-registry.ts';
import {
  runOutboxOnce,
  type ReplySender,
  type SenderResolver,
} from '../../src/pipeline/outbox/outbox.ts';
import { createSenderResolver } from '../../src/pipeline/outbox/senders.ts';
import { newId } from '../../src/store/ids.ts';
import { claimDueReplies, insertReply } from '../../src/store/replies.repository.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { localEgress } from '../helpers/egress.ts';
import { addMention, seedWorkspace, type SeededWorkspace } from '../helpers/seed.ts';
import { graphDialect, instagramDialect, xDialect } from './network-dialects.ts';
import { startPostingNetwork, type PostFault, type PostingNetwork } from './posting-network.ts';

const logger = pino({ level: 'silent' });
const pageId = metaTestCredentials.pageId;
const instagramId = metaTestCredentials.instagramAccountId!;
const xUserId = '2244994945';
let clock = new Date('2026-11-30T09:00:00Z');
const now = () => clock;

/** A Page feed comment by a customer, as Meta's webhook delivers it (what a reply answers). */
const facebookComment = (commentId: string) => ({
  object: 'page',
  entry: [
    {
      id: pageId,
      time: 1764493200,
      changes: [
        {
          field: 'feed',
          value: {
            item: 'comment',
            verb: 'add',
            from: { id: '139560936744123', name: 'Dana Whitfield' },
            message: 'Third damaged order. Who do I talk to?',
            post_id: `${pageId}_139560936744456`,
            parent_id: `${pageId}_139560936744456`,
            comment_id: commentId,
            created_time: 1764493200,
          },
        },
      ],
    },
  ],
});

/** An Instagram comment by a customer on one of our posts, as Meta's webhook delivers it. */
const instagramComment = (commentId: string) => ({
  object: 'instagram',
  entry: [
    {
      id: instagramId,
      time: 1764493200,
      changes: [
        {
          field: 'comments',
          value: {
            id: commentId,
            text: 'Third damaged order. Who do I talk to?',
            from: { id: '17841400000000001', username: 'dana.whitfield' },
            media: { id: '17900000000000001' },
          },
        },
      ],
    },
  ],
});

describe.each(['facebook', 'instagram', 'x'] as const)(
  'replies on %s through faults',
  (network) => {
    let database: TestDatabase;
    let seeded: SeededWorkspace;
    let platform: PostingNetwork;
    let services: ChannelServices;
    let resolveSender: SenderResolver;
    let replies = 0;

    beforeAll(async () => {
      database = await createTestDatabase();
      platform = await startPostingNetwork({
        dialect: {
          facebook: () => graphDialect({ id: pageId, name: 'Northwind Outfitters' }),
          instagram: () => instagramDialect({ id: instagramId, username: 'northwind' }),
          x: () => xDialect({ id: xUserId, username: 'NorthwindHelp' }),
        }[network](),
        accountId: { facebook: pageId, instagram: instagramId, x: xUserId }[network],
        now,
      });
      services = {
        registry: createChannelRegistry({
          egress: localEgress,
          meta: { graphBaseUrl: `${platform.url}/v21.0`, timeoutMs: 1000 },
          x: { httpAgent: platform.httpsAgent(), timeoutMs: 1000 },
        }),
        secretKey: randomBytes(32),
      };
      const workspace = await seedWorkspace(database.store.db, `Exactly once on ${network}`);
      const connected = await connectChannel(database.store.db, services, {
        workspaceId: workspace.workspaceId,
        brandId: workspace.brandId,
        network,
        name: 'Northwind',
        credentials:
          network === 'x' ? { accessToken: 'token', userId: xUserId } : metaTestCredentials,
      });
      if (!connected.ok) throw new Error(connected.message);
      seeded = { ...workspace, channelAccountId: connected.account.id };
      resolveSender = createSenderResolver(createNetworkSenders(database.store.db, services));
    });
    afterAll(async () => {
      await platform?.close();
      await database?.close();
    });
    beforeEach(() => {
      platform.postFaults.length = 0;
    });

    /** A customer's post and our queued reply to it (each reply its own text, as X requires). */
    async function queueReply() {
      const n = (replies += 1);
      const parentId = {
        facebook: `139560936744456_${7000 + n}`,
        instagram: `1790${10 ** 13 + n}`,
        x: `18584${10 ** 13 + n}`,
      }[network];
      const raw = {
        facebook: () => facebookComment(parentId),
        instagram: () => instagramComment(parentId),
        x: () => ({}),
      }[network]();
      const { conversationId, mentionId } = await addMention(database.store.db, seeded, {
        network,
        externalId: parentId,
        raw,
      });
      const reply = await insertReply(database.store.db, {
        workspaceId: seeded.workspaceId,
        conversationId,
        inReplyToMentionId: mentionId,
        authorId: seeded.users.agent.id,
        network,
        text: `Sorry about order ${n} & the wait. A new one ships today.`,
        visibility: 'public',
        status: 'queued',
        idempotencyKey: newId(),
        now: clock,
      });
      return { replyId: reply!.id, parentId };
    }

    const replyRow = (id: string) =>
      database.store.db
        .selectFrom('replies')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

    /** The real outbox, an hour later each pass (past any backoff), until nothing is queued. */
    async function deliverAll(resolve = resolveSender) {
      for (let pass = 0; pass < 12; pass++) {
        await runOutboxOnce({
          db: database.store.db,
          resolveSender: resolve,
          logger,
          now,
          random: () => 0,
        });
        const queued = await database.store.db
          .selectFrom('replies')
          .select('id')
          .where('status', '=', 'queued')
          .execute();
        if (queued.length === 0) return;
        clock = new Date(clock.getTime() + 3_600_000);
      }
      throw new Error('replies still queued after 12 passes');
    }

    it.each<[string, PostFault[]]>([
      ['a rate limit before posting', ['rate-limit']],
      ['a dropped connection before posting', ['drop-before']],
      ['a 500 after posting', ['error-after']],
      ['a dropped connection after posting', ['drop-after']],
      ['a timeout after posting', ['timeout-after']],
      [
        'a 429, then a timeout after posting, then a 500',
        ['rate-limit', 'timeout-after', 'error-after'],
      ],
    ])('%s: posted exactly once and recorded as sent', async (_name, faults) => {
      const { replyId, parentId } = await queueReply();
      platform.postFaults.push(...faults);
      await deliverAll();
      const posts = platform.postsUnder(parentId);
      expect(posts).toHaveLength(1);
      expect(await replyRow(replyId)).toMatchObject({ status: 'sent', external_id: posts[0]!.id });
    });

    it('waits out a failing lookup rather than posting again', async () => {
      const { replyId, parentId } = await queueReply();
      platform.postFaults.push('error-after');
      platform.failLookups(2);
      await deliverAll();
      const posts = platform.postsUnder(parentId);
      expect(posts).toHaveLength(1);
      const row = await replyRow(replyId);
      expect(row).toMatchObject({ status: 'sent', external_id: posts[0]!.id });
      expect(row.attempts).toBe(4);
    });

    it('adopts the post of a worker that died mid-send once its lease runs out', async () => {
      const { replyId, parentId } = await queueReply();
      const [claimed] = await claimDueReplies(database.store.db, clock, 10, 60_000);
      const sender = await resolveSender(database.store.db, claimed!);
      if ('error' in sender) throw new Error(sender.error);
      // The dead worker's request reached the network; it never recorded the answer.
      await sender(claimed!);
      clock = new Date(clock.getTime() + 61_000);
      await deliverAll();
      const posts = platform.postsUnder(parentId);
      expect(posts).toHaveLength(1);
      expect(await replyRow(replyId)).toMatchObject({ status: 'sent', external_id: posts[0]!.id });
    });

    it('fails with the reason, posting nothing, when the network refuses for good', async () => {
      const { replyId, parentId } = await queueReply();
      platform.postFaults.push('refuse');
      await deliverAll();
      expect(platform.postsUnder(parentId)).toEqual([]);
      const row = await replyRow(replyId);
      expect(row.status).toBe('failed');
      expect(row.error).toMatch(network === 'x' ? /HTTP 403/ : /190 \(OAuthException\)/);
    });

    it('ends a batch sent once or failed with a reason, whatever each request met', async () => {
      const queued = await Promise.all([1, 2, 3, 4, 5, 6].map(() => queueReply()));
      platform.postFaults.push(
        'timeout-after',
        'drop-after',
        'refuse',
        'error-after',
        'rate-limit',
      );
      await deliverAll();
      const outcomes = await Promise.all(
        queued.map(async ({ replyId, parentId }) => {
          const row = await replyRow(replyId);
          const posts = platform.postsUnder(parentId);
          if (row.status === 'failed')
            return `failed (${posts.length} posts): ${row.error !== null}`;
          return `${row.status} (${posts.length} post${posts[0]?.id === row.external_id ? ', recorded' : ''})`;
        }),
      );
      expect(outcomes.sort()).toEqual([
        'failed (0 posts): true',
        ...Array(5).fill('sent (1 post, recorded)'),
      ]);
    });

    it('never adopts the post of another reply with the same text to the same post', async () => {
      const first = await queueReply();
      await deliverAll();
      const text = (await replyRow(first.replyId)).text;
      // A second reply, same words, same post: its post goes out but the answer is lost.
      const mention = await database.store.db
        .selectFrom('replies')
        .select(['conversation_id', 'in_reply_to_mention_id'])
        .where('id', '=', first.replyId)
        .executeTakeFirstOrThrow();
      const second = await insertReply(database.store.db, {
        workspaceId: seeded.workspaceId,
        conversationId: mention.conversation_id,
        inReplyToMentionId: mention.in_reply_to_mention_id,
        authorId: seeded.users.agent.id,
        network,
        text,
        visibility: 'public',
        status: 'queued',
        idempotencyKey: newId(),
        now: clock,
      });
      platform.postFaults.push('error-after');
      await deliverAll();
      const posts = platform.postsUnder(first.parentId);
      const firstRow = await replyRow(first.replyId);
      const secondRow = await replyRow(second!.id);
      expect(firstRow).toMatchObject({ status: 'sent', external_id: posts[0]!.id });
      if (network !== 'x') {
        // Both posts stand; each reply is recorded as its own.
        expect(posts).toHaveLength(2);
        expect(secondRow).toMatchObject({ status: 'sent', external_id: posts[1]!.id });
      } else {
        // X takes no second post of the same text: the second reply fails with X's reason
        // instead of passing off the first one's post as its own.
        expect(posts).toHaveLength(1);
        expect(secondRow).toMatchObject({ status: 'failed', external_id: null });
        expect(secondRow.error).toMatch(/duplicate content/i);
      }
    });

    it('without the lookup a lost answer means a second post, unless the network refuses it (X)', async () => {
      const { replyId, parentId } = await queueReply();
      const blind: SenderResolver = async (db, reply) => {
        const sender = await resolveSender(db, reply);
        if ('error' in sender) return sender;
        const withoutLookup: ReplySender = (r) => sender(r);
        return withoutLookup;
      };
      platform.postFaults.push('error-after');
      await deliverAll(blind);
      // The fake keeps what a lost answer posted; X's refusal of the copy is adopted by send.
      const posts = platform.postsUnder(parentId);
      expect(posts).toHaveLength({ facebook: 2, instagram: 2, x: 1 }[network]);
      expect(await replyRow(replyId)).toMatchObject({
        status: 'sent',
        external_id: posts.at(-1)!.id,
      });
    });
  },
);
