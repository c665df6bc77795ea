import { assign } from '../../domain/conversation.ts';
import type { Actor } from '../../domain/events.ts';
import { roleAtLeast } from '../../domain/roles.ts';
import { listOpenConversationsOfAssignee } from '../../store/assigned-conversations.repository.ts';
import type { Store } from '../../store/connect.ts';
import { findUserById } from '../../store/users.repository.ts';
import { findMembership } from '../../store/workspaces.repository.ts';
import { applyConversationChange } from '../conversations/apply-conversation-change.ts';

/** Why a leaver's conversations moved, kept on each `conversation.assigned` event. */
type ReleaseReason = 'member_removed' | 'user_deactivated';

/**
 * Gives back the open conversations a leaving user holds: to `teammateId` where that teammate
 * can answer (an active agent, admin or owner of the workspace), otherwise to the queue of the
 * conversation's team (unassigned). Each move is a `conversation.assigned` event naming the
 * reason; replies, notes and past events stay as they were. Answers how many moved.
 */
export async function releaseConversations(
  store: Store,
  leaver: { userId: string; workspaceId?: string; teammateId?: string | undefined },
  actor: Actor,
  now: Date,
  reason: ReleaseReason,
): Promise<number> {
  const held = await listOpenConversationsOfAssignee(store.db, leaver.userId, leaver.workspaceId);
  const teammateIn = new Map<string, string | null>();
  for (const { id, workspaceId } of held) {
    if (!teammateIn.has(workspaceId))
      teammateIn.set(workspaceId, await usableTeammate(store, workspaceId, leaver.teammateId));
    const to = teammateIn.get(workspaceId) ?? null;
    await applyConversationChange(
      store,
      { workspaceId, conversationId: id, actor, now },
      (conversation, by, at) => {
        // Someone else took it meanwhile: leave it with them.
        if (conversation.assigneeId !== leaver.userId)
          return assign(conversation, conversation.assigneeId, by, at);
        const moved = assign(conversation, to, by, at);
        if (!moved.ok) return moved;
        return {
          ...moved,
          events: moved.events.map((event) => ({ ...event, data: { ...event.data, reason } })),
        };
      },
    );
  }
  return held.length;
}

async function usableTeammate(
  store: Store,
  workspaceId: string,
  teammateId: string | undefined,
): Promise<string | null> {
  if (!teammateId) return null;
  const membership = await findMembership(store.db, workspaceId, teammateId);
  const user = await findUserById(store.db, teammateId);
  return membership && roleAtLeast(membership.role, 'agent') && user && !user.deactivated_at
    ? teammateId
    : null;
}
