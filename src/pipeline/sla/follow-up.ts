import type { Kysely } from 'kysely';
import { assign, setStatus } from '../../domain/conversation.ts';
import type { Conversation, Transition } from '../../domain/conversation.ts';
import type { DomainEvent } from '../../domain/events.ts';
import { systemActor } from '../../domain/events.ts';
import { saveTransition, toConversation } from '../../store/conversations.repository.ts';
import type { Database } from '../../store/schema.ts';
import { claimDueFollowUps, setFollowUp } from '../../store/sla/sla-follow-ups.repository.ts';
import { findMembership } from '../../store/workspaces.repository.ts';
import { refreshSlaClocks } from './sla-clock.ts';

/**
 * Hands back each conversation whose "update this customer by …" time has come: open again,
 * assigned to the agent who asked (if still able to take it), with a follow_up_due event. Claimed
 * with SKIP LOCKED and cleared in the same transaction, so it happens once. Returns how many.
 */
export async function runFollowUpsOnce(
  db: Kysely<Database>,
  now: Date,
  batchSize = 50,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await claimDueFollowUps(tx, now, batchSize);
    for (const row of rows) {
      let conversation: Conversation = toConversation(row);
      const events: DomainEvent[] = [];
      const apply = (transition: Transition) => {
        if (!transition.ok) return;
        conversation = transition.conversation;
        events.push(...transition.events);
      };
      if (conversation.status !== 'open') apply(setStatus(conversation, 'open', systemActor, now));
      const userId = row.follow_up_user_id;
      const member = userId ? await findMembership(tx, row.workspace_id, userId) : undefined;
      if (userId && member && member.role !== 'viewer')
        apply(assign(conversation, userId, systemActor, now));
      events.push({
        type: 'conversation.follow_up_due',
        actor: systemActor,
        conversationId: row.id,
        data: { userId, dueAt: row.follow_up_at?.toISOString() ?? null },
        occurredAt: now,
      });
      await setFollowUp(tx, row.workspace_id, row.id, null);
      await saveTransition(tx, { ok: true, conversation, events });
      await refreshSlaClocks(tx, row.workspace_id, [row.id], now);
    }
    return rows.length;
  });
}
