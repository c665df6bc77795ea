import { randomBytes } from 'node:crypto';
import type { Egress } from '../../security/egress.ts';
import { encryptSecret } from '../../security/secrets.ts';
import {
  findAlertDestination,
  insertAlertDestination,
  removeAlertDestination as markDestinationRemoved,
  updateAlertDestination as saveDestinationChanges,
} from '../../store/alerts/alert-destinations.repository.ts';
import { newId } from '../../store/ids.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import type { UseCaseContext } from '../use-case.ts';

type NewAlertDestination =
  | { kind: 'webhook'; url: string; secret?: string; enabled: boolean }
  | { kind: 'email'; address: string; enabled: boolean };

interface DestinationChanges {
  url?: string;
  address?: string;
  enabled?: boolean;
}

/**
 * A webhook written as an internal address (127.0.0.1, 10.x, 169.254.169.254, [::1], localhost)
 * or over plain http is refused when it is added or changed; names are checked again, resolved,
 * at every send (security/egress.ts).
 */
function refuseInternalWebhook(egress: Egress, url: string | undefined): void {
  if (url === undefined) return;
  const problem = egress.urlProblem(url);
  if (problem)
    throw new AppError('validation_failed', `The webhook's URL is refused: ${problem}`, {
      field: 'url',
    });
}

/**
 * A destination's target as the audit log keeps it: a webhook's URL often carries its secret in
 * the path (Slack's hooks do), so only its origin is recorded; an email address as it is.
 */
function auditTarget(kind: string, target: string): string {
  if (kind !== 'webhook') return target;
  try {
    return `${new URL(target).origin}/…`;
  } catch {
    return '(a webhook)';
  }
}

/** The refusal for a destination that is not this workspace's (or no longer exists). */
export const destinationNotFound = () =>
  new AppError('alert_destination_not_found', 'No such alert destination in this workspace');

/**
 * Adds where alerts go. A webhook's HMAC secret is generated when not given, stored encrypted,
 * and answered this once.
 */
export async function createAlertDestination(
  context: UseCaseContext,
  egress: Egress,
  secretKey: Buffer,
  destination: NewAlertDestination,
) {
  if (destination.kind === 'webhook') refuseInternalWebhook(egress, destination.url);
  const id = newId();
  const secret =
    destination.kind === 'webhook'
      ? (destination.secret ?? randomBytes(24).toString('base64url'))
      : null;
  const target = destination.kind === 'webhook' ? destination.url : destination.address;
  const row = await context.store.db.transaction().execute(async (tx) => {
    const inserted = await insertAlertDestination(tx, {
      id,
      workspaceId: context.workspaceId,
      kind: destination.kind,
      target,
      // The destination's id is authenticated with the secret: copied to another row it fails.
      secretEncrypted: secret ? encryptSecret(secretKey, secret, id) : null,
      enabled: destination.enabled,
      now: context.now,
    });
    // The webhook's secret is never recorded, only that it has one.
    await recordChange(tx, context, {
      kind: 'alert_destination.created',
      target: { type: 'alert_destination', id },
      after: {
        kind: destination.kind,
        target: auditTarget(destination.kind, target),
        enabled: destination.enabled,
        secret,
      },
    });
    return inserted;
  });
  return { row, secret };
}

/** Changes a destination's target or switches it on or off; a webhook keeps a url, an email an address. */
export async function updateAlertDestination(
  context: UseCaseContext,
  egress: Egress,
  destinationId: string,
  changes: DestinationChanges,
) {
  const { workspaceId } = context;
  const { db } = context.store;
  const existing = await findAlertDestination(db, workspaceId, destinationId);
  if (!existing) throw destinationNotFound();
  const wrongField = existing.kind === 'webhook' ? changes.address : changes.url;
  if (wrongField !== undefined)
    throw new AppError(
      'validation_failed',
      existing.kind === 'webhook'
        ? 'A webhook has a url, not an address'
        : 'An email destination has an address, not a url',
    );
  refuseInternalWebhook(egress, changes.url);
  return db.transaction().execute(async (tx) => {
    const row = await saveDestinationChanges(tx, workspaceId, destinationId, {
      target: changes.url ?? changes.address,
      enabled: changes.enabled,
    });
    if (!row) throw destinationNotFound();
    await recordChange(tx, context, {
      kind: 'alert_destination.updated',
      target: { type: 'alert_destination', id: destinationId },
      before: { target: auditTarget(existing.kind, existing.target), enabled: existing.enabled },
      after: { target: auditTarget(existing.kind, row.target), enabled: row.enabled },
    });
    return row;
  });
}

/** Removes a destination from the workspace; an unknown one is not found. */
export async function removeAlertDestination(
  context: UseCaseContext,
  destinationId: string,
): Promise<void> {
  await context.store.db.transaction().execute(async (tx) => {
    const before = await findAlertDestination(tx, context.workspaceId, destinationId);
    const removed = await markDestinationRemoved(
      tx,
      context.workspaceId,
      destinationId,
      context.now,
    );
    if (!removed) throw destinationNotFound();
    await recordChange(tx, context, {
      kind: 'alert_destination.removed',
      target: { type: 'alert_destination', id: destinationId },
      before: before
        ? {
            kind: before.kind,
            target: auditTarget(before.kind, before.target),
            enabled: before.enabled,
          }
        : null,
    });
  });
}
