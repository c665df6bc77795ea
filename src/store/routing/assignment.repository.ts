import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { AgentLoad } from '../../domain/routing-assignee.ts';
import type { Database } from '../schema.ts';

/** Conversations that still occupy an agent: everything not resolved. */
const openStatuses = ['new', 'open', 'pending', 'snoozed'] as const;

/** Open conversations per assignee (of these users, or of everyone). */
async function countOpenConversations(
  db: Kysely<Database>,
  workspaceId: string,
  userIds?: readonly string[],
): Promise<Map<string | null, number>> {
  let query = db
    .selectFrom('conversations')
    .select(['assignee_id', sql<number>`count(*)::int`.as('open')])
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', openStatuses);
  query = userIds
    ? query.where('assignee_id', 'in', [...userIds])
    : query.where('assignee_id', 'is not', null);
  const rows = await query.groupBy('assignee_id').execute();
  return new Map(rows.map((row) => [row.assignee_id, row.open]));
}

/**
 * The members of these teams who can take conversations (not viewers), with their load, in two
 * queries for the whole batch. Their membership rows stay locked until the transaction ends, so
 * two batches routing at once never both give the last free slot away.
 */
export async function loadAgentLoads(
  db: Kysely<Database>,
  workspaceId: string,
  teamIds: readonly string[],
): Promise<AgentLoad[]> {
  if (teamIds.length === 0) return [];
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('team_members', 'team_members.user_id', 'memberships.user_id')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select([
      'memberships.user_id as userId',
      'team_members.team_id as teamId',
      'memberships.available',
      'memberships.max_open as maxOpen',
      'memberships.skills',
      'memberships.last_auto_assigned_at as lastAutoAssignedAt',
    ])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('teams.workspace_id', '=', workspaceId)
    .where('teams.id', 'in', [...teamIds])
    .where('memberships.role', '!=', 'viewer')
    .orderBy('memberships.user_id')
    .forUpdate('memberships')
    .execute();
  if (rows.length === 0) return [];
  const userIds = [...new Set(rows.map((row) => row.userId))];
  const openOf = await countOpenConversations(db, workspaceId, userIds);
  const agents = new Map<string, AgentLoad>();
  for (const row of rows) {
    const agent = agents.get(row.userId);
    if (agent) agent.teamIds.push(row.teamId);
    else
      agents.set(row.userId, {
        userId: row.userId,
        teamIds: [row.teamId],
        available: row.available,
        maxOpen: row.maxOpen,
        openCount: openOf.get(row.userId) ?? 0,
        skills: row.skills,
        lastAutoAssignedAt: row.lastAutoAssignedAt,
      });
  }
  return [...agents.values()];
}

/** Remembers when each agent was last auto-assigned: where round robin continues next time. */
export async function recordAutoAssignments(
  db: Kysely<Database>,
  workspaceId: string,
  lastAssignedAt: ReadonlyMap<string, Date>,
): Promise<void> {
  for (const [userId, at] of lastAssignedAt) {
    await db
      .updateTable('memberships')
      .set({ last_auto_assigned_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .execute();
  }
}

/** An agent says they are in (available) or away. False when they are not a member. */
export async function setAvailability(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  available: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('memberships')
    .set({ available })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** What auto-assignment may give a member: capacity (null: no limit) and skills. */
export async function setAgentRouting(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  settings: { maxOpen?: number | null; skills?: string[] },
): Promise<boolean> {
  if (settings.maxOpen === undefined && settings.skills === undefined) {
    const member = await db
      .selectFrom('memberships')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return member !== undefined;
  }
  const result = await db
    .updateTable('memberships')
    .set({
      ...(settings.maxOpen !== undefined ? { max_open: settings.maxOpen } : {}),
      ...(settings.skills !== undefined ? { skills: [...new Set(settings.skills)].sort() } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Every member who can take conversations (viewers too, if asked), as auto-assignment sees them. */
export async function listAgentRouting(
  db: Kysely<Database>,
  workspaceId: string,
  withViewers = false,
) {
  let query = db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.id as userId',
      'users.name',
      'memberships.role',
      'memberships.available',
      'memberships.max_open as maxOpen',
      'memberships.skills',
    ])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.name');
  if (!withViewers) query = query.where('memberships.role', '!=', 'viewer');
  const members = await query.execute();
  const teams = await db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select(['team_members.user_id as userId', 'teams.id as teamId'])
    .where('teams.workspace_id', '=', workspaceId)
    .execute();
  const openOf = await countOpenConversations(db, workspaceId);
  return members.map((member) => ({
    ...member,
    teamIds: teams.filter((t) => t.userId === member.userId).map((t) => t.teamId),
    openCount: openOf.get(member.userId) ?? 0,
  }));
}
