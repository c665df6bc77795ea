import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { localDay } from '../../../domain/report-filter.ts';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { dayRange } from '../../../domain/report-series.ts';
import { share } from '../../../domain/report-stats.ts';
import { foldPendingReportFacts } from '../facts/report-facts-fold.ts';
import { factConditions } from '../facts/report-facts-scope.ts';
import type { Database } from '../../schema.ts';

/** One day of the care team's work, in the filter's time zone. */
export interface DailyPoint {
  day: string;
  /** Customers' messages that day. */
  mentions: number;
  /** Conversations whose first customer message came that day and were answered. */
  firstResponses: number;
  firstResponseMedianSeconds: number | null;
  /** Of those, the share answered within an hour. */
  withinHourShare: number | null;
  /** Conversations opened that day with a first-response target met or already passed. */
  slaDecided: number;
  slaWithinShare: number | null;
}

/**
 * The day-by-day series the dashboard draws: volume, first response (median and share within
 * the hour) and SLA, every day of the range listed, days without anything included. Days are
 * counted in the filter's zone, so they are read from the facts (the rollups are UTC days).
 */
export async function findDailyReport(
  db: Kysely<Database>,
  filter: ReportFilter,
  now: Date,
): Promise<{ items: DailyPoint[] }> {
  await foldPendingReportFacts(db, filter.workspaceId);
  const day = sql`to_char(f.at at time zone ${filter.timeZone}, 'YYYY-MM-DD')`;
  const range = sql`f.at >= ${filter.from} and f.at < ${filter.to}`;
  const { rows: messages } = await sql<{
    day: string;
    mentions: number;
    first_responses: number;
    median: number | null;
    within_hour: number;
  }>`select ${day} as day,
      count(*) filter (where not f.by_brand)::int as mentions,
      count(*) filter (where f.turn = 'first' and f.answered_at is not null)::int as first_responses,
      percentile_cont(0.5) within group (order by f.wait_seconds)
        filter (where f.turn = 'first' and f.answered_at is not null) as median,
      count(*) filter (where f.turn = 'first' and f.answered_at is not null
        and f.wait_seconds <= 3600)::int as within_hour
    from report_messages f where ${factConditions(filter)} and ${range}
    group by 1`.execute(db);
  const { rows: targets } = await sql<{ day: string; decided: number; within: number }>`
    select ${day} as day,
      count(*) filter (where f.responded_at is not null or f.due_at <= ${now})::int as decided,
      count(*) filter (where f.responded_at <= f.due_at)::int as within
    from report_targets f where ${factConditions(filter)} and ${range}
    group by 1`.execute(db);
  const byDay = new Map(messages.map((row) => [row.day, row]));
  const targetsByDay = new Map(targets.map((row) => [row.day, row]));
  const lastDay = localDay(new Date(filter.to.getTime() - 1), filter.timeZone);
  return {
    items: dayRange(localDay(filter.from, filter.timeZone), lastDay).map((date) => {
      const ofDay = byDay.get(date);
      const target = targetsByDay.get(date);
      const firstResponses = ofDay?.first_responses ?? 0;
      return {
        day: date,
        mentions: ofDay?.mentions ?? 0,
        firstResponses,
        firstResponseMedianSeconds: ofDay?.median === null || !ofDay ? null : Number(ofDay.median),
        withinHourShare: share(ofDay?.within_hour ?? 0, firstResponses),
        slaDecided: target?.decided ?? 0,
        slaWithinShare: share(target?.within ?? 0, target?.decided ?? 0),
      };
    }),
  };
}
