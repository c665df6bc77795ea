import { raiseAlert } from '../../pipeline/alerts/alert-raise.ts';
import { findAlertDestination } from '../../store/alerts/alert-destinations.repository.ts';
import {
  acknowledgeAlert as markAcknowledged,
  findAlert,
} from '../../store/alerts/alerts.repository.ts';
import { newId } from '../../store/ids.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';
import { destinationNotFound } from './alert-destinations.ts';

/** Marks an alert as seen by the acting user. */
export async function acknowledgeAlert(context: UseCaseContext, alertId: string) {
  const row = await markAcknowledged(
    context.store.db,
    context.workspaceId,
    alertId,
    context.userId,
    context.now,
  );
  if (!row) throw new AppError('alert_not_found', 'No such alert in this workspace');
  return row;
}

/**
 * Raises a test alert for one destination, delivered like any other. Undefined when the alert
 * was not stored, which never happens with a fresh dedupe key.
 */
export async function sendTestAlert(context: UseCaseContext, destinationId: string) {
  const { workspaceId, now } = context;
  const { db } = context.store;
  const destination = await findAlertDestination(db, workspaceId, destinationId);
  if (!destination) throw destinationNotFound();
  const alertId = await db.transaction().execute((tx) =>
    raiseAlert(tx, {
      workspaceId,
      kind: 'test',
      dedupeKey: `test:${newId()}`,
      summary: `A test alert to ${destination.target}`,
      data: { requestedBy: context.userId },
      createdAt: now,
      destinationIds: [destination.id],
    }),
  );
  return alertId ? await findAlert(db, workspaceId, alertId) : undefined;
}
