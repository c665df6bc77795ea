import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { ingestMentions } from '../../../pipeline/intake/ingest.ts';
import type { Assess } from '../../../pipeline/intake/ingest.ts';
import { createTestDatabase } from '../../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../../test/helpers/database.ts';
import { makeMention, seedWorkspace } from '../../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../../test/helpers/seed.ts';
import { createBrand } from '../../brands.repository.ts';
import { setMentionHidden } from '../../moderation.repository.ts';
import { findTopicsReport } from './reports-topics.ts';
import type { Database } from '../../schema.ts';

const day = (d: number) => new Date(Date.UTC(2026, 2, d, 12));
// "Love …" is praise; everything else negative.
const assess: Assess = (mention) => {
  const sentiment = mention.text.startsWith('Love') ? 'positive' : 'negative';
  return { priority: 10, sentiment, needsReply: true, language: 'en', details: { sentiment } };
};

/** The week of 8–14 March (the previous period: 1–7 March). */
const week = (workspaceId: string) => ({
  workspaceId,
  from: new Date('2026-03-08T00:00:00Z'),
  to: new Date('2026-03-15T00:00:00Z'),
  timeZone: 'UTC',
});

let database: TestDatabase;
let db: Kysely<Database>;
let acme: SeededWorkspace;

async function say(d: number | Date, text: string, seeded = acme) {
  const at = typeof d === 'number' ? day(d) : d;
  const mention = makeMention({ postedAt: at, text });
  await ingestMentions(
    db,
    { workspaceId: seeded.workspaceId, brandId: seeded.brandId, mentions: [mention] },
    at,
    assess,
  );
  return mention.externalId;
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

    const report = await findTopicsReport(db, week(acme.workspaceId));
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

  it('counts every negative mention, hidden ones out, while reading only the latest', async () => {
    const capped = await seedWorkspace(db, 'CappedTopics');
    const other = await createBrand(db, capped.workspaceId, {
      ...{ name: 'Other brand', handles: [], keywords: [], isCompetitor: false },
    });
    const otherBrand = { ...capped, brandId: other.id };
    const at = (d: number, hour: number) => new Date(Date.UTC(2026, 2, d, hour));
    // Previous week: the login failed twice, then the app was slow.
    await say(at(2, 9), 'login fails', capped);
    await say(at(3, 9), 'login fails', capped);
    await say(at(4, 9), 'slow app', capped);
    // This week: the login still fails twice, then payments are declined; one more decline is
    // hidden (spam), another brand's refund is missing, and praise is not negative.
    await say(at(9, 9), 'login fails', capped);
    await say(at(10, 9), 'login fails', capped);
    await say(at(11, 9), 'payment declined', capped);
    await say(at(12, 9), 'payment declined', capped);
    const hidden = await say(at(13, 9), 'payment declined', capped);
    await say(at(12, 10), 'refund missing', otherBrand);
    await say(at(13, 10), 'Love the app', capped);
    const { id } = await db
      .selectFrom('mentions')
      .select('id')
      .where('external_id', '=', hidden)
      .executeTakeFirstOrThrow();
    await setMentionHidden(db, id, { at: at(14, 0), reason: 'spam' });

    const filter = week(capped.workspaceId);
    const oneBrand = { ...filter, brandId: capped.brandId };
    // Two texts a period: this week's two declines against the slow app and a login failure.
    const report = await findTopicsReport(db, oneBrand, 2);
    expect(report.negativeMentions).toEqual({ current: 4, previous: 3 });
    expect(report.textsRead).toEqual({ current: 2, previous: 2 });
    expect(report.items).toEqual([
      { topic: 'declined', current: 2, previous: 0, rise: 2 },
      { topic: 'payment', current: 2, previous: 0, rise: 2 },
      { topic: 'payment declined', current: 2, previous: 0, rise: 2 },
    ]);
    // Read in full (under the cap), the same mentions are counted the same.
    const full = await findTopicsReport(db, oneBrand);
    expect(full.negativeMentions).toEqual({ current: 4, previous: 3 });
    expect(full.textsRead).toEqual({ current: 4, previous: 3 });
    expect(full.items.map((item) => item.topic)).toEqual([
      'declined',
      'payment',
      'payment declined',
    ]);
    // Days cut at 06:00: the first mention of each period is counted from the facts at its end.
    const shifted = {
      ...oneBrand,
      from: new Date('2026-03-09T06:00:00Z'),
      to: new Date('2026-03-16T06:00:00Z'),
    };
    expect((await findTopicsReport(db, shifted, 2)).negativeMentions).toEqual({
      current: 4,
      previous: 3,
    });
    // The whole workspace: the other brand's refund too, read as the latest text.
    const workspace = await findTopicsReport(db, filter, 2);
    expect(workspace.negativeMentions).toEqual({ current: 5, previous: 3 });
    expect(workspace.textsRead).toEqual({ current: 2, previous: 2 });
    expect(workspace.items.map((item) => item.topic)).toEqual([]);
    expect((await findTopicsReport(db, filter)).negativeMentions).toEqual({
      current: 5,
      previous: 3,
    });
  });

  it('reads each of two mentions a conversation got at the same instant once', async () => {
    const twice = await seedWorkspace(db, 'SameInstantTopics');
    const at = new Date('2026-03-10T09:00:00Z');
    const first = makeMention({ postedAt: at, text: 'parcel lost' });
    const second = makeMention({
      postedAt: at,
      text: 'parcel lost again',
      parentExternalId: first.externalId,
      rootExternalId: first.externalId,
    });
    await ingestMentions(
      db,
      { workspaceId: twice.workspaceId, brandId: twice.brandId, mentions: [first, second] },
      at,
      assess,
    );
    const { conversations } = await db
      .selectFrom('mentions')
      .select((eb) => eb.fn.count<string>('conversation_id').distinct().as('conversations'))
      .where('workspace_id', '=', twice.workspaceId)
      .executeTakeFirstOrThrow();
    expect(Number(conversations)).toBe(1);
    const report = await findTopicsReport(db, {
      ...week(twice.workspaceId),
      brandId: twice.brandId,
    });
    expect(report.textsRead).toEqual({ current: 2, previous: 0 });
    expect(report.items).toEqual([
      { topic: 'lost', current: 2, previous: 0, rise: 2 },
      { topic: 'parcel', current: 2, previous: 0, rise: 2 },
      { topic: 'parcel lost', current: 2, previous: 0, rise: 2 },
    ]);
  });
});
