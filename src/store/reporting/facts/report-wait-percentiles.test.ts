import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setStatus } from '../../../domain/conversation.ts';
import type { Mention } from '../../../domain/mention.ts';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { ingestMentions } from '../../../pipeline/intake/ingest.ts';
import { createTestDatabase } from '../../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../../test/helpers/database.ts';
import { makeMention, seedWorkspace } from '../../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../../test/helpers/seed.ts';
import {
  findConversationForUpdate,
  saveTransition,
  toConversation,
} from '../../conversations.repository.ts';
import { foldPendingReportFacts } from './report-facts-fold.ts';
import { summarizeWaits } from './report-wait-percentiles.ts';
import type { WaitMeasure } from './report-wait-percentiles.ts';
import type { Database } from '../../schema.ts';

const t0 = new Date('2026-05-04T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const hours = (n: number) => n * 3600;

let database: TestDatabase;
let db: Kysely<Database>;
let acme: SeededWorkspace;
const conversationCount = 150;

/**
 * A deterministic spread of waits: under a second to three days, with fractions, and a quarter
 * of them exactly two hours (alone in their bucket, which holds the median).
 */
function waitOf(i: number): number {
  if (i % 37 === 0) return 0.25 + (i % 5) / 10;
  if (i % 41 === 0) return hours(72) + i;
  if (i % 4 === 1) return hours(2);
  const wait = ((i * 7919) % 1000) ** 2 / 37 + (i % 7) / 8;
  return wait > 6000 && wait < 9000 ? wait + 3000 : wait;
}

async function ingest(mentions: Mention[]) {
  await ingestMentions(
    db,
    {
      workspaceId: acme.workspaceId,
      brandId: acme.brandId,
      channelAccountId: acme.channelAccountId,
      mentions,
    },
    new Date(),
  );
}

const brand = { externalId: 'did:plc:brand', handle: 'acme.test', followers: 10 };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.store.db;
  acme = await seedWorkspace(db, 'Waits');
  // Customers post over five days at odd seconds; the brand answers each after waitOf(i); a
  // third write again after the answer and get a second answer (next-response turns).
  const posts = Array.from({ length: conversationCount }, (_, i) =>
    makeMention({ externalId: `post-${i}`, postedAt: at(i * 2881 + 17) }),
  );
  const answerAt = (i: number) => i * 2881 + 17 + waitOf(i);
  const answers = posts.map((post, i) =>
    makeMention({
      externalId: `answer-${i}`,
      author: brand,
      fromBrand: true,
      postedAt: at(answerAt(i)),
      parentExternalId: post.externalId,
      rootExternalId: post.externalId,
    }),
  );
  const again = posts.flatMap((post, i) =>
    i % 3 === 0
      ? [
          makeMention({
            externalId: `again-${i}`,
            author: post.author,
            postedAt: at(answerAt(i) + 600 + i),
            parentExternalId: `answer-${i}`,
            rootExternalId: post.externalId,
          }),
        ]
      : [],
  );
  const secondAnswers = again.map((mention, k) =>
    makeMention({
      externalId: `answer-again-${k}`,
      author: brand,
      fromBrand: true,
      postedAt: new Date(mention.postedAt.getTime() + waitOf(k + 500) * 1000),
      parentExternalId: mention.externalId,
      rootExternalId: mention.rootExternalId,
    }),
  );
  for (const batch of [posts, answers, again, secondAnswers]) await ingest(batch);
  // Half the conversations are resolved some time after they started.
  const { rows } = await sql<{ id: string; root: string }>`select id, root_external_id as root
    from conversations where workspace_id = ${acme.workspaceId}`.execute(db);
  for (const row of rows) {
    const i = Number(row.root.replace('post-', ''));
    if (i % 2 !== 0) continue;
    const current = await findConversationForUpdate(db, acme.workspaceId, row.id);
    const resolved = setStatus(
      toConversation(current!),
      'resolved',
      { type: 'system' },
      at(i * 2881 + 17 + waitOf(i + 1000) * 3),
    );
    if (!resolved.ok) throw new Error(resolved.message);
    await saveTransition(db, resolved);
  }
  await foldPendingReportFacts(db, acme.workspaceId);
}, 120_000);

afterAll(() => database.close());

/** What percentile_cont and avg say over every fact of the measure: the old query, verbatim. */
async function expected(filter: ReportFilter, measure: WaitMeasure) {
  const facts =
    measure === 'resolution'
      ? sql`select f.resolution_seconds as seconds from report_flow f
          where f.kind = 'resolved' and f.started_at is not null`
      : sql`select f.wait_seconds as seconds from report_messages f where f.turn = ${measure}`;
  const { rows } = await sql<{
    count: number;
    median: number | null;
    p90: number | null;
    mean: number | null;
    within: number;
  }>`select count(seconds)::int as count,
      percentile_cont(0.5) within group (order by seconds) as median,
      percentile_cont(0.9) within group (order by seconds) as p90,
      avg(seconds)::float8 as mean, (count(*) filter (where seconds <= 3600))::int as within
    from (${facts} and f.workspace_id = ${filter.workspaceId}
      ${filter.brandId ? sql`and f.brand_id = ${filter.brandId}` : sql``}
      ${filter.network ? sql`and f.network = ${filter.network}` : sql``}
      and f.at >= ${filter.from} and f.at < ${filter.to}) t`.execute(db);
  return rows[0]!;
}

describe('exact wait percentiles from the histograms', () => {
  it('equal percentile_cont over every wait, for ranges cut anywhere and every slice', async () => {
    const ranges: Array<[number, number]> = [
      [-hours(1), hours(24 * 6)], // whole days and both ends
      [hours(13.3), hours(24 * 3.7)],
      [hours(30), hours(31.5)], // inside one day: the facts alone
      [hours(24), hours(72)], // whole days only
    ];
    let compared = 0;
    for (const [from, to] of ranges) {
      for (const narrow of [
        {},
        { brandId: acme.brandId },
        { brandId: acme.brandId, network: 'bluesky' },
      ]) {
        const filter: ReportFilter = {
          workspaceId: acme.workspaceId,
          from: at(from),
          to: at(to),
          timeZone: 'UTC',
          ...narrow,
        };
        for (const measure of ['first', 'next', 'resolution'] as const) {
          const summary = await summarizeWaits(db, filter, measure);
          const truth = await expected(filter, measure);
          expect(summary.count).toBe(truth.count);
          expect(summary.medianSeconds).toBe(truth.median);
          expect(summary.p90Seconds).toBe(truth.p90);
          if (truth.count === 0) expect(summary.meanSeconds).toBeNull();
          else {
            expect(summary.meanSeconds).toBeCloseTo(truth.mean!, 6);
            expect(summary.withinHourShare).toBe(truth.within / truth.count);
            compared += 1;
          }
        }
      }
    }
    // Most comparisons had waits to compare (not a suite of empty ranges).
    expect(compared).toBeGreaterThan(25);
  });

  it('keeps the day histograms equal to a fresh count of the facts after changes', async () => {
    // A new exchange today and a conversation resolved again change the folded days.
    const post = makeMention({ externalId: 'late-post', postedAt: at(hours(50)) });
    await ingest([post]);
    await ingest([
      makeMention({
        externalId: 'late-answer',
        author: brand,
        fromBrand: true,
        postedAt: at(hours(50) + 42.5),
        parentExternalId: 'late-post',
        rootExternalId: 'late-post',
      }),
    ]);
    await foldPendingReportFacts(db, acme.workspaceId);
    const { rows } = await sql<{ differing: number }>`with rollup as (
        select measure, day, bucket, waits, within_hour from report_wait_days
        where workspace_id = ${acme.workspaceId} and slice = 'all'),
      recount as (
        select measure, day, bucket, count(*)::int as waits,
          (count(*) filter (where seconds <= 3600))::int as within_hour
        from (select turn as measure, (at at time zone 'UTC')::date as day, wait_bucket as bucket,
            wait_seconds as seconds from report_messages
            where workspace_id = ${acme.workspaceId} and wait_bucket is not null
          union all
          select 'resolution', (at at time zone 'UTC')::date, wait_bucket, resolution_seconds
            from report_flow where workspace_id = ${acme.workspaceId} and wait_bucket is not null) f
        group by measure, day, bucket)
      select count(*)::int as differing from (
        (select * from rollup except select * from recount)
        union all (select * from recount except select * from rollup)) d`.execute(db);
    expect(rows[0]!.differing).toBe(0);
    const filter = {
      workspaceId: acme.workspaceId,
      from: at(hours(48)),
      to: at(hours(72)),
      timeZone: 'UTC',
    };
    const summary = await summarizeWaits(db, filter, 'first');
    const truth = await expected(filter, 'first');
    expect(summary.count).toBe(truth.count);
    expect(summary.medianSeconds).toBe(truth.median);
  });
});
