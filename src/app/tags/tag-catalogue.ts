import type { Kysely } from 'kysely';
import type { EventType } from '../../domain/events.ts';
import { appendEvents } from '../../store/events.repository.ts';
import type { Database } from '../../store/schema.ts';
import { findLiveTagByName } from '../../store/tags.repository.ts';
import { AppError } from '../app-error.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';

/** Refuses a name another live tag of the workspace already has. */
export async function checkTagNameFree(
  db: Kysely<Database>,
  workspaceId: string,
  name: string,
  tagId?: string,
) {
  const holder = await findLiveTagByName(db, workspaceId, name);
  if (holder && holder.id !== tagId)
    throw new AppError('conflict', `a tag named "${holder.name}" already exists`);
}

/** Two admins adding the same name at once: the unique index refuses the second. */
export async function refusingDuplicateTags<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string } | null)?.code === '23505')
      throw new AppError('conflict', 'a tag with that name already exists');
    throw error;
  }
}

/** Records a change to the tag list (no conversation), as the acting member. */
export async function recordTagEvent(
  tx: Kysely<Database>,
  context: UseCaseContext,
  type: EventType,
  data: Record<string, unknown>,
) {
  await appendEvents(tx, context.workspaceId, [
    { type, actor: userActor(context), conversationId: null, data, occurredAt: context.now },
  ]);
}
