import { appendEvents } from '../../store/events.repository.ts';
import {
  findIdeaHoldingMentions,
  insertIdea,
  linkIdeaMentions,
} from '../../store/ideas.repository.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';
import { requireMentions } from './change-idea.ts';

/**
 * Promotes what customers asked for into an idea, linked to the mentions that asked. Promoting
 * posts an idea already holds gives that idea back (`created: false`) and records nothing, so a
 * second click or a retried request never makes a second idea.
 */
export async function createIdea(
  context: UseCaseContext,
  idea: { title: string; description: string; mentionIds: string[] },
): Promise<{ id: string; created: boolean }> {
  const { workspaceId, now } = context;
  return context.store.db.transaction().execute(async (tx) => {
    await requireMentions(tx, workspaceId, idea.mentionIds);
    const existing = await findIdeaHoldingMentions(tx, workspaceId, idea.mentionIds);
    if (existing) return { id: existing, created: false };
    const created = await insertIdea(tx, {
      workspaceId,
      title: idea.title,
      description: idea.description,
      createdBy: context.userId,
      now,
    });
    await linkIdeaMentions(tx, workspaceId, created.id, idea.mentionIds);
    await appendEvents(tx, workspaceId, [
      {
        type: 'idea.created',
        actor: userActor(context),
        conversationId: null,
        data: { ideaId: created.id, mentionIds: idea.mentionIds },
        occurredAt: now,
      },
    ]);
    return { id: created.id, created: true };
  });
}
