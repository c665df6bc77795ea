import type { Kysely } from 'kysely';
import type { RoutingRule } from '../../domain/routing.ts';
import { findBrand } from '../../store/brands.repository.ts';
import type { Database } from '../../store/schema.ts';
import { findTeam } from '../../store/teams.repository.ts';
import { AppError } from '../app-error.ts';

/** A rule may only name this workspace's teams and brands; any other id is "not found". */
export async function checkRuleReferences(
  db: Kysely<Database>,
  workspaceId: string,
  rule: { when?: RoutingRule['when']; then?: RoutingRule['then'] },
): Promise<void> {
  const teamId = rule.then?.teamId;
  if (teamId && !(await findTeam(db, workspaceId, teamId)))
    throw new AppError('team_not_found', 'no such team', { teamId });
  for (const condition of rule.when ?? []) {
    if (condition.field !== 'brand') continue;
    for (const brandId of condition.in) {
      if (!(await findBrand(db, workspaceId, brandId)))
        throw new AppError('brand_not_found', 'no such brand', { brandId });
    }
  }
}
