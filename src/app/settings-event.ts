import type { EventType } from '../domain/events.ts';
import { appendEvents } from '../store/events.repository.ts';
import type { WorkspaceAction } from './workspace-action.ts';

/** Records a change to the workspace's settings (no conversation), by the acting user. */
export async function recordSettingsEvent(
  action: WorkspaceAction,
  type: EventType,
  data: Record<string, unknown>,
): Promise<void> {
  await appendEvents(action.db, action.workspaceId, [
    {
      type,
      actor: { type: 'user', id: action.actorId },
      conversationId: null,
      data,
      occurredAt: action.now,
    },
  ]);
}
