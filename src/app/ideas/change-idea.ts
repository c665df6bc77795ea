import type { Kysely } from 'kysely';
import type { EventType } from '../../domain/events.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { findIdeaForUpdate, findWorkspaceMentionIds } from '../../store/ideas.repository.ts';
import type { Database } from '../../store/schema.ts';
import { AppError } from '../app-error.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';

/** An idea row as locked for a change. */
type LockedIdea = NonNullable<Awaited<ReturnType<typeof findIdeaForUpdate>>>;

/** What a change to an idea did, as its event; null when nothing changed. */
type IdeaChangeEvent = { type: EventType; data: Record<string, unknown> } | null;

/** Refuses mentions that are not this workspace's, naming the missing ones. */
export async function requireMentions(db: Kysely<Database>, ws: string, ids: string[]) {
  const found = await findWorkspaceMentionIds(db, ws, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new AppError('mention_not_found', 'no such mention', { missing });
}

/**
 * Runs one change to an idea in a transaction with the idea row locked, and records its event
 * when something changed, as the acting member.
 */
export async function changeIdea(
  context: UseCaseContext,
  ideaId: string,
  work: (tx: Kysely<Database>, idea: LockedIdea) => Promise<IdeaChangeEvent>,
): Promise<void> {
  const { workspaceId, now } = context;
  await context.store.db.transaction().execute(async (tx) => {
    const idea = await findIdeaForUpdate(tx, workspaceId, ideaId);
    if (!idea) throw new AppError('idea_not_found', 'no such idea');
    const event = await work(tx, idea);
    if (event) {
      await appendEvents(tx, workspaceId, [
        {
          ...event,
          data: { ideaId, ...event.data },
          actor: userActor(context),
          conversationId: null,
          occurredAt: now,
        },
      ]);
    }
  });
}
