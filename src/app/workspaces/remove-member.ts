import type { Role } from '../../domain/roles.ts';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import { deleteMembership, findMembership } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';
import { refuseLastOwnerLeaving, requireOwner } from './owner-rules.ts';
import { releaseConversations } from './release-conversations.ts';

/**
 * Takes a member out of the workspace and its teams. The access notice closes their open event
 * streams; their open conversations go back to their team's queue (or to `teammateId`); their
 * past replies and notes stay theirs. An owner is removed only by an owner, and never the last
 * one.
 */
export async function removeMember(
  context: UseCaseContext,
  actorRole: Role,
  userId: string,
  teammateId?: string,
): Promise<{ released: number }> {
  const { workspaceId } = context;
  await context.store.db.transaction().execute(async (tx) => {
    const current = await findMembership(tx, workspaceId, userId);
    if (!current) throw new AppError('user_not_found', 'no such member');
    if (current.role === 'owner') {
      requireOwner(actorRole, 'only an owner can remove an owner');
      await refuseLastOwnerLeaving(tx, workspaceId, userId);
    }
    await deleteMembership(tx, workspaceId, userId);
    await recordChange(tx, context, {
      kind: 'member.removed',
      target: { type: 'user', id: userId },
      before: { role: current.role },
      after: teammateId ? { conversationsTo: teammateId } : null,
    });
    await notifyChanges(tx, [accessChangedNotice(userId, workspaceId)]);
  });
  // After the membership is gone, so auto-assignment cannot hand them a conversation meanwhile.
  const released = await releaseConversations(
    context.store,
    { userId, workspaceId, teammateId: teammateId === userId ? undefined : teammateId },
    userActor(context),
    context.now,
    'member_removed',
  );
  return { released };
}
