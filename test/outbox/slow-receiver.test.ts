import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectChannel,
  createChannelRegistry,
  createNetworkSenders,
} from '../../src/pipeline/intake/channel-registry.ts';
import { startOutboxWorker, type OutboxWorker } from '../../src/pipeline/outbox/outbox-worker.ts';
import { createSenderResolver } from '../../src/pipeline/outbox/senders.ts';
import { notifyChanges } from '../../src/store/changes.ts';
import { newId } from '../../src/store/ids.ts';
import { claimDueReplies, insertReply } from '../../src/store/replies.repository.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { localEgress } from '../helpers/egress.ts';
import { addMention, seedWorkspace, type SeededWorkspace } from '../helpers/seed.ts';

// One customer's reply receiver stalls: the other workspaces' replies must still leave at once.

const logger = pino({ level: 'silent' });

/** A local reply URL that notes when each reply arrived; a stalling one answers after 15 s. */
async function startReceiver(stallMs: number) {
  const arrivals: { key: string; at: number }[] = [];
  const server: Server = createServer((request, response) => {
    arrivals.push({ key: String(request.headers['idempotency-key']), at: Date.now() });
    request.resume();
    const answer = () =>
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: `post-${arrivals.length}` }));
    if (stallMs > 0) setTimeout(answer, stallMs).unref();
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    arrivals,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/replies`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

describe('replies to a stalled receiver', () => {
  let database: TestDatabase;
  let stalled: Receiver;
  let healthy: Receiver;
  let slowShop: SeededWorkspace;
  let quickShop: SeededWorkspace;
  let worker: OutboxWorker | undefined;
  const services = {
    registry: createChannelRegistry({ egress: localEgress }),
    secretKey: randomBytes(32),
  };

  /** A workspace whose webhook source posts its replies to `replyUrl`. */
  async function webhookWorkspace(name: string, replyUrl: string): Promise<SeededWorkspace> {
    const workspace = await seedWorkspace(database.store.db, name);
    const connected = await connectChannel(database.store.db, services, {
      workspaceId: workspace.workspaceId,
      brandId: workspace.brandId,
      network: 'webhook',
      name: `${name} form`,
      credentials: { name: `${name} form`, secret: 's'.repeat(40), replyUrl },
    });
    if (!connected.ok) throw new Error(connected.message);
    return { ...workspace, channelAccountId: connected.account.id };
  }

  /** A customer's message and our reply to it, queued as the composer does (with its notice). */
  async function queueReply(shop: SeededWorkspace) {
    const { db } = database.store;
    const { conversationId, mentionId } = await addMention(db, shop, { network: 'webhook' });
    const key = newId();
    await db.transaction().execute(async (tx) => {
      const reply = await insertReply(tx, {
        workspaceId: shop.workspaceId,
        conversationId,
        inReplyToMentionId: mentionId,
        authorId: shop.users.agent.id,
        network: 'webhook',
        text: 'Sorry about that, a new one ships today.',
        visibility: 'public',
        status: 'queued',
        idempotencyKey: key,
        now: new Date(),
      });
      await notifyChanges(tx, [
        {
          type: 'reply.updated',
          workspaceId: shop.workspaceId,
          conversationId,
          replyId: reply!.id,
        },
      ]);
    });
    return key;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    stalled = await startReceiver(15_000);
    healthy = await startReceiver(0);
    slowShop = await webhookWorkspace('Slow Shop', stalled.url);
    quickShop = await webhookWorkspace('Quick Shop', healthy.url);
  });
  afterAll(async () => {
    await stalled?.close();
    await worker?.stop();
    await healthy?.close();
    await database?.close();
  });

  it("delays another workspace's reply by under a second", async () => {
    worker = await startOutboxWorker({
      store: database.store,
      resolveSender: createSenderResolver(createNetworkSenders(database.store.db, services)),
      logger,
    });
    await queueReply(slowShop);
    await expect.poll(() => stalled.arrivals.length, { timeout: 5000 }).toBe(1);

    const queuedAt = Date.now();
    const key = await queueReply(quickShop);
    await expect
      .poll(() => healthy.arrivals.find((arrival) => arrival.key === key), { timeout: 14_000 })
      .toBeDefined();
    const delay = healthy.arrivals.find((arrival) => arrival.key === key)!.at - queuedAt;
    // A send takes milliseconds here; a second is the margin for a loaded machine. Waiting
    // behind the stalled send would take its whole timeout (10 s).
    expect(delay).toBeLessThan(1000);
  }, 30_000);
});

describe('claiming replies', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it("never hands out more of one account's replies than its share, the others' at once", async () => {
    const { db } = database.store;
    const slow = await seedWorkspace(db, 'Slow');
    const quick = await seedWorkspace(db, 'Quick');
    const now = new Date('2026-12-01T10:00:00Z');
    const queue = async (shop: SeededWorkspace) => {
      const { conversationId, mentionId } = await addMention(db, shop);
      const reply = await insertReply(db, {
        workspaceId: shop.workspaceId,
        conversationId,
        inReplyToMentionId: mentionId,
        authorId: shop.users.agent.id,
        network: 'bluesky',
        text: 'On it.',
        visibility: 'public',
        status: 'queued',
        idempotencyKey: newId(),
        now,
      });
      return reply!.id;
    };
    const slowIds = [await queue(slow), await queue(slow), await queue(slow), await queue(slow)];
    const quickId = await queue(quick);

    const first = await claimDueReplies(db, now, 10, 60_000, 2);
    expect(first.map((r) => r.id).sort()).toEqual([slowIds[0], slowIds[1], quickId].sort());
    // The slow account's two are still out: nothing more of it, even with room in the batch.
    expect(await claimDueReplies(db, new Date(now.getTime() + 1000), 10, 60_000, 2)).toEqual([]);
    // Their lease ran out (a dead worker): two of the slow account's replies again, no more.
    const later = await claimDueReplies(db, new Date(now.getTime() + 61_000), 10, 60_000, 2);
    expect(later.filter((r) => slowIds.includes(r.id))).toHaveLength(2);
  });
});
