import type { Kysely } from 'kysely';
import { roleAtLeast } from '../../domain/roles.ts';
import type { Role } from '../../domain/roles.ts';
import type { Database } from '../../store/schema.ts';
import { listWorkspaceMembers } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';

/** Only an owner may grant or take away the owner role: an admin cannot promote past themselves. */
export function requireOwner(actorRole: Role, message: string): void {
  if (!roleAtLeast(actorRole, 'owner')) throw new AppError('forbidden', message);
}

/**
 * A workspace always keeps an owner who can sign in: `leavingUserId` (stepping down, removed or
 * deactivated) may go only if another owner who is not deactivated stays. A deactivated owner
 * does not count, as they can no longer act for the workspace.
 */
export async function refuseLastOwnerLeaving(
  db: Kysely<Database>,
  workspaceId: string,
  leavingUserId: string,
): Promise<void> {
  const remaining = (await listWorkspaceMembers(db, workspaceId)).filter(
    (m) => m.role === 'owner' && !m.deactivated && m.userId !== leavingUserId,
  );
  if (remaining.length === 0)
    throw new AppError('last_owner', 'a workspace needs an owner: make someone else owner first');
}

/** A member as the members list shows them. */
export async function findMemberView(db: Kysely<Database>, workspaceId: string, userId: string) {
  return (await listWorkspaceMembers(db, workspaceId)).find((m) => m.userId === userId)!;
}
