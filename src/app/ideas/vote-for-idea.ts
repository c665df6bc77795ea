import { addIdeaVote, removeIdeaVote } from '../../store/ideas.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';
import { changeIdea } from './change-idea.ts';

/** The acting member votes for an idea, once; a merged idea sends them to the one it joined. */
export function voteForIdea(context: UseCaseContext, ideaId: string) {
  return changeIdea(context, ideaId, async (tx, idea) => {
    if (idea.status === 'merged')
      throw new AppError('invalid_transition', 'vote for the idea this one was merged into');
    const added = await addIdeaVote(tx, context.workspaceId, ideaId, context.userId, context.now);
    return added ? { type: 'idea.voted', data: {} } : null;
  });
}

/** The acting member takes their vote back; without one, nothing changes. */
export function withdrawIdeaVote(context: UseCaseContext, ideaId: string) {
  return changeIdea(context, ideaId, async (tx) => {
    const removed = await removeIdeaVote(tx, ideaId, context.userId);
    return removed ? { type: 'idea.unvoted', data: {} } : null;
  });
}
