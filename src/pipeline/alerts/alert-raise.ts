import type { Kysely } from 'kysely';
import { systemActor } from '../../domain/events.ts';
import { insertAlert } from '../../store/alerts/alerts.repository.ts';
import type { NewAlert } from '../../store/alerts/alerts.repository.ts';
import { notifyChanges } from '../../store/changes.ts';
import { appendEvents } from '../../store/events.repository.ts';
import type { Database } from '../../store/schema.ts';

/**
 * Raises an alert once: the row (with its deliveries queued), an `alert.raised` event and a
 * change notice so browsers hear it. False when it had been raised already.
 */
export async function raiseAlert(
  db: Kysely<Database>,
  alert: NewAlert,
): Promise<string | undefined> {
  const row = await insertAlert(db, alert);
  if (!row) return undefined;
  await appendEvents(db, alert.workspaceId, [
    {
      type: 'alert.raised',
      actor: systemActor,
      conversationId: row.conversation_id,
      data: { alertId: row.id, kind: row.kind, summary: row.summary, brandId: row.brand_id },
      occurredAt: alert.createdAt,
    },
  ]);
  await notifyChanges(db, [
    { type: 'alert.raised', workspaceId: alert.workspaceId, conversationId: row.conversation_id },
  ]);
  return row.id;
}
