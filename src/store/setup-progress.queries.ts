import { sql, type Kysely } from 'kysely';
import type { SetupCounts } from '../domain/setup-checklist.ts';
import type { Database } from './schema.ts';

/** What the first-run checklist counts, in one round trip. */
export async function countSetupProgress(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  now: Date,
): Promise<SetupCounts> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('brands')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('is_competitor', '=', false)
        .as('brands'),
      eb
        .selectFrom('channel_accounts')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('removed_at', 'is', null)
        .as('channels'),
      eb
        .selectFrom('teams')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('workspace_id', '=', workspaceId)
        .as('teams'),
      eb
        .selectFrom('sla_policies')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('archived_at', 'is', null)
        .as('slaPolicies'),
      eb
        .selectFrom('memberships')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '<>', userId)
        .as('members'),
      eb
        .selectFrom('invitations')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .as('invitations'),
    ])
    .executeTakeFirstOrThrow();
  return {
    brands: row.brands ?? 0,
    channels: row.channels ?? 0,
    teams: row.teams ?? 0,
    slaPolicies: row.slaPolicies ?? 0,
    teammates: (row.members ?? 0) + (row.invitations ?? 0),
  };
}
