import type { Kysely } from 'kysely';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

export async function createTeam(db: Kysely<Database>, workspaceId: string, name: string) {
  return db
    .insertInto('teams')
    .values({ id: newId(), workspace_id: workspaceId, name })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

export async function listTeams(db: Kysely<Database>, workspaceId: string) {
  const teams = await db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
  const members = await db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select(['team_members.team_id as teamId', 'team_members.user_id as userId'])
    .where('teams.workspace_id', '=', workspaceId)
    .execute();
  return teams.map((team) => ({
    ...team,
    memberIds: members.filter((member) => member.teamId === team.id).map((member) => member.userId),
  }));
}

export async function findTeam(db: Kysely<Database>, workspaceId: string, teamId: string) {
  return db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', teamId)
    .executeTakeFirst();
}

export async function addTeamMember(
  db: Kysely<Database>,
  teamId: string,
  userId: string,
): Promise<void> {
  await db
    .insertInto('team_members')
    .values({ team_id: teamId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
