import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { ideaStatuses } from '../../../domain/ideas.ts';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import type { Database } from '../../schema.ts';

export interface IdeasReport {
  /** Ideas that existed at the end of the range, by their status now (every status listed). */
  byStatus: Array<{ status: string; ideas: number }>;
  /** The most voted ideas (merged ones count in the idea they joined), with the votes cast in the range. */
  topVoted: Array<{
    id: string;
    title: string;
    status: string;
    votes: number;
    votesInRange: number;
    mentions: number;
  }>;
}

/** Ideas belong to the workspace, not to a conversation: brand, network, team and agent do not narrow them. */
export async function findIdeasReport(
  db: Kysely<Database>,
  filter: ReportFilter,
  limit = 10,
): Promise<IdeasReport> {
  const { rows } = await sql<{ status: string; ideas: number }>`
    select status, count(*)::int as ideas from ideas
    where workspace_id = ${filter.workspaceId} and created_at < ${filter.to}
    group by status`.execute(db);
  const { rows: top } = await sql<IdeasReport['topVoted'][number]>`
    select i.id, i.title, i.status,
      (select count(*) from idea_votes v where v.idea_id = i.id)::int as votes,
      (select count(*) from idea_votes v where v.idea_id = i.id
        and v.created_at >= ${filter.from} and v.created_at < ${filter.to})::int as "votesInRange",
      (select count(*) from idea_mentions im where im.idea_id = i.id)::int as mentions
    from ideas i
    where i.workspace_id = ${filter.workspaceId} and i.status <> 'merged'
      and i.created_at < ${filter.to}
    order by votes desc, "votesInRange" desc, i.created_at, i.id
    limit ${limit}`.execute(db);
  return {
    byStatus: ideaStatuses.map((status) => ({
      status,
      ideas: rows.find((row) => row.status === status)?.ideas ?? 0,
    })),
    topVoted: top,
  };
}
