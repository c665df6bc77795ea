import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../domain/report-filter.ts';
import { share, summarizeBusinessDurations } from '../domain/report-stats.ts';
import type { DurationSummary } from '../domain/report-stats.ts';
import type { ClockOptions } from './reports-responses.ts';
import { toSummary } from './reports-responses.ts';
import {
  conversationConditions,
  durationAggregates,
  narrowsConversations,
} from './reports-scope.ts';
import type { DurationAggregateRow } from './reports-scope.ts';
import type { Database } from './schema.ts';

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

/** Resolution time, reopens and transfers, all read from the event log. */
export async function findFlowReport(
  db: Kysely<Database>,
  filter: ReportFilter,
  options: ClockOptions = {},
): Promise<FlowReport> {
  const scoped = sql`select e.type, e.conversation_id, e.occurred_at, e.data from events e
    ${narrowsConversations(filter) ? sql`join conversations c on c.id = e.conversation_id and ${conversationConditions(filter)}` : sql``}
    where e.workspace_id = ${filter.workspaceId}
      and e.occurred_at >= ${filter.from} and e.occurred_at < ${filter.to}`;
  const resolved = sql`with scoped as (${sql`${scoped} and e.type = 'conversation.status_changed' and e.data->>'to' = 'resolved'`}),
    spans as (
      select (select min(m.posted_at) from mentions m where m.conversation_id = s.conversation_id)
        as started_at, s.occurred_at as resolved_at from scoped s)`;
  const [resolution, counts] = await Promise.all([
    options.hours
      ? sql<{ started_at: Date; resolved_at: Date }>`${resolved}
          select started_at, resolved_at from spans where started_at is not null`
          .execute(db)
          .then((result) =>
            summarizeBusinessDurations(
              result.rows.map((row) => ({ from: row.started_at, to: row.resolved_at })),
              options.hours!,
            ),
          )
      : sql<DurationAggregateRow>`${resolved}, durations as (
            select extract(epoch from resolved_at - started_at)::float8 as seconds
            from spans where started_at is not null)
          select ${durationAggregates} from durations`
          .execute(db)
          .then((result) => toSummary(result.rows[0])),
    sql<{
      opened: number;
      resolutions: number;
      reopens: number;
      transfers: number;
      transferred: number;
    }>`
      with scoped as (${sql`${scoped} and e.type in ('conversation.created',
        'conversation.status_changed', 'conversation.reopened', 'conversation.transferred')`})
      select count(*) filter (where type = 'conversation.created')::int as opened,
        count(*) filter (where type = 'conversation.status_changed' and data->>'to' = 'resolved')::int
          as resolutions,
        count(*) filter (where type = 'conversation.reopened')::int as reopens,
        count(*) filter (where type = 'conversation.transferred')::int as transfers,
        count(distinct conversation_id) filter (where type = 'conversation.transferred')::int
          as transferred
      from scoped`.execute(db),
  ]);
  const row = counts.rows[0]!;
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
