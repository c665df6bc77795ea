import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { share } from '../../../domain/report-stats.ts';
import type { DurationSummary } from '../../../domain/report-stats.ts';
import { countsOpenHours, summarizeOpenHourWaits } from '../facts/report-clock.ts';
import type { ClockOptions } from '../facts/report-clock.ts';
import { foldPendingReportFacts } from '../facts/report-facts-fold.ts';
import { factConditions, measureRows } from '../facts/report-facts-scope.ts';
import { summarizeWaits } from '../facts/report-wait-percentiles.ts';
import type { Database } from '../../schema.ts';

export interface FlowReport {
  /** From a conversation's first message to each time it was resolved in the range. */
  resolution: DurationSummary;
  conversationsOpened: number;
  resolutions: number;
  reopens: number;
  /** Reopens per resolution in the range. */
  reopenRate: number | null;
  transfers: number;
  transferredConversations: number;
  /** Conversations transferred per conversation opened in the range. */
  transferRate: number | null;
}

/** Resolution time, reopens and transfers, from the event log's reporting facts. */
export async function findFlowReport(
  db: Kysely<Database>,
  filter: ReportFilter,
  options: ClockOptions = {},
): Promise<FlowReport> {
  await foldPendingReportFacts(db, filter.workspaceId);
  const ofKind = (kind: string) => sql`from report_flow f where f.kind = ${kind}
    and ${factConditions(filter)} and f.at >= ${filter.from} and f.at < ${filter.to}`;
  const resolved = sql`${ofKind('resolved')} and f.started_at is not null`;
  const resolution = countsOpenHours(options)
    ? summarizeOpenHourWaits(
        (
          await sql<{ started_at: Date; at: Date; team_id: string | null }>`
            select f.started_at, f.at, f.team_id ${resolved}`.execute(db)
        ).rows.map((row) => ({ from: row.started_at, to: row.at, teamId: row.team_id })),
        options,
      )
    : await summarizeWaits(db, filter, 'resolution');
  const { rows } = await sql<{
    opened: number;
    resolutions: number;
    reopens: number;
    transfers: number;
    transferred: number;
  }>`select coalesce(sum(opened), 0)::int as opened,
      coalesce(sum(resolutions), 0)::int as resolutions, coalesce(sum(reopens), 0)::int as reopens,
      coalesce(sum(transfers), 0)::int as transfers,
      (select count(distinct f.conversation_id) ${ofKind('transferred')})::int as transferred
    from (${measureRows(filter)}) m`.execute(db);
  const row = rows[0]!;
  return {
    resolution,
    conversationsOpened: row.opened,
    resolutions: row.resolutions,
    reopens: row.reopens,
    reopenRate: share(row.reopens, row.resolutions),
    transfers: row.transfers,
    transferredConversations: row.transferred,
    transferRate: share(row.transferred, row.opened),
  };
}
