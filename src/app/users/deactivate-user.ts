import type { Actor } from '../../domain/events.ts';
import { roleAtLeast } from '../../domain/roles.ts';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import type { Store } from '../../store/connect.ts';
import { deleteUserSessions, revokeUserApiTokens } from '../../store/sessions.repository.ts';
import { markUserDeactivated } from '../../store/users.repository.ts';
import { setAvailability } from '../../store/routing/assignment.repository.ts';
import { listUserMemberships } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';
import { recordForUser } from '../audit.ts';
import type { RequestOrigin } from '../use-case.ts';
import { refuseLastOwnerLeaving } from '../workspaces/owner-rules.ts';
import { releaseConversations } from '../workspaces/release-conversations.ts';

/**
 * Whether `actorId` may deactivate `userId` across the instance: an admin of every workspace the
 * user belongs to (an owner where the user is an owner), never themselves. Deactivation reaches
 * every workspace, so an admin of one client's workspace cannot lock someone out of another's.
 */
export async function requireMayDeactivate(store: Store, actorId: string, userId: string) {
  if (actorId === userId)
    throw new AppError('forbidden', 'you cannot deactivate yourself; ask another admin');
  const theirs = await listUserMemberships(store.db, userId);
  const mine = new Map(
    (await listUserMemberships(store.db, actorId)).map((m) => [m.workspaceId, m.role]),
  );
  for (const membership of theirs) {
    const role = mine.get(membership.workspaceId);
    const needed = membership.role === 'owner' ? 'owner' : 'admin';
    if (!role || !roleAtLeast(role, needed))
      throw new AppError(
        'forbidden',
        `deactivating needs the ${needed} role in every workspace they belong to, including "${membership.workspaceName}"`,
      );
  }
}

/**
 * Offboards a user across the instance: sign-in refused, every session and API token ends at once
 * and the access notice closes their event streams; auto-assignment skips them; their open
 * conversations go back to their team's queue (or to `teammateId`), each as an event. Their
 * memberships, replies, notes and events stay: nothing they wrote is lost. The last owner of a
 * workspace cannot be deactivated. Doing it again changes nothing more.
 */
export async function deactivateUser(
  store: Store,
  target: { userId: string; teammateId?: string | undefined },
  actor: Actor,
  now: Date,
  origin?: RequestOrigin,
): Promise<{ released: number }> {
  const memberships = await listUserMemberships(store.db, target.userId);
  await store.db.transaction().execute(async (tx) => {
    for (const membership of memberships)
      if (membership.role === 'owner')
        await refuseLastOwnerLeaving(tx, membership.workspaceId, target.userId);
    // Deactivating twice is harmless: the second time finds nothing left to end.
    await markUserDeactivated(tx, target.userId, now);
    await recordForUser(tx, target.userId, {
      kind: 'user.deactivated',
      actor: actor.type === 'user' ? { userId: actor.id } : { userId: null, label: 'command line' },
      target: { type: 'user', id: target.userId },
      after: target.teammateId ? { conversationsTo: target.teammateId } : null,
      origin,
      at: now,
    });
    await deleteUserSessions(tx, target.userId);
    await revokeUserApiTokens(tx, target.userId, now);
    for (const membership of memberships)
      await setAvailability(tx, membership.workspaceId, target.userId, false);
    await notifyChanges(tx, [accessChangedNotice(target.userId)]);
  });
  const released = await releaseConversations(
    store,
    { userId: target.userId, teammateId: target.teammateId },
    actor,
    now,
    'user_deactivated',
  );
  return { released };
}
