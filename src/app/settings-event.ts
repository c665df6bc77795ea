import type { Kysely } from 'kysely';
import type { EventType } from '../domain/events.ts';
import { appendEvents } from '../store/events.repository.ts';
import type { Database } from '../store/schema.ts';
import { userActor } from './use-case.ts';
import type { UseCaseContext } from './use-case.ts';

/**
 * Records a change to the workspace's settings (no conversation), by the acting user, on `db`:
 * the caller's transaction, so the event is kept only with the change it tells of.
 */
export async function recordSettingsEvent(
  db: Kysely<Database>,
  context: UseCaseContext,
  type: EventType,
  data: Record<string, unknown>,
): Promise<void> {
  await appendEvents(db, context.workspaceId, [
    {
      type,
      actor: userActor(context),
      conversationId: null,
      data,
      occurredAt: context.now,
    },
  ]);
}
