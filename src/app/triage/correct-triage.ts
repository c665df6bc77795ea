import { appendEvents } from '../../store/events.repository.ts';
import { findMentionTriage, saveCorrection } from '../../store/triage-corrections.repository.ts';
import type { CorrectedField } from '../../store/triage-corrections.repository.ts';
import { AppError } from '../app-error.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';

/**
 * Records a person's label for a mention's sentiment or intent beside what the model said (the
 * model's own label is kept), one mention.triage_corrected event per field; the labels become
 * training data for the next model.
 */
export async function correctTriage(
  context: UseCaseContext,
  mentionId: string,
  labels: { [field in CorrectedField]?: string | undefined },
): Promise<void> {
  const { workspaceId, userId, now } = context;
  await context.store.db.transaction().execute(async (tx) => {
    const mention = await findMentionTriage(tx, workspaceId, mentionId);
    if (!mention) throw new AppError('mention_not_found', 'no such mention');
    const fields: Array<[CorrectedField, string | undefined]> = [
      ['sentiment', labels.sentiment],
      ['intent', labels.intent],
    ];
    for (const [field, label] of fields) {
      if (label === undefined) continue;
      const modelLabel = mention.model[field];
      const { previous } = await saveCorrection(tx, {
        workspaceId,
        mentionId,
        field,
        modelLabel,
        label,
        userId,
        now,
      });
      await appendEvents(tx, workspaceId, [
        {
          type: 'mention.triage_corrected',
          actor: userActor(context),
          conversationId: mention.conversationId,
          data: { mentionId, field, modelLabel, label, previousCorrection: previous },
          occurredAt: now,
        },
      ]);
    }
  });
}
