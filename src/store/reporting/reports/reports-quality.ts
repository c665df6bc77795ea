import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { conversationConditions } from './reports-scope.ts';
import type { Database } from '../../schema.ts';

/** One week's reviews of one agent, one team, or the whole workspace. */
export interface QualityTrendRow {
  /** The Monday starting the week, in the filter's zone. */
  week: string;
  scope: 'workspace' | 'agent' | 'team';
  /** The agent's or team's id; null for the workspace (or for no team). */
  id: string | null;
  name: string | null;
  reviews: number;
  /** Mean weighted review score, 0–100. */
  averageScore: number;
}

/**
 * Quality reviews by week of the reviewed reply: per agent (the reply's author), per team (the
 * conversation's team, as every report counts it) and overall. The agent filter means the
 * reply's author here, not the conversation's assignee.
 */
export async function findQualityTrend(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<QualityTrendRow[]> {
  const { agentId, ...conversationFilter } = filter;
  const week = sql<string>`to_char(date_trunc('week', r.sent_at at time zone ${filter.timeZone}), 'YYYY-MM-DD')`;
  const measures = sql`count(*)::int as reviews, round(avg(q.score)::numeric, 1)::float8 as "averageScore"`;
  const from = (join: RawBuilder<unknown>) => sql`from quality_reviews q
    join replies r on r.id = q.reply_id
    join conversations c on c.id = r.conversation_id and ${conversationConditions(conversationFilter)}
    ${join}
    where q.workspace_id = ${filter.workspaceId}
      and r.sent_at >= ${filter.from} and r.sent_at < ${filter.to}
      ${agentId ? sql`and q.agent_id = ${agentId}` : sql``}`;
  const { rows: overall } = await sql<QualityTrendRow>`
    select ${week} as week, 'workspace' as scope, null as id, null as name, ${measures}
    ${from(sql``)} group by 1 order by 1`.execute(db);
  const { rows: agents } = await sql<QualityTrendRow>`
    select ${week} as week, 'agent' as scope, q.agent_id as id, min(u.name) as name, ${measures}
    ${from(sql`left join users u on u.id = q.agent_id`)}
    group by 1, q.agent_id order by 1, 4, 3`.execute(db);
  const { rows: teams } = await sql<QualityTrendRow>`
    select ${week} as week, 'team' as scope, c.team_id as id, min(t.name) as name, ${measures}
    ${from(sql`left join teams t on t.id = c.team_id`)}
    group by 1, c.team_id order by 1, 4, 3`.execute(db);
  return [...overall, ...agents, ...teams];
}
