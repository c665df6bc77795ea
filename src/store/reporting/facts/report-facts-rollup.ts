import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { flowMeasures, messageMeasures } from './report-facts-scope.ts';
import type { Database } from '../../schema.ts';

/**
 * The slices a fact row counts in (alias `r`): the whole workspace, and its brand, network,
 * team and agent. A report filtered on one of these (or none) reads one slice of the rollups.
 */
export const slices = sql`cross join lateral (values ('all', ''), ('brand', r.brand_id::text),
    ('network', r.network), ('team', r.team_id::text), ('agent', r.assignee_id::text))
  s(slice, value)`;

/**
 * Recounts the quarter-hour rollups of these quarters (or all of the workspace's) from the
 * facts, deleting emptied ones.
 */
export async function recomputeQuarters(
  tx: Kysely<Database>,
  workspaceId: string,
  quarters: Date[] | 'all',
): Promise<void> {
  if (quarters.length === 0) return;
  const buckets = sql`${quarters === 'all' ? [] : quarters.map((q) => q.toISOString())}::timestamptz[]`;
  await sql`delete from report_quarters where workspace_id = ${workspaceId}
    ${quarters === 'all' ? sql`` : sql`and bucket = any(${buckets})`}`.execute(tx);
  // Lateral and `offset 0` (never flattened): one index range scan per quarter, whatever the
  // planner thinks it knows of the tables (PGlite has no autovacuum to keep statistics fresh).
  const within = (table: RawBuilder<unknown>) =>
    quarters === 'all'
      ? sql`from (select date_bin('15 minutes', f.at, timestamptz '2000-01-01') as bucket, f.*
          from ${table} f where f.workspace_id = ${workspaceId}) f`
      : sql`from unnest(${buckets}) w(bucket)
          cross join lateral (select w.bucket, f.* from ${table} f
            where f.workspace_id = ${workspaceId}
              and f.at >= w.bucket and f.at < w.bucket + interval '15 minutes' offset 0) f`;
  await sql`insert into report_quarters (workspace_id, slice, slice_value, bucket,
      customer_messages, team_replies, needing_reply, answered, positive, neutral, negative,
      other_sentiment, opened, resolutions, reopens, transfers)
    with facts as (
      select f.bucket, f.brand_id, f.network, f.team_id, f.assignee_id, ${messageMeasures}
      ${within(sql`report_messages`)}
      union all
      select f.bucket, f.brand_id, f.network, f.team_id, f.assignee_id, ${flowMeasures}
      ${within(sql`report_flow`)})
    select ${workspaceId}::uuid, s.slice, s.value, r.bucket,
      sum(customer_messages), sum(team_replies), sum(needing_reply), sum(answered), sum(positive),
      sum(neutral), sum(negative), sum(other_sentiment), sum(opened), sum(resolutions),
      sum(reopens), sum(transfers)
    from facts r ${slices}
    where s.value is not null
    group by s.slice, s.value, r.bucket`.execute(tx);
}

/** Recounts the per-day label rollups (volume) of these UTC days (YYYY-MM-DD), or all. */
export async function recomputeLabelDays(
  tx: Kysely<Database>,
  workspaceId: string,
  days: string[] | 'all',
): Promise<void> {
  if (days.length === 0) return;
  await deleteDays(tx, sql`report_label_days`, workspaceId, days);
  const facts = factsOfDays(sql`report_messages`, sql`not f.by_brand`, workspaceId, days);
  await sql`insert into report_label_days (workspace_id, slice, slice_value, day, dimension,
      value, mentions)
    with facts as (${facts})
    select ${workspaceId}::uuid, slice, value, day, dimension, label, count(*)::int
    from (${labelRows(sql`facts`)}) labelled
    group by slice, value, day, dimension, label`.execute(tx);
}

/**
 * Recounts the per-day wait histograms (src/store/reporting/facts/report-wait-percentiles.ts) of these UTC days
 * (YYYY-MM-DD), or all: every turn's wait and every resolution's time, by slice and bucket.
 */
export async function recomputeWaitDays(
  tx: Kysely<Database>,
  workspaceId: string,
  days: string[] | 'all',
): Promise<void> {
  if (days.length === 0) return;
  await deleteDays(tx, sql`report_wait_days`, workspaceId, days);
  const waits = (table: RawBuilder<unknown>, measure: RawBuilder<unknown>, seconds: string) =>
    sql`select f.day, ${measure} as measure, f.wait_bucket as bucket,
        ${sql.ref(`f.${seconds}`)} as seconds, f.brand_id, f.network, f.team_id, f.assignee_id
      from (${factsOfDays(table, sql`f.wait_bucket is not null`, workspaceId, days)}) f`;
  await sql`insert into report_wait_days (workspace_id, measure, slice, slice_value, day, bucket,
      waits, seconds, min_seconds, max_seconds, within_hour)
    select ${workspaceId}::uuid, r.measure, s.slice, s.value, r.day, r.bucket, count(*)::int,
      sum(r.seconds), min(r.seconds), max(r.seconds),
      (count(*) filter (where r.seconds <= 3600))::int
    from (${waits(sql`report_messages`, sql`f.turn`, 'wait_seconds')}
      union all
      ${waits(sql`report_flow`, sql`'resolution'`, 'resolution_seconds')}) r ${slices}
    where s.value is not null
    group by r.measure, s.slice, s.value, r.day, r.bucket`.execute(tx);
}

/** Removes a daily rollup's rows for these UTC days (YYYY-MM-DD), or all of the workspace's. */
export async function deleteDays(
  tx: Kysely<Database>,
  table: RawBuilder<unknown>,
  workspaceId: string,
  days: string[] | 'all',
): Promise<void> {
  await sql`delete from ${table} where workspace_id = ${workspaceId}
    ${days === 'all' ? sql`` : sql`and day = any(${days}::date[])`}`.execute(tx);
}

/**
 * The facts of `table` (alias `f`, every column, and `day`: the UTC day of `at`) meeting
 * `condition` on these days or all: one index range scan per day (lateral, never flattened).
 */
export function factsOfDays(
  table: RawBuilder<unknown>,
  condition: RawBuilder<unknown>,
  workspaceId: string,
  days: string[] | 'all',
): RawBuilder<unknown> {
  return days === 'all'
    ? sql`select (f.at at time zone 'UTC')::date as day, f.* from ${table} f
        where f.workspace_id = ${workspaceId} and ${condition}`
    : sql`select w.day, f.* from unnest(${days}::date[]) w(day)
        cross join lateral (select * from ${table} f
          where f.workspace_id = ${workspaceId} and ${condition}
            and f.at >= w.day::timestamp at time zone 'UTC'
            and f.at < (w.day + 1)::timestamp at time zone 'UTC' offset 0) f`;
}

/**
 * One row per customer message fact (from `source`, alias `r`) and slice and label dimension:
 * (day, slice, value, dimension, label). The brand's label is its id; reports name it. `voice`
 * is the sentiment of the mentions that count in share of voice (not hidden, not spam); `reply`
 * says whether a mention that needed an answer got one.
 */
function labelRows(source: RawBuilder<unknown>) {
  return sql`select r.day, s.slice, s.value, d.dimension, d.label
    from ${source} r ${slices}
    cross join lateral (values ('network', r.mention_network), ('brand', r.brand_id::text),
      ('intent', r.intent), ('category', r.category), ('sentiment', r.sentiment),
      ('language', r.language), ('socialIntent', r.social_intent), ('voice', r.sentiment),
      ('reply', case when r.answered_at is null then 'unanswered' else 'answered' end))
      d(dimension, label)
    where s.value is not null and (d.dimension <> 'voice' or r.in_voice)
      and (d.dimension <> 'reply' or r.needs_reply)`;
}
