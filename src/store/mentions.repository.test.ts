import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import type { TestDatabase } from '../../test/helpers/database.ts';
import { makeMention, seedWorkspace } from '../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../test/helpers/seed.ts';
import { ingestMentions } from '../pipeline/intake/ingest.ts';
import { analyzeIngestTables, findStoredMentions } from './mentions.repository.ts';

let database: TestDatabase;
let seeded: SeededWorkspace;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedWorkspace(database.store.db, 'Arrays');
});
afterAll(async () => database?.close());

// Mentions go in as one array parameter per column: text that array literals must escape.
const awkward = [
  'quotes " and \' and `',
  'backslash \\ and \\" and {braces, commas}',
  'NULL',
  '',
  'emoji 🙂‍↔️ and 中文 and RTL ‏עברית',
  'line\nbreaks\r\nand\ttabs',
  '{"looks": "like json"}',
];

describe('mentions in and out', () => {
  it('stores every column of a batch exactly, awkward text, nulls and JSON included', async () => {
    const { db } = database.store;
    const postedAt = new Date('2026-11-20T09:14:03.123Z');
    const mentions = awkward.map((text, index) =>
      makeMention({
        externalId: `awkward-${index} ${text}`,
        text,
        author: {
          externalId: `author-${index}`,
          handle: text || 'h',
          ...(index % 2 ? { displayName: text, followers: index * 1000 } : {}),
        },
        postedAt,
        ...(index % 2 ? { url: `https://example.test/${index}`, language: 'en' } : {}),
        isPrivate: index === 3,
        fromBrand: index === 4,
        engagement: { likes: index, reposts: 0, replies: 1, quotes: 2 },
        raw: { text, nested: [text, null, index] },
      }),
    );
    await ingestMentions(
      db,
      { workspaceId: seeded.workspaceId, brandId: seeded.brandId, mentions },
      new Date('2026-11-20T10:00:00Z'),
    );
    const rows = await db
      .selectFrom('mentions')
      .selectAll()
      .where('workspace_id', '=', seeded.workspaceId)
      .execute();
    expect(rows).toHaveLength(awkward.length);
    for (const [index, mention] of mentions.entries()) {
      const row = rows.find((r) => r.external_id === mention.externalId)!;
      expect(row.text).toBe(mention.text);
      expect(row.author_handle).toBe(mention.author.handle);
      // Ingest keeps an empty display name as none.
      expect(row.author_display_name).toBe(mention.author.displayName || null);
      expect(row.author_followers).toBe(mention.author.followers ?? null);
      expect(row.url).toBe(mention.url ?? null);
      expect(row.language).toBe(mention.language ?? null);
      expect(row.is_private).toBe(index === 3);
      expect(row.from_brand).toBe(index === 4);
      expect(new Date(row.posted_at as Date).toISOString()).toBe(postedAt.toISOString());
      expect(row.engagement).toEqual(mention.engagement);
      expect(row.raw).toEqual(mention.raw);
      expect(row.triage).toBeNull();
    }
  });

  it("deletes a workspace's mentions with it (through their conversations)", async () => {
    const { db } = database.store;
    const doomed = await seedWorkspace(db, 'Doomed');
    await ingestMentions(
      db,
      { workspaceId: doomed.workspaceId, brandId: doomed.brandId, mentions: [makeMention()] },
      new Date(),
    );
    await db.deleteFrom('workspaces').where('id', '=', doomed.workspaceId).execute();
    const left = await db
      .selectFrom('mentions')
      .select('id')
      .where('workspace_id', '=', doomed.workspaceId)
      .execute();
    expect(left).toEqual([]);
  });

  it('finds which external ids are stored, and only in the workspace and network asked', async () => {
    const { db } = database.store;
    await analyzeIngestTables(db);
    const other = await seedWorkspace(db, 'Elsewhere');
    const ids = awkward.map((text, index) => `awkward-${index} ${text}`);
    const found = await findStoredMentions(db, seeded.workspaceId, 'bluesky', [
      ...ids,
      'never-stored',
    ]);
    expect(found.map((row) => row.external_id).sort()).toEqual([...ids].sort());
    expect(await findStoredMentions(db, other.workspaceId, 'bluesky', ids)).toEqual([]);
    expect(await findStoredMentions(db, seeded.workspaceId, 'mastodon', ids)).toEqual([]);
    expect(await findStoredMentions(db, seeded.workspaceId, 'bluesky', [])).toEqual([]);
  });
});
