import type { Kysely } from 'kysely';
import type { MentionChange } from '../../channels/channel.ts';
import type { DomainEvent } from '../../domain/events.ts';
import { notifyChanges } from '../../store/changes.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { applyStoredMentionChanges } from '../../store/mention-changes.repository.ts';
import type { Database } from '../../store/schema.ts';

/**
 * Applies what authors did to posts we hold (deleted, edited) in the caller's transaction: our
 * copy stays, marked, with earlier text kept; each change that altered a post records a
 * `mention.deleted` or `mention.edited` event in its conversation's history and tells the open
 * screens. A change for a post this workspace does not hold is ignored, and a change applied
 * before changes nothing, so a redelivered batch is harmless. Returns how many posts changed.
 */
export async function applyMentionChanges(
  db: Kysely<Database>,
  heardIn: { workspaceId: string; network: string },
  changes: readonly MentionChange[],
): Promise<number> {
  if (changes.length === 0) return 0;
  const applied = await applyStoredMentionChanges(
    db,
    heardIn.workspaceId,
    heardIn.network,
    changes,
  );
  const typeOf = (kind: MentionChange['kind']) =>
    kind === 'deleted' ? ('mention.deleted' as const) : ('mention.edited' as const);
  const events: DomainEvent[] = applied.map((change) => ({
    type: typeOf(change.kind),
    actor: change.contactId ? { type: 'customer', id: change.contactId } : { type: 'system' },
    conversationId: change.conversationId,
    data: { mentionId: change.mentionId, at: change.at.toISOString() },
    occurredAt: change.at,
  }));
  await appendEvents(db, heardIn.workspaceId, events);
  // Open screens reload the thread (the post's mark and the history line) on this notice.
  await notifyChanges(
    db,
    applied.map((change) => ({
      type: 'conversation.updated',
      workspaceId: heardIn.workspaceId,
      conversationId: change.conversationId,
      mentionId: change.mentionId,
    })),
  );
  return applied.length;
}
