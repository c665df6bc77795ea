import type { Role } from '../../domain/roles.ts';
import { findMembership, upsertMembership } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import type { UseCaseContext } from '../use-case.ts';
import { findMemberView, refuseLastOwnerLeaving, requireOwner } from './owner-rules.ts';

/** Gives a member another role; the owner role only by an owner, and never from the last owner. */
export async function changeMemberRole(
  context: UseCaseContext,
  actorRole: Role,
  userId: string,
  role: Role,
) {
  const { workspaceId } = context;
  return context.store.db.transaction().execute(async (db) => {
    const current = await findMembership(db, workspaceId, userId);
    if (!current) throw new AppError('user_not_found', 'no such member');
    if (role === 'owner' || current.role === 'owner')
      requireOwner(actorRole, 'only an owner can grant or take away the owner role');
    if (current.role === 'owner' && role !== 'owner')
      await refuseLastOwnerLeaving(db, workspaceId, userId);
    await upsertMembership(db, { workspaceId, userId, role });
    if (current.role !== role)
      await recordChange(db, context, {
        kind: 'member.role_changed',
        target: { type: 'user', id: userId },
        before: { role: current.role },
        after: { role },
      });
    return findMemberView(db, workspaceId, userId);
  });
}
