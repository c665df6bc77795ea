import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { ingestMentions } from '../pipeline/ingest.ts';
import type { Assess } from '../pipeline/ingest.ts';
import { createTestDatabase } from '../../test/helpers/database.ts';
import type { TestDatabase } from '../../test/helpers/database.ts';
import { makeMention, seedWorkspace } from '../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../test/helpers/seed.ts';
import { findTopicsReport } from './reports-topics.ts';
import type { Database } from './schema.ts';

const day = (d: number) => new Date(Date.UTC(2026, 2, d, 12));
// "Love …" is praise; everything else negative.
const assess: Assess = (mention) => {
  const sentiment = mention.text.startsWith('Love') ? 'positive' : 'negative';
  return { priority: 10, sentiment, needsReply: true, language: 'en', details: { sentiment } };
};

let database: TestDatabase;
let db: Kysely<Database>;
let acme: SeededWorkspace;

async function say(d: number, text: string, seeded = acme) {
  const mention = makeMention({ postedAt: day(d), text });
  await ingestMentions(
    db,
    { workspaceId: seeded.workspaceId, brandId: seeded.brandId, mentions: [mention] },
    day(d),
    assess,
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.store.db;
  acme = await seedWorkspace(db, 'Topics');
});

afterAll(() => database.close());

describe('topics report', () => {
  it('ranks terms and phrases rising in negative mentions against the previous period', async () => {
    // Previous week (1–7 March): the checkout was slow. This week (8–14): the login fails.
    await say(2, 'checkout slow');
    await say(3, 'checkout slow again');
    await say(9, 'login fails');
    await say(10, 'Login fails on android');
    await say(11, 'login fails, checkout slow');
    await say(12, 'Love the login fails fix'); // positive: not counted
    await say(20, 'login fails'); // after the range
    const other = await seedWorkspace(db, 'OtherTopics');
    for (const d of [9, 10, 11]) await say(d, 'refund missing', other);

    const report = await findTopicsReport(db, {
      workspaceId: acme.workspaceId,
      from: new Date('2026-03-08T00:00:00Z'),
      to: new Date('2026-03-15T00:00:00Z'),
      timeZone: 'UTC',
    });
    expect(report.previous).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-08T00:00:00.000Z',
    });
    expect(report.negativeMentions).toEqual({ current: 3, previous: 2 });
    expect(report.items).toEqual([
      { topic: 'fails', current: 3, previous: 0, rise: 3 },
      { topic: 'login', current: 3, previous: 0, rise: 3 },
      { topic: 'login fails', current: 3, previous: 0, rise: 3 },
    ]);
  });
});
