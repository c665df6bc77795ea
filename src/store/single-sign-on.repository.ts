import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Whether the workspace admits members signed in through single sign-on only. */
export async function findWorkspaceSsoOnly(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('workspaces')
    .select('sso_only')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return row?.sso_only ?? false;
}

export async function setWorkspaceSsoOnly(
  db: Kysely<Database>,
  workspaceId: string,
  ssoOnly: boolean,
): Promise<void> {
  await db
    .updateTable('workspaces')
    .set({ sso_only: ssoOnly })
    .where('id', '=', workspaceId)
    .execute();
}

/** The name of a workspace of the user's that is SSO only, or undefined when there is none. */
export async function findSsoOnlyWorkspaceOf(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select('workspaces.name')
    .where('memberships.user_id', '=', userId)
    .where('workspaces.sso_only', '=', true)
    .orderBy('workspaces.name')
    .executeTakeFirst();
  return row?.name;
}

/** Pending invitations (not accepted, revoked or expired) for an email, to any workspace. */
export async function listPendingInvitationsForEmail(
  db: Kysely<Database>,
  email: string,
  now: Date,
) {
  return db
    .selectFrom('invitations')
    .select(['id', 'workspace_id', 'name', 'role'])
    .where('email', '=', email.toLowerCase())
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at')
    .execute();
}
