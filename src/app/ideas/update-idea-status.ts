import { changeIdeaStatus } from '../../domain/ideas.ts';
import type { SettableIdeaStatus } from '../../domain/ideas.ts';
import { setIdeaStatus } from '../../store/ideas.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';
import { changeIdea } from './change-idea.ts';

/**
 * Moves an idea along its lifecycle (new → under review → planned → done, or declined with a
 * reason customers can be told). A refused move throws `invalid_transition`, or `reason_required`
 * for a decline without a reason.
 */
export function updateIdeaStatus(
  context: UseCaseContext,
  ideaId: string,
  wanted: { status: SettableIdeaStatus; reason?: string | undefined },
) {
  return changeIdea(context, ideaId, async (tx, idea) => {
    const change = changeIdeaStatus(idea.status, wanted.status, wanted.reason);
    if (!change.ok) throw new AppError(change.code, change.message);
    if (!change.changed) return null;
    await setIdeaStatus(tx, ideaId, { ...change, now: context.now });
    return {
      type: 'idea.status_changed',
      data: { from: idea.status, to: change.status, reason: change.declinedReason },
    };
  });
}
