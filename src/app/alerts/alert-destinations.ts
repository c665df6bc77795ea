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
  const row = await insertAlertDestination(context.store.db, {
    id,
    workspaceId: context.workspaceId,
    kind: destination.kind,
    target: destination.kind === 'webhook' ? destination.url : destination.address,
    // The destination's id is authenticated with the secret: copied to another row it fails.
    secretEncrypted: secret ? encryptSecret(secretKey, secret, id) : null,
    enabled: destination.enabled,
    now: context.now,
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
  const row = await saveDestinationChanges(db, workspaceId, destinationId, {
    target: changes.url ?? changes.address,
    enabled: changes.enabled,
  });
  if (!row) throw destinationNotFound();
  return row;
}

/** Removes a destination from the workspace; an unknown one is not found. */
export async function removeAlertDestination(
  context: UseCaseContext,
  destinationId: string,
): Promise<void> {
  const removed = await markDestinationRemoved(
    context.store.db,
    context.workspaceId,
    destinationId,
    context.now,
  );
  if (!removed) throw destinationNotFound();
}
