import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { fillHeatMap, sentimentTrend } from '../../../domain/report-series.ts';
import type { HeatCell, SentimentDay } from '../../../domain/report-series.ts';
import { localDay } from '../../../domain/report-filter.ts';
import { foldPendingReportFacts } from '../facts/report-facts-fold.ts';
import {
  atWithin,
  dayMs,
  factConditions,
  measureRows,
  rollupPlan,
} from '../facts/report-facts-scope.ts';
import type { Database } from '../../schema.ts';

const volumeDimensions = [
  'network',
  'brand',
  'intent',
  'category',
  'sentiment',
  'socialIntent',
  'language',
] as const;
type VolumeDimension = (typeof volumeDimensions)[number];

export interface VolumeRow {
  dimension: VolumeDimension;
  /** null: not known (a mention triage did not label). */
  value: string | null;
  mentions: number;
}

/**
 * Customer mentions counted by network, brand, intent, category, sentiment, socialIntent (what
 * the author was doing) and language: whole
 * UTC days from the daily label rollup, the ends of the range from the message facts.
 */
export async function findVolumeReport(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<VolumeRow[]> {
  await foldPendingReportFacts(db, filter.workspaceId);
  const plan = rollupPlan(filter, dayMs);
  const days = plan.rollup
    ? sql`select dimension, value as label, mentions from report_label_days
        where workspace_id = ${filter.workspaceId} and slice = ${plan.rollup.slice}
          and slice_value = ${plan.rollup.value} and dimension not in ('voice', 'reply')
          and day >= ${localDay(plan.rollup.from, 'UTC')}::date
          and day < ${localDay(plan.rollup.to, 'UTC')}::date
        union all`
    : sql``;
  const { rows } = await sql<{
    dimension: VolumeDimension;
    label: string | null;
    mentions: number;
  }>`
    select dimension, case when dimension = 'brand'
        then (select b.name from brands b where b.id::text = label) else label end as label,
      sum(mentions)::int as mentions
    from (${days}
      select d.dimension, d.label, 1 as mentions from report_messages f
      cross join lateral (values ('network', f.mention_network), ('brand', f.brand_id::text),
        ('intent', f.intent), ('category', f.category), ('sentiment', f.sentiment),
        ('socialIntent', f.social_intent), ('language', f.language)) d(dimension, label)
      where ${factConditions(filter)} and not f.by_brand and ${atWithin(plan.factSpans)}) x
    group by 1, 2`.execute(db);
  const order = (dimension: VolumeDimension) => volumeDimensions.indexOf(dimension);
  return rows
    .map((row) => ({ dimension: row.dimension, value: row.label, mentions: row.mentions }))
    .sort((a, b) => order(a.dimension) - order(b.dimension) || b.mentions - a.mentions);
}

/** When customers write and when the team answers, by hour of the week in the filter's zone. */
export async function findHeatMap(db: Kysely<Database>, filter: ReportFilter): Promise<HeatCell[]> {
  await foldPendingReportFacts(db, filter.workspaceId);
  const { rows } = await sql<HeatCell>`
    select extract(isodow from at at time zone ${filter.timeZone})::int as weekday,
      extract(hour from at at time zone ${filter.timeZone})::int as hour,
      sum(customer_messages)::int as "customerMessages", sum(team_replies)::int as "teamReplies"
    from (${measureRows(filter)}) m group by 1, 2`.execute(db);
  return fillHeatMap(rows);
}

/** How customers felt, day by day (in the filter's zone), with days without mentions. */
export async function findSentimentTrend(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<SentimentDay[]> {
  await foldPendingReportFacts(db, filter.workspaceId);
  const { rows } = await sql<{ day: string; sentiment: string | null; count: number }>`
    select day, s.sentiment, sum(s.count)::int as count
    from (select to_char(at at time zone ${filter.timeZone}, 'YYYY-MM-DD') as day,
        sum(positive) as positive, sum(neutral) as neutral, sum(negative) as negative,
        sum(other_sentiment) as other
      from (${measureRows(filter)}) m group by 1) d
    cross join lateral (values ('positive', positive), ('neutral', neutral),
      ('negative', negative), (null, other)) s(sentiment, count)
    where s.count > 0
    group by 1, 2`.execute(db);
  const lastInstant = new Date(filter.to.getTime() - 1);
  return sentimentTrend(
    rows,
    localDay(filter.from, filter.timeZone),
    localDay(lastInstant, filter.timeZone),
  );
}
