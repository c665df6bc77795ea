import { sql, type Kysely } from 'kysely';
import type { Role } from '../domain/roles.ts';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

export async function createWorkspace(db: Kysely<Database>, name: string) {
  return db
    .insertInto('workspaces')
    .values({ id: newId(), name })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

export async function findWorkspaceByName(db: Kysely<Database>, name: string) {
  return db
    .selectFrom('workspaces')
    .select(['id', 'name'])
    .where('name', '=', name)
    .executeTakeFirst();
}

/** Every workspace, by name (the CLI picks the only one when none is named). */
export async function listAllWorkspaces(db: Kysely<Database>) {
  return db.selectFrom('workspaces').select(['id', 'name']).orderBy('name').execute();
}

/** Adds a member, or changes their role if they already are one. */
export async function upsertMembership(
  db: Kysely<Database>,
  membership: { workspaceId: string; userId: string; role: Role },
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({
      workspace_id: membership.workspaceId,
      user_id: membership.userId,
      role: membership.role,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'user_id']).doUpdateSet({ role: membership.role }),
    )
    .execute();
}

/**
 * Takes a member out of a workspace and its teams (so routing picks them no more). Their past
 * work — replies, notes, events — stays attributed to them. False when they were no member.
 */
export async function deleteMembership(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
): Promise<boolean> {
  await db
    .deleteFrom('team_members')
    .where('user_id', '=', userId)
    .where('team_id', 'in', (eb) =>
      eb.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId),
    )
    .execute();
  const deleted = await db
    .deleteFrom('memberships')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

/** A user's role in a workspace, with the workspace's "SSO only" setting. */
export async function findMembership(db: Kysely<Database>, workspaceId: string, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select(['memberships.role', 'memberships.available', 'workspaces.sso_only as ssoOnly'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
}

export async function listUserMemberships(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select([
      'workspaces.id as workspaceId',
      'workspaces.name as workspaceName',
      'memberships.role',
    ])
    .where('memberships.user_id', '=', userId)
    .orderBy('workspaces.name')
    .execute();
}

export async function listWorkspaceMembers(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.id as userId',
      'users.email',
      'users.name',
      'memberships.role',
      'memberships.available',
      sql<boolean>`users.deactivated_at is not null`.as('deactivated'),
    ])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.name')
    .execute();
}
