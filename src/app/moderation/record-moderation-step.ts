import type { Kysely } from 'kysely';
import { moderationEvent } from '../../domain/moderation.ts';
import type { ModerationStep } from '../../domain/moderation.ts';
import { notifyChanges } from '../../store/changes.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { insertModerationAction } from '../../store/moderation.repository.ts';
import type { Database } from '../../store/schema.ts';
import { recordChange } from '../audit.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';

/** Stores one step: its log row, its event and a change notice, in the caller's transaction. */
export async function recordModerationStep(
  tx: Kysely<Database>,
  context: UseCaseContext,
  step: ModerationStep,
): Promise<void> {
  const { workspaceId, userId, now } = context;
  await insertModerationAction(tx, workspaceId, step, userId, now);
  await appendEvents(tx, workspaceId, [moderationEvent(step, userActor(context), now)]);
  const target = step.mentionId
    ? { type: 'mention', id: step.mentionId }
    : step.contactId
      ? { type: 'contact', id: step.contactId }
      : null;
  await recordChange(tx, context, {
    kind: 'moderation.step_recorded',
    target,
    after: { action: step.action, reason: step.reason, note: step.note, onNetwork: step.onNetwork },
  });
  if (step.conversationId) {
    await notifyChanges(tx, [
      { type: 'conversation.updated', workspaceId, conversationId: step.conversationId },
    ]);
  }
}
