import type { Kysely, Selectable } from 'kysely';
import { alwaysOpen } from '../../domain/business-hours.ts';
import type { BusinessHours, TeamHours } from '../../domain/business-hours.ts';
import type { Database, TeamBusinessHoursTable } from '../schema.ts';

/** A team's hours as an admin sets them. */
export interface TeamHoursSettings {
  alwaysOpen: boolean;
  timeZone: string;
  week: BusinessHours['week'];
  holidays: string[];
  /** Sent to a customer who writes while the team is closed; must name {{opensAt}}. */
  acknowledgement: string | null;
  followTheSunGroup: string | null;
}

type HoursRow = Selectable<TeamBusinessHoursTable>;

function toSettings(row: HoursRow): TeamHoursSettings {
  return {
    alwaysOpen: row.always_open,
    timeZone: row.time_zone,
    week: row.week as BusinessHours['week'],
    holidays: row.holidays,
    acknowledgement: row.acknowledgement,
    followTheSunGroup: row.follow_the_sun_group,
  };
}

/** The hours the rules use: 24/7 is wall-clock time in the team's zone. */
export function hoursOf(settings: TeamHoursSettings): BusinessHours {
  return settings.alwaysOpen
    ? alwaysOpen(settings.timeZone)
    : { timeZone: settings.timeZone, week: settings.week, holidays: settings.holidays };
}

export async function findTeamHours(
  db: Kysely<Database>,
  workspaceId: string,
  teamId: string,
): Promise<TeamHoursSettings | undefined> {
  const row = await db
    .selectFrom('team_business_hours')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return row && toSettings(row);
}

export async function saveTeamHours(
  db: Kysely<Database>,
  workspaceId: string,
  teamId: string,
  settings: TeamHoursSettings,
  now: Date,
): Promise<void> {
  const columns = {
    always_open: settings.alwaysOpen,
    time_zone: settings.timeZone,
    week: JSON.stringify(settings.week),
    holidays: settings.holidays,
    acknowledgement: settings.acknowledgement,
    follow_the_sun_group: settings.followTheSunGroup,
    updated_at: now,
  };
  await db
    .insertInto('team_business_hours')
    .values({ team_id: teamId, workspace_id: workspaceId, ...columns })
    .onConflict((oc) => oc.column('team_id').doUpdateSet(columns))
    .execute();
}

/** Every team of the workspace that has hours set, with its name, in name order. */
export async function listWorkspaceTeamHours(db: Kysely<Database>, workspaceId: string) {
  const rows = await db
    .selectFrom('team_business_hours')
    .innerJoin('teams', 'teams.id', 'team_business_hours.team_id')
    .selectAll('team_business_hours')
    .select('teams.name as team_name')
    .where('team_business_hours.workspace_id', '=', workspaceId)
    .orderBy('teams.name')
    .execute();
  return rows.map((row) => ({
    teamId: row.team_id,
    teamName: row.team_name,
    settings: toSettings(row),
  }));
}

/** Teams in a follow-the-sun group, of every workspace, grouped by workspace. */
export async function listFollowTheSunTeams(
  db: Kysely<Database>,
): Promise<Map<string, TeamHours[]>> {
  const rows = await db
    .selectFrom('team_business_hours')
    .innerJoin('teams', 'teams.id', 'team_business_hours.team_id')
    .selectAll('team_business_hours')
    .where('team_business_hours.follow_the_sun_group', 'is not', null)
    .orderBy('team_business_hours.workspace_id')
    .orderBy('teams.name')
    .execute();
  const byWorkspace = new Map<string, TeamHours[]>();
  for (const row of rows) {
    const list = byWorkspace.get(row.workspace_id) ?? [];
    list.push({
      teamId: row.team_id,
      hours: hoursOf(toSettings(row)),
      group: row.follow_the_sun_group,
    });
    byWorkspace.set(row.workspace_id, list);
  }
  return byWorkspace;
}
