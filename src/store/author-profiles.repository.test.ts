import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import type { TestDatabase } from '../../test/helpers/database.ts';
import { makeMention, seedWorkspace } from '../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../test/helpers/seed.ts';
import type { Mention } from '../domain/mention.ts';
import { ingestMentions } from '../pipeline/intake/ingest.ts';
import { findAuthorsNeedingProfile, saveAuthorProfiles } from './author-profiles.repository.ts';
import { listConversationMentions } from './mentions.repository.ts';

let database: TestDatabase;
let seeded: SeededWorkspace;
const now = new Date('2026-12-01T12:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedWorkspace(database.store.db, 'Profiles');
});
afterAll(async () => database?.close());

async function ingest(mention: Mention) {
  await ingestMentions(
    database.store.db,
    {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      channelAccountId: seeded.channelAccountId,
      mentions: [mention],
    },
    now,
  );
}

function identity(network: string, externalId: string) {
  return database.store.db
    .selectFrom('contact_identities as ci')
    .innerJoin('contacts as c', 'c.id', 'ci.contact_id')
    .select(['ci.display_name', 'ci.handle', 'ci.profile_fetched_at', 'c.display_name as contact'])
    .where('ci.workspace_id', '=', seeded.workspaceId)
    .where('ci.network', '=', network)
    .where('ci.external_id', '=', externalId)
    .executeTakeFirstOrThrow();
}

describe("authors' display names", () => {
  it.each(['mastodon', 'x'] as const)(
    'keeps a %s author’s name from their post, and a later post without one never erases it',
    async (network) => {
      const author = { externalId: `${network}-author-1`, handle: 'robin', displayName: 'Robin' };
      await ingest(makeMention({ network, externalId: `${network}-1`, author }));
      expect(await identity(network, author.externalId)).toMatchObject({ display_name: 'Robin' });
      await ingest(
        makeMention({
          network,
          externalId: `${network}-2`,
          author: { externalId: author.externalId, handle: 'robin' },
        }),
      );
      expect(await identity(network, author.externalId)).toMatchObject({ display_name: 'Robin' });
      await ingest(
        makeMention({
          network,
          externalId: `${network}-3`,
          author: { ...author, displayName: 'Robin Banks' },
        }),
      );
      expect(await identity(network, author.externalId)).toMatchObject({
        display_name: 'Robin Banks',
      });
    },
  );

  it('caches a fetched Bluesky name on the identity and the contact, and says when to fetch again', async () => {
    const db = database.store.db;
    const did = 'did:plc:profileaaaaaaaaaaaaaaaaa';
    const post = makeMention({ author: { externalId: did, handle: 'sam.test' } });
    await ingest(post);
    const staleBefore = new Date(now.getTime() - 24 * 60 * 60_000);
    expect(
      await findAuthorsNeedingProfile(db, seeded.workspaceId, 'bluesky', [did], staleBefore),
    ).toEqual([did]);

    await saveAuthorProfiles(
      db,
      seeded.workspaceId,
      'bluesky',
      [{ externalId: did, displayName: 'Sam <b>Sparks</b>' }],
      now,
    );
    expect(await identity('bluesky', did)).toEqual({
      display_name: 'Sam <b>Sparks</b>',
      handle: 'sam.test',
      profile_fetched_at: now,
      // First heard without a name, the contact was named after the handle: now after the person.
      contact: 'Sam <b>Sparks</b>',
    });
    expect(
      await findAuthorsNeedingProfile(db, seeded.workspaceId, 'bluesky', [did], staleBefore),
    ).toEqual([]);
    // A day later it is due again.
    expect(
      await findAuthorsNeedingProfile(
        db,
        seeded.workspaceId,
        'bluesky',
        [did],
        new Date(now.getTime() + 1),
      ),
    ).toEqual([did]);

    // Posts never carry the name: the thread shows the cached one, and a new post keeps it.
    const conversation = await db
      .selectFrom('mentions')
      .select('conversation_id')
      .where('external_id', '=', post.externalId)
      .executeTakeFirstOrThrow();
    const listed = await listConversationMentions(
      db,
      seeded.workspaceId,
      conversation.conversation_id,
    );
    expect(listed.map((m) => [m.author_handle, m.author_display_name])).toEqual([
      ['sam.test', 'Sam <b>Sparks</b>'],
    ]);
    await ingest(makeMention({ author: { externalId: did, handle: 'sam.test' } }));
    expect((await identity('bluesky', did)).display_name).toBe('Sam <b>Sparks</b>');

    // A profile without a name leaves the stored one; a contact named by an agent stays so.
    await db
      .updateTable('contacts')
      .set({ display_name: 'Sam from the shop' })
      .where('workspace_id', '=', seeded.workspaceId)
      .where('display_name', '=', 'Sam <b>Sparks</b>')
      .execute();
    const later = new Date(now.getTime() + 25 * 60 * 60_000);
    await saveAuthorProfiles(
      db,
      seeded.workspaceId,
      'bluesky',
      [{ externalId: did, displayName: undefined }],
      later,
    );
    expect(await identity('bluesky', did)).toMatchObject({
      display_name: 'Sam <b>Sparks</b>',
      profile_fetched_at: later,
    });
    await saveAuthorProfiles(
      db,
      seeded.workspaceId,
      'bluesky',
      [{ externalId: did, displayName: 'Sam S.' }],
      later,
    );
    expect(await identity('bluesky', did)).toMatchObject({
      display_name: 'Sam S.',
      contact: 'Sam from the shop',
    });
  });

  it('leaves an erased contact alone', async () => {
    const db = database.store.db;
    const did = 'did:plc:erasedaaaaaaaaaaaaaaaaaa';
    await ingest(makeMention({ author: { externalId: did, handle: 'gone.test' } }));
    const { contact_id } = await db
      .selectFrom('contact_identities')
      .select('contact_id')
      .where('external_id', '=', did)
      .executeTakeFirstOrThrow();
    await db.updateTable('contacts').set({ erased_at: now }).where('id', '=', contact_id).execute();
    expect(await findAuthorsNeedingProfile(db, seeded.workspaceId, 'bluesky', [did], now)).toEqual(
      [],
    );
    await saveAuthorProfiles(
      db,
      seeded.workspaceId,
      'bluesky',
      [{ externalId: did, displayName: 'Named' }],
      now,
    );
    expect((await identity('bluesky', did)).display_name).toBeNull();
  });
});
