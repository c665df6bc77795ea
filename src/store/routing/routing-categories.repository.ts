import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** The default when no rule matches: triage category → team id. */
export async function getCategoryTeams(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('routing_category_teams')
    .select(['category', 'team_id'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('category')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.category, row.team_id]));
}

/** Replaces the whole map (teams must be the workspace's: the caller checks). */
export async function replaceCategoryTeams(
  db: Kysely<Database>,
  workspaceId: string,
  categoryTeams: Readonly<Record<string, string>>,
): Promise<void> {
  await db.deleteFrom('routing_category_teams').where('workspace_id', '=', workspaceId).execute();
  const entries = Object.entries(categoryTeams);
  if (entries.length === 0) return;
  await db
    .insertInto('routing_category_teams')
    .values(
      entries.map(([category, teamId]) => ({
        workspace_id: workspaceId,
        category,
        team_id: teamId,
      })),
    )
    .execute();
}
