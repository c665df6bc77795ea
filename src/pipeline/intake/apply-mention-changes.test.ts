import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { createMastodonChannel } from '../../channels/mastodon/mastodon-channel.ts';
import { createXChannel } from '../../channels/x/x-channel.ts';
import type { RawEvent } from '../../channels/channel.ts';
import { storeChannelBatch } from './channel-runner-batch.ts';

// Deletions and edits reach intake the way mentions do: recorded Mastodon stream events, read by
// the real channel's normalize and changes, stored by the batch the channel runner stores.

const fixture = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../channels/mastodon/fixtures/${name}`, import.meta.url), 'utf8'),
  );
const mastodon = createMastodonChannel();
const postId = '113501234567890123';
const original =
  '@northwind my order #NW55120 still says "processing" after 9 days & support chat is down. ' +
  'See https://status.example.com/incidents/4411\n\nNot happy.';
const now = new Date('2026-11-20T10:05:00Z');

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

/** A workspace that heard the public mention of the notifications fixture on Mastodon. */
async function heardPost(): Promise<SeededWorkspace> {
  const seeded = await seedWorkspace(database.store.db, 'Changes');
  await store(seeded, [fixture('notifications-mentions.json')]);
  return seeded;
}

const store = (seeded: SeededWorkspace, raws: unknown[], network: 'mastodon' | 'x' = 'mastodon') =>
  storeChannelBatch(
    database.store.db,
    {
      id: seeded.channelAccountId,
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      network,
    },
    network === 'x' ? createXChannel() : mastodon,
    raws.map((raw): RawEvent => ({ raw })),
    now,
  );

const stored = (seeded: SeededWorkspace) =>
  database.store.db
    .selectFrom('mentions')
    .select(['id', 'conversation_id', 'text', 'deleted_at', 'edited_at', 'edits'])
    .where('workspace_id', '=', seeded.workspaceId)
    .where('external_id', '=', postId)
    .executeTakeFirstOrThrow();

const changeEvents = (seeded: SeededWorkspace) =>
  database.store.db
    .selectFrom('events')
    .select(['type', 'actor_type', 'data', 'occurred_at'])
    .where('workspace_id', '=', seeded.workspaceId)
    .where('type', 'in', ['mention.deleted', 'mention.edited'])
    .orderBy('id')
    .execute();

describe('applying authors’ deletions and edits at intake', () => {
  it('makes an edit current, keeps the earlier text, and records it once however often heard', async () => {
    const seeded = await heardPost();
    const before = await stored(seeded);
    expect(before.text).toBe(original);
    const update = fixture('stream-status-update.json');
    expect(await store(seeded, [update])).toEqual({ stored: 0, rejected: 0, authors: [] });
    await store(seeded, [update, update]);
    const after = await stored(seeded);
    expect(after).toMatchObject({
      text: '@northwind my order #NW55120 arrived this morning, thanks!',
      edited_at: new Date('2026-11-20T09:31:12.000Z'),
      deleted_at: null,
      edits: [{ text: original, replacedAt: '2026-11-20T09:31:12.000Z' }],
    });
    expect(await changeEvents(seeded)).toEqual([
      {
        type: 'mention.edited',
        actor_type: 'customer',
        data: { mentionId: before.id, at: '2026-11-20T09:31:12.000Z' },
        occurred_at: new Date('2026-11-20T09:31:12.000Z'),
      },
    ]);
    // Search reads the words the network shows now, not the replaced ones.
    const found = async (word: string) =>
      (
        await database.store.db
          .selectFrom('mentions')
          .select('id')
          .where('workspace_id', '=', seeded.workspaceId)
          .where(sql<boolean>`search @@ plainto_tsquery('simple', ${word})`)
          .execute()
      ).map((row) => row.id);
    expect(await found('arrived')).toContain(before.id);
    expect(await found('processing')).not.toContain(before.id);
  });

  it('keeps every earlier version of a post edited twice, oldest first', async () => {
    const seeded = await heardPost();
    const first = fixture('stream-status-update.json') as { payload: string };
    const status = JSON.parse(first.payload) as Record<string, unknown>;
    const second = {
      ...first,
      payload: JSON.stringify({
        ...status,
        content: '<p>Arrived, but the box was crushed.</p>',
        edited_at: '2026-11-20T09:40:00.000Z',
      }),
    };
    // Heard out of order: the older edit must not undo the newer one.
    await store(seeded, [second]);
    await store(seeded, [first]);
    const after = await stored(seeded);
    expect(after.text).toBe('Arrived, but the box was crushed.');
    expect(after.edits).toEqual([{ text: original, replacedAt: '2026-11-20T09:40:00.000Z' }]);
    await store(seeded, [
      {
        ...first,
        payload: JSON.stringify({
          ...status,
          content: '<p>Arrived; the box was crushed but the shoes are fine.</p>',
          edited_at: '2026-11-20T09:50:00.000Z',
        }),
      },
    ]);
    expect((await stored(seeded)).edits.map((edit) => edit.text)).toEqual([
      original,
      'Arrived, but the box was crushed.',
    ]);
  });

  it('marks a deleted post with the time, keeps its words, and records it once', async () => {
    const seeded = await heardPost();
    const deletion = fixture('stream-delete.json');
    await store(seeded, [deletion]);
    await store(seeded, [deletion]);
    // A later edit of a deleted post (a late stream event) changes nothing.
    await store(seeded, [fixture('stream-status-update.json')]);
    const after = await stored(seeded);
    expect(after).toMatchObject({
      text: original,
      deleted_at: new Date('2026-11-20T10:02:45.918Z'),
      edited_at: null,
      edits: [],
    });
    expect((await changeEvents(seeded)).map((event) => event.type)).toEqual(['mention.deleted']);
    const conversation = await database.store.db
      .selectFrom('events')
      .select('type')
      .where('conversation_id', '=', after.conversation_id)
      .where('type', '=', 'mention.deleted')
      .execute();
    expect(conversation).toHaveLength(1);
  });

  it('ignores changes to posts the workspace does not hold', async () => {
    const holder = await heardPost();
    const other = await seedWorkspace(database.store.db, 'Other');
    expect(
      await store(other, [fixture('stream-delete.json'), fixture('stream-status-update.json')]),
    ).toEqual({ stored: 0, rejected: 0, authors: [] });
    expect(await changeEvents(other)).toEqual([]);
    // The workspace that does hold the post is untouched by another's stream.
    expect(await stored(holder)).toMatchObject({
      text: original,
      deleted_at: null,
      edited_at: null,
    });
  });

  it('keeps an unreadable change as a rejected record and stores the rest of the batch', async () => {
    const seeded = await heardPost();
    const broken = { ...(fixture('stream-status-update.json') as object), payload: '{"id":' };
    expect(await store(seeded, [broken, fixture('stream-delete.json')])).toEqual({
      stored: 0,
      rejected: 1,
      authors: [],
    });
    expect((await stored(seeded)).deleted_at).not.toBeNull();
  });

  it('takes an X edit (a new post id naming the original) as an edit of the post we hold', async () => {
    const seeded = await seedWorkspace(database.store.db, 'X edits');
    const xFixture = (name: string): unknown =>
      JSON.parse(
        readFileSync(new URL(`../../channels/x/fixtures/${name}`, import.meta.url), 'utf8'),
      );
    await store(seeded, [xFixture('mentions-timeline.json')], 'x');
    await store(seeded, [xFixture('mentions-timeline-edited.json')], 'x');
    const rows = await database.store.db
      .selectFrom('mentions')
      .select(['external_id', 'text', 'edited_at', 'edits'])
      .where('workspace_id', '=', seeded.workspaceId)
      .where('author_external_id', '=', '9876543210')
      .execute();
    expect(rows).toEqual([
      {
        external_id: '1858430000000000003',
        text: "@NorthwindHelp still no refund & it's been 3 weeks. Order <55140>. Chat says it was never paid out?!",
        edited_at: new Date('2026-11-20T11:12:40.000Z'),
        edits: [
          {
            text: "@NorthwindHelp still no refund & it's been 3 weeks. Order <55140>",
            replacedAt: '2026-11-20T11:12:40.000Z',
          },
        ],
      },
    ]);
  });
});
