import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { localDay } from '../../../domain/report-filter.ts';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { dayRange } from '../../../domain/report-series.ts';
import { conversationConditions, narrowsConversations } from './reports-scope.ts';
import type { Database } from '../../schema.ts';

interface CsatDay {
  day: string;
  responses: number;
  averageScore: number | null;
}

export interface CsatReport {
  /** Surveys sent for conversations resolved in the range. */
  surveys: number;
  /** Ratings received in the range. */
  responses: number;
  averageScore: number | null;
  /** Ratings 1 to 5, each listed. */
  distribution: Array<{ score: number; responses: number }>;
  /** Per day of the filter's zone, days without ratings included. */
  trend: CsatDay[];
}

/** Customer satisfaction: the 1–5 ratings answered in the range, their spread and their trend. */
export async function findCsatReport(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<CsatReport> {
  // The conversation is looked up only when the filter names its owner (migration 0022).
  const owner = narrowsConversations(filter)
    ? sql`join conversations c on c.id = s.conversation_id and ${conversationConditions(filter)}`
    : sql``;
  const scoped = sql`from csat_surveys s ${owner} where s.workspace_id = ${filter.workspaceId}`;
  const { rows } = await sql<{ day: string; score: number; responses: number }>`
    select to_char(s.answered_at at time zone ${filter.timeZone}, 'YYYY-MM-DD') as day,
      s.score, count(*)::int as responses
    ${scoped} and s.status = 'answered' and s.score is not null
      and s.answered_at >= ${filter.from} and s.answered_at < ${filter.to}
    group by 1, 2`.execute(db);
  const { rows: sent } = await sql<{ surveys: number }>`select count(*)::int as surveys
    ${scoped} and s.resolved_at >= ${filter.from} and s.resolved_at < ${filter.to}`.execute(db);
  const total = (list: typeof rows) => list.reduce((sum, row) => sum + row.responses, 0);
  const average = (list: typeof rows) =>
    total(list) === 0
      ? null
      : list.reduce((sum, row) => sum + row.score * row.responses, 0) / total(list);
  const lastDay = localDay(new Date(filter.to.getTime() - 1), filter.timeZone);
  return {
    surveys: sent[0]!.surveys,
    responses: total(rows),
    averageScore: average(rows),
    distribution: [1, 2, 3, 4, 5].map((score) => ({
      score,
      responses: total(rows.filter((row) => row.score === score)),
    })),
    trend: dayRange(localDay(filter.from, filter.timeZone), lastDay).map((day) => {
      const ofDay = rows.filter((row) => row.day === day);
      return { day, responses: total(ofDay), averageScore: average(ofDay) };
    }),
  };
}
