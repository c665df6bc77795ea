import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { localDay } from '../../../domain/report-filter.ts';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { dayRange } from '../../../domain/report-series.ts';
import { share } from '../../../domain/report-stats.ts';
import { conversationConditions } from './reports-scope.ts';
import type { Database } from '../../schema.ts';

interface Ratings {
  reviews: number;
  averageRating: number | null;
}

interface Answers {
  /** Reviews (each review's first rated post; an edit is the same review) written in the range. */
  threads: number;
  answered: number;
  answeredShare: number | null;
  /** From the review to the team's first answer (a reply sent, or marked answered elsewhere). */
  medianSecondsToAnswer: number | null;
  meanSecondsToAnswer: number | null;
}

export interface ReviewsReport extends Ratings, Answers {
  /** The average of the period just before, as long as this one: the rating's direction. */
  previousAverageRating: number | null;
  /** Stars 1 to 5, each listed. */
  distribution: Array<{ stars: number; reviews: number }>;
  bySite: Array<{ site: string } & Ratings & Answers>;
  byBrand: Array<{ brandId: string; name: string } & Ratings & Answers>;
  /** Per day of the filter's zone, days without reviews included. */
  trend: Array<{ day: string } & Ratings>;
}

type RatingRow = { day: string; site: string; brand_id: string; stars: number; reviews: number };
type AnswerRow = {
  site: string | null;
  brand_id: string | null;
  by_site: number;
  by_brand: number;
  threads: number;
  answered: number;
  median_seconds: number | null;
  mean_seconds: number | null;
};

/**
 * Reviews (rated customer posts, migration 0037) written in the range: their average, spread and
 * trend by day, by site and by brand; and how many were answered and how fast. Every rating
 * counts (an edited review's new stars too); answers count once per review.
 */
export async function findReviewsReport(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<ReviewsReport> {
  const rated = sql`from mentions m
    join conversations c on c.id = m.conversation_id and ${conversationConditions(filter)}
    where m.workspace_id = ${filter.workspaceId} and m.rating is not null and not m.from_brand`;
  const { rows } = await sql<RatingRow>`
    select to_char(m.posted_at at time zone ${filter.timeZone}, 'YYYY-MM-DD') as day,
      coalesce(m.review_site, m.network) as site, c.brand_id, m.rating as stars,
      count(*)::int as reviews
    ${rated} and m.posted_at >= ${filter.from} and m.posted_at < ${filter.to}
    group by 1, 2, 3, 4`.execute(db);
  const span = filter.to.getTime() - filter.from.getTime();
  const { rows: before } = await sql<{ stars: number; reviews: number }>`
    select m.rating as stars, count(*)::int as reviews
    ${rated} and m.posted_at >= ${new Date(filter.from.getTime() - span)}
      and m.posted_at < ${filter.from}
    group by 1`.execute(db);
  // Null while unanswered (greatest() would skip the null and say 0).
  const wait = sql`case when c.first_responded_at is not null
    then greatest(0, extract(epoch from c.first_responded_at - m.posted_at)) end`;
  const { rows: answers } = await sql<AnswerRow>`
    select coalesce(m.review_site, m.network) as site, c.brand_id,
      grouping(coalesce(m.review_site, m.network))::int as by_brand,
      grouping(c.brand_id)::int as by_site,
      count(*)::int as threads, count(c.first_responded_at)::int as answered,
      percentile_cont(0.5) within group (order by ${wait})::float8 as median_seconds,
      avg(${wait})::float8 as mean_seconds
    ${rated} and m.posted_at >= ${filter.from} and m.posted_at < ${filter.to}
      and not exists (select 1 from mentions e where e.conversation_id = m.conversation_id
        and e.rating is not null and not e.from_brand and e.posted_at < m.posted_at)
    group by grouping sets ((), (coalesce(m.review_site, m.network)), (c.brand_id))`.execute(db);
  const brandNames = new Map(
    (
      await db
        .selectFrom('brands')
        .select(['id', 'name'])
        .where('workspace_id', '=', filter.workspaceId)
        .execute()
    ).map((brand) => [brand.id, brand.name]),
  );
  const overall = answers.find((row) => row.by_site === 1 && row.by_brand === 1);
  const sites = [...new Set(rows.map((row) => row.site))].sort();
  const brands = [...new Set(rows.map((row) => row.brand_id))];
  const lastDay = localDay(new Date(filter.to.getTime() - 1), filter.timeZone);
  return {
    ...ratingsOf(rows),
    previousAverageRating: ratingsOf(before).averageRating,
    ...answersOf(overall),
    distribution: [1, 2, 3, 4, 5].map((stars) => ({
      stars,
      reviews: ratingsOf(rows.filter((row) => row.stars === stars)).reviews,
    })),
    bySite: sites.map((site) => ({
      site,
      ...ratingsOf(rows.filter((row) => row.site === site)),
      ...answersOf(
        answers.find((row) => row.by_site === 1 && row.by_brand === 0 && row.site === site),
      ),
    })),
    byBrand: brands
      .map((brandId) => ({
        brandId,
        name: brandNames.get(brandId) ?? '',
        ...ratingsOf(rows.filter((row) => row.brand_id === brandId)),
        ...answersOf(
          answers.find(
            (row) => row.by_brand === 1 && row.by_site === 0 && row.brand_id === brandId,
          ),
        ),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    trend: dayRange(localDay(filter.from, filter.timeZone), lastDay).map((day) => ({
      day,
      ...ratingsOf(rows.filter((row) => row.day === day)),
    })),
  };
}

function ratingsOf(rows: ReadonlyArray<{ stars: number; reviews: number }>): Ratings {
  const reviews = rows.reduce((sum, row) => sum + row.reviews, 0);
  const total = rows.reduce((sum, row) => sum + row.stars * row.reviews, 0);
  return { reviews, averageRating: reviews === 0 ? null : total / reviews };
}

function answersOf(row: AnswerRow | undefined): Answers {
  return {
    threads: row?.threads ?? 0,
    answered: row?.answered ?? 0,
    answeredShare: share(row?.answered ?? 0, row?.threads ?? 0),
    medianSecondsToAnswer: row?.median_seconds ?? null,
    meanSecondsToAnswer: row?.mean_seconds ?? null,
  };
}
