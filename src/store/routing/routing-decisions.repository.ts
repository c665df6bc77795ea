import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Conversation } from '../../domain/conversation.ts';
import type { Database } from '../schema.ts';

export interface RoutedRow {
  conversation: Conversation;
  ruleId: string | null;
  reason: string;
}

/**
 * Writes what routing decided for a batch of new conversations in one statement: team,
 * assignee, status, priority and tags, with the rule and the reason agents are shown.
 */
export async function saveRoutingDecisions(
  db: Kysely<Database>,
  workspaceId: string,
  routed: readonly RoutedRow[],
  routedAt: Date,
): Promise<void> {
  if (routed.length === 0) return;
  const values = sql.join(
    routed.map(
      ({ conversation: c, ruleId, reason }) =>
        sql`(${c.id}::uuid, ${c.teamId}::uuid, ${c.assigneeId}::uuid, ${c.status}::text,
          ${c.priority}::int, ${c.tags}::text[], ${ruleId}::uuid, ${reason}::text)`,
    ),
  );
  await sql`update conversations as c
    set team_id = v.team_id, assignee_id = v.assignee_id, status = v.status,
      priority = v.priority, tags = v.tags, routing_rule_id = v.rule_id,
      routing_reason = v.reason, routed_at = ${routedAt}::timestamptz
    from (values ${values}) as v (id, team_id, assignee_id, status, priority, tags, rule_id, reason)
    where c.id = v.id and c.workspace_id = ${workspaceId}::uuid`.execute(db);
}

/** Team id → name, for the reasons routing gives ("routed to Billing by rule 'refunds'"). */
export async function findTeamNames(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return Object.fromEntries(rows.map((row) => [row.id, row.name]));
}

/** What routing decided for one conversation, with the rule's name if it still has one. */
export async function findRoutingDecision(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
) {
  return db
    .selectFrom('conversations')
    .leftJoin('routing_rules', 'routing_rules.id', 'conversations.routing_rule_id')
    .select([
      'conversations.routing_rule_id as ruleId',
      'routing_rules.name as ruleName',
      'conversations.routing_reason as reason',
      'conversations.routed_at as routedAt',
      'conversations.team_id as teamId',
      'conversations.assignee_id as assigneeId',
    ])
    .where('conversations.workspace_id', '=', workspaceId)
    .where('conversations.id', '=', conversationId)
    .executeTakeFirst();
}
