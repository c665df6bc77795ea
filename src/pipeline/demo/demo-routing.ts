import type { Kysely } from 'kysely';
import { setAgentRouting } from '../../store/routing/assignment.repository.ts';
import { replaceCategoryTeams } from '../../store/routing/routing-categories.repository.ts';
import { createRoutingRule } from '../../store/routing/routing-rules.repository.ts';
import type { Database } from '../../store/schema.ts';
import { findUserByEmail } from '../../store/users.repository.ts';
import { demoAgentRouting, demoCategoryTeams, demoRoutingRules } from './demo-data.ts';

/** The demo's routing: rules, the category map, and each agent's capacity and skills. */
export async function seedDemoRouting(
  db: Kysely<Database>,
  workspaceId: string,
  teams: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  for (const rule of demoRoutingRules) {
    const { team, ...then } = rule.then;
    await createRoutingRule(
      db,
      workspaceId,
      {
        name: rule.name,
        enabled: true,
        when: rule.when,
        then: { ...then, teamId: teams.get(team)! },
      },
      now,
    );
  }
  await replaceCategoryTeams(
    db,
    workspaceId,
    Object.fromEntries(
      Object.entries(demoCategoryTeams).map(([category, team]) => [category, teams.get(team)!]),
    ),
  );
  for (const [email, settings] of Object.entries(demoAgentRouting)) {
    const user = await findUserByEmail(db, email);
    if (user) await setAgentRouting(db, workspaceId, user.id, settings);
  }
}
