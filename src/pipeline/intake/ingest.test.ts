import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { makeMention, seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { changesChannel } from '../../store/changes.ts';
import { listConversationMentions } from '../../store/mentions.repository.ts';
import { ingestMentions } from './ingest.ts';

let database: TestDatabase;
let acme: SeededWorkspace;
const now = new Date('2026-11-23T12:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await seedWorkspace(database.store.db);
});
afterAll(async () => database?.close());

const batch = (mentions: ReturnType<typeof makeMention>[]) => ({
  workspaceId: acme.workspaceId,
  brandId: acme.brandId,
  channelAccountId: acme.channelAccountId,
  mentions,
});

async function conversationOf(externalId: string) {
  return database.store.db
    .selectFrom('mentions')
    .innerJoin('conversations', 'conversations.id', 'mentions.conversation_id')
    .select([
      'conversations.id',
      'conversations.status',
      'conversations.mention_count',
      'conversations.needs_reply',
      'conversations.first_responded_at',
    ])
    .where('mentions.external_id', '=', externalId)
    .executeTakeFirstOrThrow();
}

describe('ingest', () => {
  it('stores each mention once, however often it arrives', async () => {
    const mention = makeMention({ text: 'my order never arrived' });
    const first = await ingestMentions(database.store.db, batch([mention, mention]), now);
    const again = await ingestMentions(database.store.db, batch([mention]), now);
    expect(first).toMatchObject({ stored: 1, duplicates: 1, conversationsCreated: 1 });
    expect(again).toMatchObject({ stored: 0, duplicates: 1, conversationsCreated: 0 });
    const rows = await database.store.db
      .selectFrom('mentions')
      .select('id')
      .where('external_id', '=', mention.externalId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('joins a reply chain to one conversation, even within one batch and out of order', async () => {
    const root = makeMention({ postedAt: new Date('2026-11-23T10:00:00Z') });
    const reply = makeMention({
      postedAt: new Date('2026-11-23T10:05:00Z'),
      parentExternalId: root.externalId,
      rootExternalId: root.externalId,
      author: root.author,
    });
    const deeper = makeMention({
      postedAt: new Date('2026-11-23T10:09:00Z'),
      parentExternalId: reply.externalId,
      rootExternalId: root.externalId,
    });
    await ingestMentions(database.store.db, batch([deeper, reply, root]), now);
    const [a, b, c] = await Promise.all(
      [root, reply, deeper].map((m) => conversationOf(m.externalId)),
    );
    expect(b!.id).toBe(a!.id);
    expect(c!.id).toBe(a!.id);
    expect(a!.mention_count).toBe(3);
  });

  it('reopens a resolved conversation when the customer writes again, and counts the brand’s reply as an answer', async () => {
    const post = makeMention({ postedAt: new Date('2026-11-23T09:00:00Z') });
    await ingestMentions(database.store.db, batch([post]), now);
    const brandReply = makeMention({
      postedAt: new Date('2026-11-23T09:20:00Z'),
      parentExternalId: post.externalId,
      rootExternalId: post.externalId,
      fromBrand: true,
      author: { externalId: 'did:plc:brand', handle: 'acme.test' },
    });
    await ingestMentions(database.store.db, batch([brandReply]), now);
    const answered = await conversationOf(post.externalId);
    expect(answered.needs_reply).toBe(false);
    expect(answered.first_responded_at).toEqual(brandReply.postedAt);

    await database.store.db
      .updateTable('conversations')
      .set({ status: 'resolved', resolved_at: now })
      .where('id', '=', answered.id)
      .execute();
    const followUp = makeMention({
      postedAt: new Date('2026-11-23T11:00:00Z'),
      parentExternalId: brandReply.externalId,
      rootExternalId: post.externalId,
      author: post.author,
    });
    await ingestMentions(database.store.db, batch([followUp]), now);
    const reopened = await conversationOf(post.externalId);
    expect(reopened).toMatchObject({ status: 'open', needs_reply: true });
    const events = await database.store.db
      .selectFrom('events')
      .select('type')
      .where('conversation_id', '=', answered.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'conversation.created',
      'reply.sent',
      'mention.received',
      'conversation.status_changed',
      'conversation.reopened',
    ]);
  });

  it('counts a brand answer that arrives in the same batch as the post it answers', async () => {
    const post = makeMention({ postedAt: new Date('2026-11-23T08:00:00Z') });
    const brandReply = makeMention({
      postedAt: new Date('2026-11-23T08:12:00Z'),
      parentExternalId: post.externalId,
      rootExternalId: post.externalId,
      fromBrand: true,
      author: { externalId: 'did:plc:brand', handle: 'acme.test' },
    });
    const followUp = makeMention({
      postedAt: new Date('2026-11-23T08:30:00Z'),
      parentExternalId: brandReply.externalId,
      rootExternalId: post.externalId,
      author: post.author,
    });
    await ingestMentions(database.store.db, batch([post, brandReply]), now);
    const answered = await conversationOf(post.externalId);
    expect(answered).toMatchObject({ status: 'open', needs_reply: false, mention_count: 2 });
    expect(answered.first_responded_at).toEqual(brandReply.postedAt);
    await ingestMentions(database.store.db, batch([followUp]), now);
    expect(await conversationOf(post.externalId)).toMatchObject({ needs_reply: true });

    const other = makeMention({ postedAt: new Date('2026-11-23T08:00:00Z') });
    const otherReply = makeMention({
      postedAt: new Date('2026-11-23T08:05:00Z'),
      parentExternalId: other.externalId,
      rootExternalId: other.externalId,
      fromBrand: true,
      author: { externalId: 'did:plc:brand', handle: 'acme.test' },
    });
    const otherFollowUp = makeMention({
      postedAt: new Date('2026-11-23T08:40:00Z'),
      parentExternalId: otherReply.externalId,
      rootExternalId: other.externalId,
      author: other.author,
    });
    await ingestMentions(database.store.db, batch([otherFollowUp, otherReply, other]), now);
    const waiting = await conversationOf(other.externalId);
    expect(waiting).toMatchObject({ needs_reply: true, mention_count: 3 });
    expect(waiting.first_responded_at).toEqual(otherReply.postedAt);
    const events = await database.store.db
      .selectFrom('events')
      .select('type')
      .where('conversation_id', '=', waiting.id)
      .where('type', 'in', ['reply.sent', 'mention.received'])
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['reply.sent', 'mention.received']);
  });

  it('keeps one contact per author and refreshes their follower count', async () => {
    const author = { externalId: 'did:plc:same-author', handle: 'same.test', followers: 10 };
    await ingestMentions(database.store.db, batch([makeMention({ author })]), now);
    await ingestMentions(
      database.store.db,
      batch([makeMention({ author: { ...author, followers: 48_000 } })]),
      now,
    );
    const identities = await database.store.db
      .selectFrom('contact_identities')
      .select(['contact_id', 'followers'])
      .where('external_id', '=', author.externalId)
      .execute();
    expect(identities).toEqual([{ contact_id: expect.any(String), followers: 48_000 }]);
    const conversations = await database.store.db
      .selectFrom('conversations')
      .select('id')
      .where('contact_id', '=', identities[0]!.contact_id)
      .execute();
    expect(conversations).toHaveLength(2);
  });

  it('stores hostile text exactly as written and finds it by full-text search', async () => {
    const text = `<script>alert(1)</script> \u202Eevil\u202C zero\u200Bwidth refundable ${'x'.repeat(100_000)}`;
    const mention = makeMention({ text });
    await ingestMentions(database.store.db, batch([mention]), now);
    const row = await database.store.db
      .selectFrom('mentions')
      .select('text')
      .where('external_id', '=', mention.externalId)
      .executeTakeFirstOrThrow();
    expect(row.text).toBe(text);
    const { sql } = await import('kysely');
    const found = await database.store.db
      .selectFrom('mentions')
      .select('external_id')
      .where(sql<boolean>`search @@ websearch_to_tsquery('simple', 'refundable')`)
      .execute();
    expect(found.map((r) => r.external_id)).toContain(mention.externalId);
  });

  it('notifies listeners only when the batch commits', async () => {
    const received: string[] = [];
    const unlisten = await database.store.listen(changesChannel, (payload) =>
      received.push(payload),
    );
    const mention = makeMention();
    await ingestMentions(database.store.db, batch([mention]), now);
    await expect
      .poll(() => received.map((p) => JSON.parse(p) as { type: string }).map((n) => n.type))
      .toEqual(['conversation.created']);
    await unlisten();
  });

  it('writes nothing when the batch fails part-way', async () => {
    const good = makeMention();
    const bad = makeMention({
      network: 'bluesky',
      author: { externalId: 'did:plc:x', handle: 'x' },
      text: 'fine',
    });
    const before = await database.store.db.selectFrom('mentions').select('id').execute();
    await expect(
      ingestMentions(
        database.store.db,
        { ...batch([good, bad]), brandId: '00000000-0000-7000-8000-000000000000' },
        now,
      ),
    ).rejects.toThrow();
    const after = await database.store.db.selectFrom('mentions').select('id').execute();
    expect(after.length).toBe(before.length);
  });
});

describe('threads arriving out of order', () => {
  it('joins a post to the conversation its earlier-stored reply started, across batches', async () => {
    const root = makeMention({ postedAt: new Date('2026-11-23T08:00:00Z') });
    const reply = makeMention({
      postedAt: new Date('2026-11-23T08:05:00Z'),
      parentExternalId: root.externalId,
      rootExternalId: root.externalId,
    });
    const sibling = makeMention({
      postedAt: new Date('2026-11-23T08:07:00Z'),
      parentExternalId: root.externalId,
      rootExternalId: root.externalId,
    });
    await ingestMentions(database.store.db, batch([reply]), now);
    await ingestMentions(database.store.db, batch([root]), now);
    await ingestMentions(database.store.db, batch([sibling]), now);
    const ids = await Promise.all([root, reply, sibling].map((m) => conversationOf(m.externalId)));
    expect(new Set(ids.map((c) => c.id)).size).toBe(1);
    expect(ids[0]!.mention_count).toBe(3);
  });
});

describe('ingest from a blocked contact', () => {
  /** Blocks the author of a stored mention the way moderation does (optionally logging why). */
  async function block(externalId: string, reason?: 'spam' | 'abuse') {
    const { contact_id } = await database.store.db
      .selectFrom('mentions as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select('c.contact_id')
      .where('m.external_id', '=', externalId)
      .executeTakeFirstOrThrow();
    await database.store.db
      .updateTable('contacts')
      .set({ blocked_at: now })
      .where('id', '=', contact_id)
      .execute();
    if (reason)
      await database.store.db
        .insertInto('moderation_actions')
        .values({
          id: crypto.randomUUID(),
          workspace_id: acme.workspaceId,
          action: 'block',
          contact_id,
          reason,
          on_network: 'not_applicable',
          created_at: now,
        })
        .execute();
  }

  const mentionRow = (externalId: string) =>
    database.store.db
      .selectFrom('mentions')
      .select(['id', 'text', 'hidden_at', 'hidden_reason'])
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow();

  it('stores a new post in their existing conversation hidden with the block’s reason, and leaves the thread as it was', async () => {
    const post = makeMention({
      text: 'before the block',
      postedAt: new Date('2026-11-23T09:00:00Z'),
    });
    await ingestMentions(database.store.db, batch([post]), now);
    const before = await conversationOf(post.externalId);
    await database.store.db
      .updateTable('conversations')
      .set({ status: 'resolved', resolved_at: now, needs_reply: false })
      .where('id', '=', before.id)
      .execute();
    await block(post.externalId, 'abuse');

    const abuse = makeMention({
      text: 'you will regret this',
      postedAt: new Date('2026-11-23T11:00:00Z'),
      parentExternalId: post.externalId,
      rootExternalId: post.externalId,
      author: post.author,
    });
    const summary = await ingestMentions(database.store.db, batch([abuse]), now);
    expect(summary).toMatchObject({ stored: 1, blocked: 1, conversationsCreated: 0 });
    expect(await mentionRow(abuse.externalId)).toMatchObject({
      text: 'you will regret this',
      hidden_at: now,
      hidden_reason: 'abuse',
    });
    // Nothing they said before is erased or hidden, and the solved case stays solved.
    expect(await mentionRow(post.externalId)).toMatchObject({
      text: 'before the block',
      hidden_at: null,
    });
    expect(await conversationOf(abuse.externalId)).toMatchObject({
      id: before.id,
      status: 'resolved',
      needs_reply: false,
    });
    const listed = await listConversationMentions(database.store.db, acme.workspaceId, before.id);
    expect(listed.map((m) => [m.text, m.hidden_reason])).toEqual([
      ['before the block', null],
      ['you will regret this', 'abuse'],
    ]);
  });

  it('stores a new conversation of theirs resolved and out of the inbox; another customer in it brings it back', async () => {
    const post = makeMention({ postedAt: new Date('2026-11-23T09:00:00Z') });
    await ingestMentions(database.store.db, batch([post]), now);
    await block(post.externalId);
    const lone = makeMention({ text: 'more spam', author: post.author });
    await ingestMentions(database.store.db, batch([lone]), now);
    expect(await mentionRow(lone.externalId)).toMatchObject({ hidden_reason: 'spam' });
    const hidden = await database.store.db
      .selectFrom('conversations')
      .select(['status', 'hidden_at'])
      .where('id', '=', (await conversationOf(lone.externalId)).id)
      .executeTakeFirstOrThrow();
    expect(hidden).toEqual({ status: 'resolved', hidden_at: now });

    const spam2 = makeMention({ text: 'buy likes', author: post.author });
    const reply = makeMention({
      text: 'same problem here',
      parentExternalId: spam2.externalId,
      rootExternalId: spam2.externalId,
      postedAt: new Date(spam2.postedAt.getTime() + 60_000),
    });
    await ingestMentions(database.store.db, batch([spam2, reply]), now);
    const shown = await database.store.db
      .selectFrom('conversations')
      .select('hidden_at')
      .where('id', '=', (await conversationOf(spam2.externalId)).id)
      .executeTakeFirstOrThrow();
    expect(shown.hidden_at).toBeNull();
    expect(await mentionRow(reply.externalId)).toMatchObject({ hidden_at: null });
  });
});
