import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { emptyDurationSummary, hourSeconds } from '../../../domain/report-stats.ts';
import type { DurationSummary } from '../../../domain/report-stats.ts';
import { atWithin, dayMs, factConditions, rollupPlan, utcDate } from './report-facts-scope.ts';
import type { Database } from '../../schema.ts';

/** The waits a report summarises: first and next responses (turns) and resolution times. */
export type WaitMeasure = 'first' | 'next' | 'resolution';

interface WaitSource {
  table: RawBuilder<unknown>;
  /** The facts of the measure (alias `f`). */
  where: RawBuilder<unknown>;
  seconds: RawBuilder<unknown>;
}

const sources: Record<WaitMeasure, WaitSource> = {
  first: {
    table: sql`report_messages`,
    where: sql`f.turn = 'first'`,
    seconds: sql`f.wait_seconds`,
  },
  next: { table: sql`report_messages`, where: sql`f.turn = 'next'`, seconds: sql`f.wait_seconds` },
  resolution: {
    table: sql`report_flow`,
    where: sql`f.kind = 'resolved'`,
    seconds: sql`f.resolution_seconds`,
  },
};

interface Bucket {
  bucket: number;
  waits: number;
  seconds: number;
  min_seconds: number;
  max_seconds: number;
  within_hour: number;
}

/**
 * Count, median, p90, mean and share within an hour of the measure's waits in the filter's
 * range: exactly what percentile_cont and avg give over every wait, without reading them all.
 * The wait histogram of the range (per-day rollups for whole UTC days of a one-slice filter,
 * the facts for the rest) says which bucket holds each rank the percentiles need; only the
 * facts of those buckets in the range are read and sorted (migration 0017).
 */
export async function summarizeWaits(
  db: Kysely<Database>,
  filter: ReportFilter,
  measure: WaitMeasure,
): Promise<DurationSummary> {
  // The histogram and the bucket reads are two statements: a fold committed between them
  // (another process's worker) can move a rank to another bucket. Read again when it did.
  for (let attempt = 1; ; attempt++) {
    const summary = await readWaits(db, filter, measure);
    if (summary) return summary;
    if (attempt === 3) throw new Error(`the ${measure} waits kept changing while being read`);
  }
}

/** One reading of the summary; undefined when the facts changed between its two statements. */
async function readWaits(
  db: Kysely<Database>,
  filter: ReportFilter,
  measure: WaitMeasure,
): Promise<DurationSummary | undefined> {
  const source = sources[measure];
  const facts = sql`from ${source.table} f where ${factConditions(filter)} and ${source.where}`;
  const plan = rollupPlan(filter, dayMs);
  const rollup = plan.rollup
    ? sql`select bucket, waits, seconds, min_seconds, max_seconds, within_hour
        from report_wait_days
        where workspace_id = ${filter.workspaceId} and measure = ${measure}
          and slice = ${plan.rollup.slice} and slice_value = ${plan.rollup.value}
          and day >= ${utcDate(plan.rollup.from)}::date and day < ${utcDate(plan.rollup.to)}::date
        union all`
    : sql``;
  const { rows: buckets } = await sql<Bucket>`select bucket, sum(waits)::int as waits,
      sum(seconds)::float8 as seconds, min(min_seconds) as min_seconds,
      max(max_seconds) as max_seconds, sum(within_hour)::int as within_hour
    from (${rollup}
      select f.wait_bucket as bucket, count(*) as waits, sum(${source.seconds}) as seconds,
        min(${source.seconds}) as min_seconds, max(${source.seconds}) as max_seconds, count(*) filter (where ${source.seconds} <= ${hourSeconds}) as within_hour
      ${facts} and f.wait_bucket is not null and ${atWithin(plan.factSpans)}
      group by f.wait_bucket) h
    group by bucket order by bucket`.execute(db);
  const count = buckets.reduce((sum, row) => sum + row.waits, 0);
  if (count === 0) return emptyDurationSummary;

  // The ranks percentile_cont interpolates between, found bucket by bucket.
  const ranks = [0.5, 0.9].flatMap((fraction) => {
    const rank = fraction * (count - 1);
    return [Math.floor(rank), Math.ceil(rank)];
  });
  const ranked = new Map<number, number>();
  const wanted = new Map<number, { below: number; first: number; last: number }>();
  let below = 0;
  for (const row of buckets) {
    for (const rank of ranks) {
      if (rank < below || rank >= below + row.waits) continue;
      // A bucket whose waits are all equal (often: a bot, a rule, a generated data set)
      // answers every rank in it without reading a fact.
      if (row.min_seconds === row.max_seconds) {
        ranked.set(rank, row.min_seconds);
        continue;
      }
      const span = wanted.get(row.bucket) ?? { below, first: rank, last: rank };
      wanted.set(row.bucket, {
        below,
        first: Math.min(span.first, rank),
        last: Math.max(span.last, rank),
      });
    }
    below += row.waits;
  }
  const reads = [...wanted].map(
    ([bucket, span]) => sql`(select ${bucket}::int as bucket, ${source.seconds} as seconds
      ${facts} and f.wait_bucket = ${bucket} and f.at >= ${filter.from} and f.at < ${filter.to}
      order by 2 offset ${span.first - span.below} limit ${span.last - span.first + 1})`,
  );
  const { rows } =
    reads.length === 0
      ? { rows: [] }
      : await sql<{ bucket: number; seconds: number }>`${sql.join(
          reads,
          sql` union all `,
        )}`.execute(db);
  for (const [bucket, span] of wanted) {
    const values = rows
      .filter((row) => row.bucket === bucket)
      .map((row) => row.seconds)
      .sort((a, b) => a - b);
    values.forEach((value, index) => ranked.set(span.first + index, value));
  }
  if (ranks.some((rank) => !ranked.has(rank))) return undefined;
  // Linear interpolation between the closest ranks, as percentile_cont does.
  const percentile = (fraction: number) => {
    const rank = fraction * (count - 1);
    const low = ranked.get(Math.floor(rank))!;
    const high = ranked.get(Math.ceil(rank))!;
    return low + (high - low) * (rank - Math.floor(rank));
  };
  const total = buckets.reduce((sum, row) => sum + row.seconds, 0);
  const withinHour = buckets.reduce((sum, row) => sum + row.within_hour, 0);
  return {
    count,
    medianSeconds: percentile(0.5),
    p90Seconds: percentile(0.9),
    meanSeconds: total / count,
    withinHourShare: withinHour / count,
  };
}
