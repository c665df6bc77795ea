import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { ingestMentions } from '../../../pipeline/intake/ingest.ts';
import type { Assess } from '../../../pipeline/intake/ingest.ts';
import { createTestDatabase } from '../../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../../test/helpers/database.ts';
import { makeMention, seedWorkspace } from '../../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../../test/helpers/seed.ts';
import { createBrand } from '../../brands.repository.ts';
import { findCompetitorReport } from './reports-competitors.ts';
import { findResponseReport } from './reports-responses.ts';
import type { Database } from '../../schema.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

// "Love …" is praise, "Meh …" neutral, anything else a complaint.
const assess: Assess = (mention) => {
  const sentiment = mention.text.startsWith('Love')
    ? 'positive'
    : mention.text.startsWith('Meh')
      ? 'neutral'
      : 'negative';
  return {
    priority: 10,
    sentiment,
    needsReply: true,
    language: 'en',
    details: { sentiment, complaint: sentiment === 'negative', intent: 'other', spam: false },
  };
};

let database: TestDatabase;
let db: Kysely<Database>;
let acme: SeededWorkspace;
let filter: ReportFilter;

/** A customer post to a brand, and the brand's public answer `answerAfter` minutes later. */
async function post(
  brandId: string,
  minute: number,
  text: string,
  answerAfter?: number,
  workspaceId = acme.workspaceId,
) {
  const root = makeMention({ postedAt: at(minute), text });
  const mentions = [root];
  if (answerAfter !== undefined)
    mentions.push(
      makeMention({
        postedAt: at(minute + answerAfter),
        text: 'Sorry, DM us',
        author: { externalId: `did:plc:${brandId}`, handle: 'brand.test' },
        fromBrand: true,
        parentExternalId: root.externalId,
        rootExternalId: root.externalId,
      }),
    );
  for (const mention of mentions)
    await ingestMentions(db, { workspaceId, brandId, mentions: [mention] }, at(-1), assess);
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.store.db;
  acme = await seedWorkspace(db, 'Voice');
  filter = { workspaceId: acme.workspaceId, from: at(-60), to: at(1440), timeZone: 'UTC' };
});

afterAll(() => database.close());

describe('competitor report', () => {
  it('gives each brand its share of voice, sentiment split and public response time', async () => {
    const rival = await createBrand(db, acme.workspaceId, {
      name: 'Rival',
      handles: [],
      keywords: [],
      isCompetitor: true,
    });
    await post(acme.brandId, 0, 'Love it');
    await post(acme.brandId, 10, 'Broken again', 30);
    await post(rival.id, 0, 'Meh, fine', 120);
    await post(rival.id, 5, 'Love the new app');
    await post(rival.id, 20, 'Refund please', 60);
    await post(rival.id, 2000, 'After the range'); // outside the range
    const other = await seedWorkspace(db, 'OtherVoice');
    await ingestMentions(
      db,
      {
        workspaceId: other.workspaceId,
        brandId: other.brandId,
        mentions: [makeMention({ postedAt: at(0) })],
      },
      at(-1),
      assess,
    );

    const brands = await findCompetitorReport(db, filter);
    expect(brands.map((brand) => brand.name)).toHaveLength(2);
    const own = brands.find((brand) => brand.brandId === acme.brandId)!;
    const competitor = brands.find((brand) => brand.brandId === rival.id)!;
    expect(own).toMatchObject({ isCompetitor: false, mentions: 2, positive: 1, negative: 1 });
    expect(own.shareOfVoice).toBeCloseTo(2 / 5);
    expect(own.firstResponse).toMatchObject({ count: 1, medianSeconds: 1800 });
    expect(competitor).toMatchObject({
      isCompetitor: true,
      mentions: 3,
      positive: 1,
      neutral: 1,
      negative: 1,
      unknown: 0,
    });
    expect(competitor.shareOfVoice).toBeCloseTo(3 / 5);
    // Answers after 120 and 60 minutes: median 90 minutes, half within the hour.
    expect(competitor.firstResponse).toMatchObject({
      count: 2,
      medianSeconds: 5400,
      meanSeconds: 5400,
      withinHourShare: 0.5,
    });
  });

  it('reports several competitors at once, each as the responses report counts it', async () => {
    const seeded = await seedWorkspace(db, 'ManyVoices');
    const brandIds = [seeded.brandId];
    for (const name of ['Zeta', 'Alpha', 'Mid']) {
      const brand = await createBrand(db, seeded.workspaceId, {
        name,
        handles: [],
        keywords: [],
        isCompetitor: true,
      });
      brandIds.push(brand.id);
    }
    const [own, zeta, alpha] = brandIds as [string, string, string, string];
    const ws = seeded.workspaceId;
    await post(own, 0, 'Broken', 10, ws);
    await post(zeta, 0, 'Love it', 5, ws);
    await post(zeta, 3, 'Broken', 15, ws);
    await post(zeta, 4, 'Meh', undefined, ws);
    await post(alpha, 1, 'Broken', 45, ws);
    // "Mid" has no mentions at all: listed with nothing counted.
    const scope = { ...filter, workspaceId: seeded.workspaceId };
    const brands = await findCompetitorReport(db, scope);
    // Own brands first, then competitors by name.
    expect(brands.map((brand) => [brand.name, brand.mentions])).toEqual([
      ['ManyVoices Brand', 1],
      ['Alpha', 1],
      ['Mid', 0],
      ['Zeta', 3],
    ]);
    expect(brands.find((brand) => brand.brandId === zeta)).toMatchObject({
      positive: 1,
      neutral: 1,
      negative: 1,
      shareOfVoice: 3 / 5,
      firstResponse: { count: 2, medianSeconds: 600, meanSeconds: 600 },
    });
    expect(brands.find((brand) => brand.name === 'Mid')).toMatchObject({
      shareOfVoice: 0,
      firstResponse: { count: 0, medianSeconds: null },
      responseRate: null,
    });
    for (const brand of brands) {
      const alone = await findResponseReport(db, { ...scope, brandId: brand.brandId });
      expect(brand.firstResponse, brand.name).toEqual(alone.firstResponse);
      expect(brand.responseRate, brand.name).toEqual(alone.responseRate);
    }
    const onMastodon = await findCompetitorReport(db, { ...scope, network: 'mastodon' });
    expect(onMastodon.every((brand) => brand.mentions === 0 && brand.shareOfVoice === null)).toBe(
      true,
    );
  });
  it('leaves hidden and spam mentions out of the voice, in whole days (rollups) and at the ends', async () => {
    // From the evening before to two days later: the day of the posts is read from the rollups.
    const wide = { ...filter, from: at(-600), to: at(2340) };
    const own = (brands: Awaited<ReturnType<typeof findCompetitorReport>>) =>
      brands.find((brand) => brand.brandId === acme.brandId)!;
    const before = own(await findCompetitorReport(db, wide));
    await post(acme.brandId, 300, 'Love this, hidden later');
    await post(acme.brandId, 310, 'Buy followers cheap');
    await post(acme.brandId, 320, 'Meh, it counts');
    await sql`update mentions set hidden_at = now()
      where workspace_id = ${acme.workspaceId} and text = 'Love this, hidden later'`.execute(db);
    await sql`update mentions set triage = triage || '{"spam": true}'::jsonb
      where workspace_id = ${acme.workspaceId} and text = 'Buy followers cheap'`.execute(db);
    const after = await findCompetitorReport(db, wide);
    expect(own(after)).toMatchObject({
      mentions: before.mentions + 1,
      neutral: before.neutral + 1,
      positive: before.positive,
      negative: before.negative,
    });
    // The same figures from the facts alone (a network filter reads no rollup).
    expect(await findCompetitorReport(db, { ...wide, network: 'bluesky' })).toEqual(after);
  });
});
