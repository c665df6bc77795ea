import { canMergeIdeas } from '../../domain/ideas.ts';
import { findIdeaForUpdate, mergeIdeaInto } from '../../store/ideas.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';
import { changeIdea } from './change-idea.ts';

/** Merges a duplicate idea into another: its votes and mentions move there. Again: no change. */
export function mergeIdea(context: UseCaseContext, ideaId: string, intoIdeaId: string) {
  return changeIdea(context, ideaId, async (tx, source) => {
    const target = await findIdeaForUpdate(tx, context.workspaceId, intoIdeaId);
    if (!target) throw new AppError('idea_not_found', 'no such idea to merge into');
    const check = canMergeIdeas(
      { id: source.id, status: source.status, mergedIntoId: source.merged_into_id },
      target,
    );
    if (!check.ok) throw new AppError(check.code, check.message);
    if (check.alreadyMerged) return null;
    const moved = await mergeIdeaInto(tx, ideaId, intoIdeaId, context.now);
    return { type: 'idea.merged', data: { intoIdeaId, ...moved } };
  });
}
