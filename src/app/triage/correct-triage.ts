import { setPriority } from '../../domain/conversation.ts';
import { rescoreWithCorrections } from '../../domain/triage-correction.ts';
import type { CorrectableField } from '../../domain/triage-correction.ts';
import { appendEvents } from '../../store/events.repository.ts';
import {
  findMentionForRescore,
  findMentionTriage,
  listCorrections,
  refreshConversationTriage,
  saveCorrectedTriage,
  saveCorrection,
} from '../../store/triage-corrections.repository.ts';
import { AppError } from '../app-error.ts';
import { changeAsMember } from '../conversations/apply-conversation-change.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';

const fields: readonly CorrectableField[] = [
  'sentiment',
  'intent',
  'socialIntent',
  'complaint',
  'spam',
];

/**
 * Records a person's labels for a mention beside what the model said (the model's own labels are
 * kept), one mention.triage_corrected event per field; the labels become training data for the
 * next model. The correction counts at once: the mention is scored again with the person's labels
 * in place of the model's, the conversation takes the mood and spam flag its customer messages now
 * show, and its priority becomes the highest of theirs (a priority change in its history, by the
 * person who corrected).
 */
export async function correctTriage(
  context: UseCaseContext,
  mentionId: string,
  labels: { [field in CorrectableField]?: string | undefined },
): Promise<void> {
  const { workspaceId, userId, now } = context;
  const { conversationId, priority } = await context.store.db.transaction().execute(async (tx) => {
    const mention = await findMentionTriage(tx, workspaceId, mentionId);
    if (!mention) throw new AppError('mention_not_found', 'no such mention');
    for (const field of fields) {
      const label = labels[field];
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
    const scored = await findMentionForRescore(tx, workspaceId, mentionId);
    if (scored && !scored.fromBrand) {
      const corrections = Object.fromEntries(
        (await listCorrections(tx, workspaceId, mentionId)).map((c) => [c.field, c.label]),
      );
      const minutes = (scored.receivedAt.getTime() - scored.postedAt.getTime()) / 60_000;
      const corrected = rescoreWithCorrections(scored.triage, corrections, {
        text: scored.text,
        authorFollowers: scored.authorFollowers,
        engagement: scored.engagement,
        minutes,
        rating: scored.rating,
      });
      await saveCorrectedTriage(tx, workspaceId, mentionId, corrected);
    }
    const refreshed = await refreshConversationTriage(tx, workspaceId, mention.conversationId);
    return { conversationId: mention.conversationId, priority: refreshed.priority };
  });
  await changeAsMember(context, conversationId, (conversation, actor, at) =>
    setPriority(conversation, priority, actor, at),
  );
}
