import type { Kysely } from 'kysely';
import type { Role } from '../domain/roles.ts';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

const columns = [
  'invitations.id',
  'invitations.workspace_id',
  'invitations.email',
  'invitations.name',
  'invitations.role',
  'invitations.created_at',
  'invitations.expires_at',
  'invitations.accepted_at',
  'invitations.revoked_at',
] as const;

export async function insertInvitation(
  db: Kysely<Database>,
  invitation: {
    workspaceId: string;
    email: string;
    name: string | null;
    role: Role;
    tokenHash: string;
    invitedBy: string;
    expiresAt: Date;
  },
) {
  return db
    .insertInto('invitations')
    .values({
      id: newId(),
      workspace_id: invitation.workspaceId,
      email: invitation.email.toLowerCase(),
      name: invitation.name,
      role: invitation.role,
      token_hash: invitation.tokenHash,
      invited_by: invitation.invitedBy,
      expires_at: invitation.expiresAt,
    })
    .returning(['id', 'workspace_id', 'email', 'name', 'role', 'created_at', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** Invitations not yet accepted, revoked or expired, newest first, with who sent them. */
export async function listPendingInvitations(db: Kysely<Database>, workspaceId: string, now: Date) {
  return db
    .selectFrom('invitations')
    .leftJoin('users', 'users.id', 'invitations.invited_by')
    .select([...columns, 'users.name as invitedByName'])
    .where('invitations.workspace_id', '=', workspaceId)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', now)
    .orderBy('invitations.created_at', 'desc')
    .execute();
}

/** Revokes a pending invitation of the workspace; false when there is none with that id. */
export async function markInvitationRevoked(
  db: Kysely<Database>,
  workspaceId: string,
  invitationId: string,
  now: Date,
): Promise<{ email: string; role: string } | undefined> {
  return db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning(['email', 'role'])
    .executeTakeFirst();
}

/** A pending, unexpired invitation by its secret's hash, with its workspace's name. */
export async function findUsableInvitation(db: Kysely<Database>, tokenHash: string, now: Date) {
  return db
    .selectFrom('invitations')
    .innerJoin('workspaces', 'workspaces.id', 'invitations.workspace_id')
    .select([...columns, 'workspaces.name as workspaceName'])
    .where('invitations.token_hash', '=', tokenHash)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks an invitation accepted; false when another request got there first. */
export async function markInvitationAccepted(
  db: Kysely<Database>,
  invitationId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where('id', '=', invitationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Earlier pending invitations of the same email to the same workspace stop working. */
export async function revokePendingInvitationsFor(
  db: Kysely<Database>,
  workspaceId: string,
  email: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email.toLowerCase())
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}
