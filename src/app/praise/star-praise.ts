import { appendEvents } from '../../store/events.repository.ts';
import { findWorkspaceMentionIds } from '../../store/ideas.repository.ts';
import { findPraise, starPraise as savePraise } from '../../store/praise.repository.ts';
import type { PraiseRow } from '../../store/praise.repository.ts';
import { AppError } from '../app-error.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';

/**
 * Stars a mention as praise worth sharing with the team, with an optional note. Starring it again
 * gives back the praise it already is (`created: false`) and records nothing.
 */
export async function starPraise(
  context: UseCaseContext,
  star: { mentionId: string; note: string | null },
): Promise<{ praise: PraiseRow; created: boolean }> {
  const { workspaceId, now } = context;
  return context.store.db.transaction().execute(async (tx) => {
    const found = await findWorkspaceMentionIds(tx, workspaceId, [star.mentionId]);
    if (!found.has(star.mentionId)) throw new AppError('mention_not_found', 'no such mention');
    const starred = await savePraise(tx, {
      workspaceId,
      mentionId: star.mentionId,
      note: star.note,
      starredBy: context.userId,
      now,
    });
    if (starred.created) {
      await appendEvents(tx, workspaceId, [
        {
          type: 'praise.starred',
          actor: userActor(context),
          conversationId: null,
          data: { praiseId: starred.id, mentionId: star.mentionId, note: star.note },
          occurredAt: now,
        },
      ]);
    }
    return { praise: (await findPraise(tx, workspaceId, starred.id))!, created: starred.created };
  });
}
