import type { Conversation, Transition } from '../../domain/conversation.ts';
import type { Actor } from '../../domain/events.ts';
import { refreshSlaClocks } from '../../pipeline/sla/sla-clock.ts';
import { assignBacklog } from '../../pipeline/routing/assign-backlog.ts';
import { assignAfterTransfer } from '../../pipeline/routing/route-transfer.ts';
import type { Store } from '../../store/connect.ts';
import {
  findConversationForUpdate,
  saveTransition,
  toConversation,
} from '../../store/conversations.repository.ts';
import { findInboxItem } from '../../store/inbox.queries.ts';
import type { InboxItem } from '../../store/inbox.queries.ts';
import { AppError } from '../app-error.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';

/** A pure conversation rule from `domain/conversation.ts`, bound to its own arguments. */
type ConversationRule = (
  conversation: Conversation,
  actor: Actor,
  now: Date,
) => Transition | Promise<Transition>;

/** Which conversation changes, by whom, when. */
interface ConversationChange {
  workspaceId: string;
  conversationId: string;
  actor: Actor;
  now: Date;
}

/**
 * The one way a person changes a conversation: lock the row, apply the pure rule, and in the same
 * transaction store the new state with its events (and the change notice, sent on commit), give a
 * transferred conversation to an agent of its new team, and move the SLA clock. A refused rule
 * throws its code and writes nothing. Answers with the conversation as the inbox shows it.
 */
export async function applyConversationChange(
  store: Store,
  change: ConversationChange,
  rule: ConversationRule,
): Promise<InboxItem> {
  const { workspaceId, conversationId, actor, now } = change;
  const freed = await store.db.transaction().execute(async (tx) => {
    const row = await findConversationForUpdate(tx, workspaceId, conversationId);
    if (!row) throw new AppError('conversation_not_found', 'no such conversation');
    const transition = await rule(toConversation(row), actor, now);
    if (!transition.ok) throw new AppError(transition.code, transition.message);
    const saved = await assignAfterTransfer(tx, workspaceId, transition, now);
    await saveTransition(tx, saved);
    // Status, team and priority move the SLA clock (pending pauses it).
    if (transition.events.length > 0)
      await refreshSlaClocks(tx, workspaceId, [conversationId], now);
    return freedAssignee(row.assignee_id, row.status, saved.conversation);
  });
  // Its former assignee has a free slot: the oldest waiting conversations of their teams go to
  // them. A transaction of its own, after this one: it locks their membership, which routing
  // locks before conversations, so taking it while holding this conversation could deadlock.
  if (freed)
    await store.db
      .transaction()
      .execute((tx) => assignBacklog(tx, workspaceId, freed, now, conversationId));
  const item = await findInboxItem(store.db, workspaceId, conversationId);
  if (!item) throw new AppError('conversation_not_found', 'no such conversation');
  return item;
}

/** Whose slot a change freed: an assignee who no longer holds it, or who holds it resolved. */
function freedAssignee(
  before: string | null,
  statusBefore: string,
  after: Conversation,
): string | null {
  if (!before) return null;
  if (after.assigneeId !== before) return before;
  return after.status === 'resolved' && statusBefore !== 'resolved' ? before : null;
}

/** Applies a rule to one conversation as the acting member of a use case, at its moment. */
export function changeAsMember(
  context: UseCaseContext,
  conversationId: string,
  rule: ConversationRule,
): Promise<InboxItem> {
  const { store, workspaceId, now } = context;
  const change = { workspaceId, conversationId, actor: userActor(context), now };
  return applyConversationChange(store, change, rule);
}
