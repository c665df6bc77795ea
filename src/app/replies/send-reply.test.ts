import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { addMention, seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { useCaseContextOf } from '../../../test/helpers/use-case.ts';
import { listConversationEvents } from '../../store/events.repository.ts';
import { listConversationReplies, markReplyFailed } from '../../store/replies.repository.ts';
import type { UseCaseContext } from '../use-case.ts';
import { retryReply } from './retry-reply.ts';
import { sendReply } from './send-reply.ts';

let database: TestDatabase;
let seeded: SeededWorkspace;
let context: UseCaseContext;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedWorkspace(database.store.db, 'Replies');
  context = useCaseContextOf(database, seeded, 'agent');
});
afterAll(async () => database?.close());

const eventTypesOf = async (conversationId: string) =>
  (await listConversationEvents(database.store.db, seeded.workspaceId, conversationId))
    .map((event) => event.type)
    .filter((type) => type.startsWith('reply.'));
const reply = (conversationId: string, text: string, idempotencyKey?: string) => ({
  conversationId,
  text,
  visibility: 'public' as const,
  draft: false,
  idempotencyKey,
});

describe('sendReply', () => {
  it('queues the reply with its event; the same key gives the same reply back, once', async () => {
    const { conversationId } = await addMention(database.store.db, seeded);
    const first = await sendReply(context, reply(conversationId, 'On it!', 'key-1'));
    const again = await sendReply(context, reply(conversationId, 'On it!', 'key-1'));
    expect(first).toMatchObject({ created: true, reply: { status: 'queued' } });
    expect(again).toMatchObject({ created: false, reply: { id: first.reply.id } });
    expect(await eventTypesOf(conversationId)).toEqual(['reply.queued']);
  });

  it('refuses the same key with other words, storing nothing', async () => {
    const { conversationId } = await addMention(database.store.db, seeded);
    await sendReply(context, reply(conversationId, 'First words', 'key-2'));
    await expect(
      sendReply(context, reply(conversationId, 'Other words', 'key-2')),
    ).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    const stored = await listConversationReplies(
      database.store.db,
      seeded.workspaceId,
      conversationId,
    );
    expect(stored.map((row) => row.text)).toEqual(['First words']);
  });
});

describe('retryReply', () => {
  it('queues a failed reply again and records why it failed before', async () => {
    const { conversationId } = await addMention(database.store.db, seeded);
    const { reply: sent } = await sendReply(context, reply(conversationId, 'Hello'));
    await markReplyFailed(database.store.db, sent.id, 'network said no', context.now);
    const queued = await retryReply(context, sent.id);
    expect(queued.status).toBe('queued');
    expect(await eventTypesOf(conversationId)).toEqual(['reply.queued', 'reply.retried']);
  });

  it('refuses to retry a draft, recording nothing', async () => {
    const { conversationId } = await addMention(database.store.db, seeded);
    const { reply: draft } = await sendReply(context, {
      ...reply(conversationId, 'Not yet'),
      draft: true,
    });
    await expect(retryReply(context, draft.id)).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    expect(await eventTypesOf(conversationId)).toEqual([]);
  });
});
