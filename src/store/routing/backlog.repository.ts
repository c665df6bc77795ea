import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ConversationRow, Database } from '../schema.ts';

/**
 * One member as the backlog sees them, their membership row locked until the transaction ends:
 * routing locks the same rows (`loadAgentLoads`), so a backlog pull and a routed batch never
 * both give the member's last free slot away. Undefined for a viewer or a non-member.
 */
export async function lockAgentForBacklog(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
) {
  const member = await db
    .selectFrom('memberships')
    .select(['available', 'max_open as maxOpen', 'skills'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('role', '!=', 'viewer')
    .forUpdate()
    .executeTakeFirst();
  if (!member) return undefined;
  const [teams, open] = await Promise.all([
    db
      .selectFrom('team_members')
      .innerJoin('teams', 'teams.id', 'team_members.team_id')
      .select('teams.id')
      .where('teams.workspace_id', '=', workspaceId)
      .where('team_members.user_id', '=', userId)
      .execute(),
    db
      .selectFrom('conversations')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('assignee_id', '=', userId)
      .where('status', 'in', ['new', 'open', 'pending', 'snoozed'])
      .executeTakeFirstOrThrow(),
  ]);
  return { ...member, teamIds: teams.map((team) => team.id), openCount: open.n };
}

/**
 * The oldest conversations waiting unassigned in these teams (new or open, not spam, not hidden)
 * whose routing rule asks for no skill the member lacks, locked; rows another transaction holds
 * are skipped, so two agents pulling at once never take the same conversation.
 */
export async function claimWaitingConversations(
  db: Kysely<Database>,
  workspaceId: string,
  teamIds: readonly string[],
  skills: readonly string[],
  limit: number,
  exceptConversationId: string | null,
): Promise<ConversationRow[]> {
  if (teamIds.length === 0 || limit <= 0) return [];
  const { rows } = await sql<ConversationRow>`
    select c.* from conversations c
    left join routing_rules r on r.id = c.routing_rule_id
    where c.workspace_id = ${workspaceId} and c.team_id = any(${[...teamIds]}::uuid[])
      and c.assignee_id is null and c.status in ('new', 'open')
      and not c.is_spam and c.hidden_at is null
      and c.id <> ${exceptConversationId ?? '00000000-0000-0000-0000-000000000000'}::uuid
      and array(select jsonb_array_elements_text(coalesce(r.actions -> 'skills', '[]'::jsonb)))
        <@ ${[...skills]}::text[]
    order by c.created_at, c.id
    limit ${limit}
    for update of c skip locked`.execute(db);
  return rows;
}
