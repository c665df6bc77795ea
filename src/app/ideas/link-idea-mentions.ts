import { linkIdeaMentions as linkMentions } from '../../store/ideas.repository.ts';
import type { UseCaseContext } from '../use-case.ts';
import { changeIdea, requireMentions } from './change-idea.ts';

/** Links more of this workspace's mentions to an idea; ones already linked change nothing. */
export function linkIdeaMentions(context: UseCaseContext, ideaId: string, mentionIds: string[]) {
  return changeIdea(context, ideaId, async (tx) => {
    await requireMentions(tx, context.workspaceId, mentionIds);
    const added = await linkMentions(tx, context.workspaceId, ideaId, mentionIds);
    return added > 0 ? { type: 'idea.linked', data: { added } } : null;
  });
}
