import { validateAcknowledgement, validateBusinessHours } from '../../domain/business-hours.ts';
import { refreshAllSlaClocks } from '../../pipeline/sla/sla-clock.ts';
import {
  findTeamHours,
  hoursOf,
  saveTeamHours,
} from '../../store/sla/business-hours.repository.ts';
import type { TeamHoursSettings } from '../../store/sla/business-hours.repository.ts';
import { findTeam } from '../../store/teams.repository.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import type { UseCaseContext } from '../use-case.ts';

/** Everything wrong with the settings, in words an admin can act on. */
function problemsOf(settings: TeamHoursSettings): string[] {
  const hours = settings.alwaysOpen
    ? { ...hoursOf(settings), holidays: settings.holidays }
    : hoursOf(settings);
  return [
    ...validateBusinessHours(hours),
    ...(settings.acknowledgement ? validateAcknowledgement(settings.acknowledgement) : []),
  ];
}

/**
 * Sets a team's business hours and moves every open SLA clock of the team to them, in one
 * transaction: a clock never runs on hours that are no longer the team's.
 */
export async function saveBusinessHours(
  context: UseCaseContext,
  teamId: string,
  settings: TeamHoursSettings,
): Promise<void> {
  const { workspaceId, now } = context;
  const { db } = context.store;
  if (!(await findTeam(db, workspaceId, teamId)))
    throw new AppError('team_not_found', 'no such team');
  const problems = problemsOf(settings);
  if (problems.length > 0) throw new AppError('validation_failed', problems.join('; '), problems);
  await db.transaction().execute(async (tx) => {
    const before = await findTeamHours(tx, workspaceId, teamId);
    await saveTeamHours(tx, workspaceId, teamId, settings, now);
    await recordChange(tx, context, {
      kind: 'business_hours.saved',
      target: { type: 'team', id: teamId },
      before: before ? { ...before } : null,
      after: { ...settings },
    });
    await refreshAllSlaClocks(tx, workspaceId, now, teamId);
  });
}
