import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { deleteDays, factsOfDays, slices } from './report-facts-rollup.ts';
import type { Database } from '../../schema.ts';

/**
 * The first-response target facts (migration 0023) of these conversations, or of all of a
 * workspace's: one per conversation that had a due time (kept once met, migration 0038), counted
 * on the day it opened.
 */
export function insertTargetFacts(scope: { ids: string[] } | { workspaceId: string }) {
  const conversations =
    'ids' in scope
      ? sql`c.id = any(${scope.ids}::uuid[])`
      : sql`c.workspace_id = ${scope.workspaceId}`;
  return sql`insert into report_targets (workspace_id, conversation_id, at, brand_id, network,
      team_id, assignee_id, due_at, responded_at)
    select c.workspace_id, c.id, c.created_at, c.brand_id, c.network, c.team_id, c.assignee_id,
      coalesce(c.first_response_due_at, c.first_response_target_at), c.first_responded_at
    from conversations c where ${conversations}
      and coalesce(c.first_response_due_at, c.first_response_target_at) is not null`;
}

/** Recounts the per-day target rollups of these UTC days (YYYY-MM-DD), or all. */
export async function recomputeTargetDays(
  tx: Kysely<Database>,
  workspaceId: string,
  days: string[] | 'all',
): Promise<void> {
  if (days.length === 0) return;
  await deleteDays(tx, sql`report_target_days`, workspaceId, days);
  await sql`insert into report_target_days (workspace_id, slice, slice_value, day, due_day,
      targets, responded, within)
    select ${workspaceId}::uuid, s.slice, s.value, r.day,
      case when r.responded_at is null then (r.due_at at time zone 'UTC')::date end as due_day,
      count(*)::int, count(r.responded_at)::int,
      (count(*) filter (where r.responded_at <= r.due_at))::int
    from (${factsOfDays(sql`report_targets`, sql`true`, workspaceId, days)}) r ${slices}
    where s.value is not null
    group by s.slice, s.value, r.day, due_day`.execute(tx);
}
