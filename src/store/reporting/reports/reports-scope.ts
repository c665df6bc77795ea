import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';

/**
 * The conditions on a conversation (alias `c`) that a report's filter asks for. Every report
 * query starts from the workspace, so another workspace's ids in a filter match nothing.
 */
export function conversationConditions(filter: ReportFilter): RawBuilder<unknown> {
  const parts = [sql`c.workspace_id = ${filter.workspaceId}`];
  if (filter.brandId) parts.push(sql`c.brand_id = ${filter.brandId}`);
  if (filter.network) parts.push(sql`c.network = ${filter.network}`);
  if (filter.teamId) parts.push(sql`c.team_id = ${filter.teamId}`);
  if (filter.agentId) parts.push(sql`c.assignee_id = ${filter.agentId}`);
  return sql.join(parts, sql` and `);
}

/** True when a filter narrows conversations beyond the workspace. */
export function narrowsConversations(filter: ReportFilter): boolean {
  return Boolean(filter.brandId || filter.network || filter.teamId || filter.agentId);
}

/**
 * Whether a customer's mention asked for an answer: triage said complaint or question and not
 * spam or abuse. A mention triage never saw (an import without models) counts as asking.
 */
export const mentionNeedsReply = sql<boolean>`(m.triage is null or (
  coalesce((m.triage->>'spam')::boolean, false) = false
  and coalesce((m.triage->>'abuse')::boolean, false) = false
  and (coalesce((m.triage->>'complaint')::boolean, false)
    or coalesce(m.triage->>'intent' = 'question', false))
))`;
