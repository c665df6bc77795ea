import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import {
  addTeamMember,
  createTeam as insertTeam,
  findTeam,
  listTeams,
} from '../../store/teams.repository.ts';
import { findMembership } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';

/** Creates a team with no members; a second team of the same name is a conflict. */
export async function createTeam(db: Kysely<Database>, workspaceId: string, name: string) {
  const existing = (await listTeams(db, workspaceId)).find((team) => team.name === name);
  if (existing) throw new AppError('conflict', `a team named "${name}" already exists`);
  const team = await insertTeam(db, workspaceId, name);
  return { ...team, memberIds: [] };
}

/** Puts a workspace member in a team and answers with the team and all its members. */
export async function addMemberToTeam(
  db: Kysely<Database>,
  workspaceId: string,
  teamId: string,
  userId: string,
) {
  if (!(await findTeam(db, workspaceId, teamId)))
    throw new AppError('team_not_found', 'no such team');
  if (!(await findMembership(db, workspaceId, userId)))
    throw new AppError('user_not_found', 'that user is not a member of this workspace');
  await addTeamMember(db, teamId, userId);
  return (await listTeams(db, workspaceId)).find((team) => team.id === teamId)!;
}
