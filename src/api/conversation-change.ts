import type { Conversation, Transition } from '../domain/conversation.ts';
import type { Actor } from '../domain/events.ts';
import type { Store } from '../store/connect.ts';
import {
  findConversationForUpdate,
  saveTransition,
  toConversation,
} from '../store/conversations.repository.ts';
import { findInboxItem } from '../store/inbox.queries.ts';
import { refreshSlaClocks } from '../pipeline/sla/sla-clock.ts';
import { assignAfterTransfer } from '../pipeline/routing/route-transfer.ts';
import type { InboxItem } from '../store/inbox.queries.ts';
import { ApiError } from './errors.ts';

export type Rule = (
  conversation: Conversation,
  actor: Actor,
  now: Date,
) => Transition | Promise<Transition>;

/**
 * Runs one conversation rule: lock the row, apply the pure rule, store the new state with its
 * events in the same transaction, and answer with the updated inbox item.
 */
export async function changeConversation(
  store: Store,
  workspaceId: string,
  conversationId: string,
  actor: Actor,
  now: Date,
  rule: Rule,
): Promise<InboxItem> {
  await store.db.transaction().execute(async (tx) => {
    const row = await findConversationForUpdate(tx, workspaceId, conversationId);
    if (!row) throw new ApiError(404, 'conversation_not_found', 'no such conversation');
    const transition = await rule(toConversation(row), actor, now);
    if (!transition.ok) {
      throw new ApiError(
        transition.code === 'invalid_priority' ? 400 : 409,
        transition.code,
        transition.message,
      );
    }
    await saveTransition(tx, await assignAfterTransfer(tx, workspaceId, transition, now));
    // Status, team and priority move the SLA clock (pending pauses it).
    if (transition.events.length > 0)
      await refreshSlaClocks(tx, workspaceId, [conversationId], now);
  });
  const item = await findInboxItem(store.db, workspaceId, conversationId);
  if (!item) throw new ApiError(404, 'conversation_not_found', 'no such conversation');
  return item;
}
