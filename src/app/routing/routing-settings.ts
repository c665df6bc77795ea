import { assignBacklog } from '../../pipeline/routing/assign-backlog.ts';
import { setAgentRouting, setAvailability } from '../../store/routing/assignment.repository.ts';
import { replaceCategoryTeams } from '../../store/routing/routing-categories.repository.ts';
import { findTeam } from '../../store/teams.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';

/** Says which team each triage category goes to; every team named must be this workspace's. */
export async function setCategoryTeams(
  context: UseCaseContext,
  categoryTeams: Readonly<Record<string, string>>,
): Promise<void> {
  const { workspaceId } = context;
  const { db } = context.store;
  for (const teamId of new Set(Object.values(categoryTeams))) {
    if (!(await findTeam(db, workspaceId, teamId)))
      throw new AppError('team_not_found', 'no such team', { teamId });
  }
  await db.transaction().execute((tx) => replaceCategoryTeams(tx, workspaceId, categoryTeams));
}

/**
 * The acting agent goes on or off duty: routing assigns new conversations only to those on duty.
 * Coming back, they take the conversations waiting unassigned in their teams, oldest first, up
 * to their capacity, in the same transaction. Answers how many they were given.
 */
export async function setMyAvailability(
  context: UseCaseContext,
  available: boolean,
): Promise<number> {
  const { workspaceId, userId, now } = context;
  return context.store.db.transaction().execute(async (tx) => {
    await setAvailability(tx, workspaceId, userId, available);
    return available ? assignBacklog(tx, workspaceId, userId, now) : 0;
  });
}

/** Sets how many open conversations a member takes at most, and their skills. */
export async function setMemberRouting(
  context: UseCaseContext,
  userId: string,
  settings: { maxOpen?: number | null; skills?: string[] },
): Promise<void> {
  if (!(await setAgentRouting(context.store.db, context.workspaceId, userId, settings)))
    throw new AppError('user_not_found', 'no such member');
}
