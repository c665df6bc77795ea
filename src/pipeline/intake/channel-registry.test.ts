import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { startFakePlatform } from '../../../test/helpers/fake-platform.ts';
import type { FakePlatform } from '../../../test/helpers/fake-platform.ts';
import { addMention, seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { ChannelSendError } from '../../channels/channel.ts';
import { signWebhookBody } from '../../channels/webhook/webhook-signature.ts';
import { removeChannelAccount } from '../../store/channel-accounts.repository.ts';
import { newId } from '../../store/ids.ts';
import type { ReplyRow } from '../../store/schema.ts';
import { connectChannel, createChannelRegistry, createNetworkSenders } from './channel-registry.ts';
import type { ChannelServices } from './channel-registry.ts';
import { createSenderResolver } from '../outbox/senders.ts';
import { localEgress } from '../../../test/helpers/egress.ts';

const secret = 'reply-secret-0123456789abcdef012345';
let database: TestDatabase;
let platform: FakePlatform;
let services: ChannelServices;
let seeded: SeededWorkspace;

beforeAll(async () => {
  database = await createTestDatabase();
  platform = await startFakePlatform();
  platform.route('POST', '/replies', () => ({
    json: { id: 'shop-reply-1', url: 'https://shop.example/replies/1' },
  }));
  services = {
    registry: createChannelRegistry({ egress: localEgress }),
    secretKey: randomBytes(32),
  };
  seeded = await seedWorkspace(database.store.db, 'Senders');
});
afterAll(async () => {
  await platform?.close();
  await database?.close();
});

function replyTo(mentionId: string, conversationId: string): ReplyRow {
  const at = new Date();
  return {
    id: newId(),
    workspace_id: seeded.workspaceId,
    conversation_id: conversationId,
    in_reply_to_mention_id: mentionId,
    author_id: null,
    network: 'webhook',
    text: 'Sorry about that, a new one is on its way.',
    visibility: 'public',
    status: 'queued',
    idempotency_key: `reply-${newId()}`,
    external_id: null,
    url: null,
    error: null,
    attempts: 1,
    next_attempt_at: at,
    locked_until: null,
    requeued_at: null,
    sent_at: null,
    created_at: at,
    updated_at: at,
  };
}

describe('network senders', () => {
  it('send a reply through the account that heard the mention, with its stored credentials', async () => {
    const connected = await connectChannel(database.store.db, services, {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      network: 'webhook',
      name: 'Shop form',
      credentials: { name: 'Shop form', secret, replyUrl: `${platform.url}/replies` },
    });
    if (!connected.ok) throw new Error(connected.message);
    const heard = await addMention(
      database.store.db,
      { ...seeded, channelAccountId: connected.account.id },
      { network: 'webhook', externalId: 'form-42' },
    );
    const reply = replyTo(heard.mentionId, heard.conversationId);
    const resolve = createSenderResolver(createNetworkSenders(database.store.db, services));
    const sender = await resolve(database.store.db, reply);
    if ('error' in sender) throw new Error(sender.error);
    expect(await sender(reply)).toEqual({
      externalId: 'shop-reply-1',
      url: 'https://shop.example/replies/1',
    });

    const [request] = platform.requestsTo('POST', '/replies');
    expect(request!.json).toMatchObject({
      idempotencyKey: reply.idempotency_key,
      inReplyToId: 'form-42',
      text: reply.text,
    });
    // Signed with the secret that was stored encrypted: the receiver can trust it.
    const timestamp = Number(request!.headers['x-earshot-timestamp']);
    expect(request!.headers['x-earshot-signature']).toBe(
      signWebhookBody(request!.body, timestamp, secret),
    );

    await removeChannelAccount(
      database.store.db,
      seeded.workspaceId,
      connected.account.id,
      new Date(),
    );
    const refused = await sender(replyTo(heard.mentionId, heard.conversationId)).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ChannelSendError);
    expect((refused as ChannelSendError).retryable).toBe(false);
    expect((refused as ChannelSendError).message).toMatch(/"Shop form" was removed/);
  });
});
