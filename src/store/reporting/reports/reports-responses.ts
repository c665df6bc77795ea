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

export interface ResponseReport {
  /** From a conversation's first customer message to the team's first answer. */
  firstResponse: DurationSummary;
  /** From a customer's later message (after an answer) to the next answer. */
  nextResponse: DurationSummary;
  /** Customer mentions that needed an answer (complaint or question), and how many got one. */
  needingReply: number;
  answered: number;
  responseRate: number | null;
}

export type { ClockOptions } from '../facts/report-clock.ts';

/**
 * Response times and the response rate of the customer messages written in the range, read
 * from the reporting facts (src/store/reporting/facts/report-facts-fold.ts). The timeline of each conversation
 * is its mentions (the brand's own posts seen on the network or imported are answers) and the
 * replies Earshot sent; a turn is a customer message that follows an answer (or opens the
 * conversation), and its response is the next answer after it.
 */
export async function findResponseReport(
  db: Kysely<Database>,
  filter: ReportFilter,
  options: ClockOptions = {},
): Promise<ResponseReport> {
  await foldPendingReportFacts(db, filter.workspaceId);
  const turns = sql`from report_messages f where ${factConditions(filter)}
    and f.turn is not null and f.at >= ${filter.from} and f.at < ${filter.to}`;
  let durations: { first: DurationSummary; next: DurationSummary };
  if (countsOpenHours(options)) {
    const { rows } = await sql<{
      kind: string;
      at: Date;
      answered_at: Date;
      team_id: string | null;
    }>`select f.turn as kind, f.at, f.answered_at, f.team_id ${turns}`.execute(db);
    const spans = (kind: string) =>
      rows
        .filter((row) => row.kind === kind)
        .map((row) => ({ from: row.at, to: row.answered_at, teamId: row.team_id }));
    durations = {
      first: summarizeOpenHourWaits(spans('first'), options),
      next: summarizeOpenHourWaits(spans('next'), options),
    };
  } else {
    durations = {
      first: await summarizeWaits(db, filter, 'first'),
      next: await summarizeWaits(db, filter, 'next'),
    };
  }
  const { rows } = await sql<{ needing: number; answered: number }>`
    select coalesce(sum(needing_reply), 0)::int as needing, coalesce(sum(answered), 0)::int as answered
    from (${measureRows(filter)}) m`.execute(db);
  const { needing, answered } = rows[0]!;
  return {
    firstResponse: durations.first,
    nextResponse: durations.next,
    needingReply: needing,
    answered,
    responseRate: share(answered, needing),
  };
}
