import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../domain/report-filter.ts';
import { fillHeatMap, sentimentTrend } from '../domain/report-series.ts';
import type { HeatCell, SentimentDay } from '../domain/report-series.ts';
import { localDay } from '../domain/report-filter.ts';
import { conversationConditions, narrowsConversations } from './reports-scope.ts';
import type { Database } from './schema.ts';

export const volumeDimensions = [
  'network',
  'brand',
  'intent',
  'category',
  'sentiment',
  'language',
] as const;
export type VolumeDimension = (typeof volumeDimensions)[number];

export interface VolumeRow {
  dimension: VolumeDimension;
  /** null: not known (a mention triage did not label). */
  value: string | null;
  mentions: number;
}

/** The customer mentions written in the range, in scope (alias `m`, conversation `c`). */
function customerMentions(filter: ReportFilter, alsoJoin = sql``) {
  return sql`from mentions m join conversations c on c.id = m.conversation_id
    and ${conversationConditions(filter)} ${alsoJoin}
    where m.workspace_id = ${filter.workspaceId} and not m.from_brand
      and m.posted_at >= ${filter.from} and m.posted_at < ${filter.to}`;
}

/** Customer mentions counted by network, brand, intent, category, sentiment and language, in one pass. */
export async function findVolumeReport(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<VolumeRow[]> {
  const { rows } = await sql<
    Record<VolumeDimension, string | null> & { level: number; mentions: number }
  >`with labelled as (
      select m.network, b.name as brand, m.triage->>'intent' as intent,
        m.triage->>'category' as category, m.triage->>'sentiment' as sentiment, m.language
      ${customerMentions(filter, sql`join brands b on b.id = c.brand_id`)})
    select network, brand, intent, category, sentiment, language, count(*)::int as mentions,
      grouping(network, brand, intent, category, sentiment, language)::int as level
    from labelled
    group by grouping sets ((network), (brand), (intent), (category), (sentiment), (language))
    order by level, mentions desc`.execute(db);
  return rows.map((row) => {
    // grouping() sets a bit for each column left out; the one bit clear names the dimension.
    const index = volumeDimensions.findIndex(
      (_, i) => (row.level & (1 << (volumeDimensions.length - 1 - i))) === 0,
    );
    const dimension = volumeDimensions[index]!;
    return { dimension, value: row[dimension], mentions: row.mentions };
  });
}

/** When customers write and when the team answers, by hour of the week in the filter's zone. */
export async function findHeatMap(db: Kysely<Database>, filter: ReportFilter): Promise<HeatCell[]> {
  const join = narrowsConversations(filter)
    ? sql`join conversations c on c.id = x.conversation_id and ${conversationConditions(filter)}`
    : sql``;
  const { rows } = await sql<HeatCell>`with stamps as (
      select x.at, x.by_brand from (
        select m.conversation_id, m.posted_at as at, m.from_brand as by_brand from mentions m
        where m.workspace_id = ${filter.workspaceId}
          and m.posted_at >= ${filter.from} and m.posted_at < ${filter.to}
        union all
        select r.conversation_id, r.sent_at, true from replies r
        where r.workspace_id = ${filter.workspaceId} and r.status = 'sent'
          and r.sent_at >= ${filter.from} and r.sent_at < ${filter.to}) x ${join})
    select extract(isodow from at at time zone ${filter.timeZone})::int as weekday,
      extract(hour from at at time zone ${filter.timeZone})::int as hour,
      (count(*) filter (where not by_brand))::int as "customerMessages",
      (count(*) filter (where by_brand))::int as "teamReplies"
    from stamps group by 1, 2`.execute(db);
  return fillHeatMap(rows);
}

/** How customers felt, day by day (in the filter's zone), with days without mentions. */
export async function findSentimentTrend(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<SentimentDay[]> {
  const { rows } = await sql<{ day: string; sentiment: string | null; count: number }>`
    select to_char(m.posted_at at time zone ${filter.timeZone}, 'YYYY-MM-DD') as day,
      m.triage->>'sentiment' as sentiment, count(*)::int as count
    ${customerMentions(filter)}
    group by 1, 2`.execute(db);
  const lastInstant = new Date(filter.to.getTime() - 1);
  return sentimentTrend(
    rows,
    localDay(filter.from, filter.timeZone),
    localDay(lastInstant, filter.timeZone),
  );
}
