import { raiseAlert } from '../../pipeline/alerts/alert-raise.ts';
import { findAlertDestination } from '../../store/alerts/alert-destinations.repository.ts';
import {
  acknowledgeAlert as markAcknowledged,
  findAlert,
} from '../../store/alerts/alerts.repository.ts';
import { newId } from '../../store/ids.ts';
import { AppError } from '../app-error.ts';
import type { WorkspaceAction } from '../workspace-action.ts';
import { destinationNotFound } from './alert-destinations.ts';

/** Marks an alert as seen by the acting user. */
export async function acknowledgeAlert(action: WorkspaceAction, alertId: string) {
  const row = await markAcknowledged(
    action.db,
    action.workspaceId,
    alertId,
    action.actorId,
    action.now,
  );
  if (!row) throw new AppError('alert_not_found', 'No such alert in this workspace');
  return row;
}

/**
 * Raises a test alert for one destination, delivered like any other. Undefined when the alert
 * was not stored, which never happens with a fresh dedupe key.
 */
export async function sendTestAlert(action: WorkspaceAction, destinationId: string) {
  const { db, workspaceId, now } = action;
  const destination = await findAlertDestination(db, workspaceId, destinationId);
  if (!destination) throw destinationNotFound();
  const alertId = await db.transaction().execute((tx) =>
    raiseAlert(tx, {
      workspaceId,
      kind: 'test',
      dedupeKey: `test:${newId()}`,
      summary: `A test alert to ${destination.target}`,
      data: { requestedBy: action.actorId },
      createdAt: now,
      destinationIds: [destination.id],
    }),
  );
  return alertId ? await findAlert(db, workspaceId, alertId) : undefined;
}
