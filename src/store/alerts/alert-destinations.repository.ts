import type { Kysely } from 'kysely';
import { newId } from '../ids.ts';
import type { Database } from '../schema.ts';

const columns = ['id', 'kind', 'target', 'enabled', 'created_at'] as const;

export async function listAlertDestinations(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('alert_destinations')
    .select(columns)
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findAlertDestination(
  db: Kysely<Database>,
  workspaceId: string,
  destinationId: string,
) {
  return db
    .selectFrom('alert_destinations')
    .select(columns)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', destinationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function insertAlertDestination(
  db: Kysely<Database>,
  destination: {
    id?: string;
    workspaceId: string;
    kind: 'webhook' | 'email';
    target: string;
    secretEncrypted: string | null;
    enabled: boolean;
    now: Date;
  },
) {
  return db
    .insertInto('alert_destinations')
    .values({
      id: destination.id ?? newId(),
      workspace_id: destination.workspaceId,
      kind: destination.kind,
      target: destination.target,
      secret_encrypted: destination.secretEncrypted,
      enabled: destination.enabled,
      created_at: destination.now,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function updateAlertDestination(
  db: Kysely<Database>,
  workspaceId: string,
  destinationId: string,
  change: { target?: string; enabled?: boolean },
) {
  if (change.target === undefined && change.enabled === undefined)
    return findAlertDestination(db, workspaceId, destinationId);
  return db
    .updateTable('alert_destinations')
    .set({
      ...(change.target === undefined ? {} : { target: change.target }),
      ...(change.enabled === undefined ? {} : { enabled: change.enabled }),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', destinationId)
    .where('deleted_at', 'is', null)
    .returning(columns)
    .executeTakeFirst();
}

/**
 * Removes a destination: its deliveries still waiting end failed, its log stays. True when it
 * exists in this workspace (removed now or before), so a second removal answers the same.
 */
export async function removeAlertDestination(
  db: Kysely<Database>,
  workspaceId: string,
  destinationId: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('alert_destinations')
    .set((eb) => ({ deleted_at: eb.fn.coalesce('deleted_at', eb.val(now)), enabled: false }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', destinationId)
    .returning('id')
    .executeTakeFirst();
  if (!row) return false;
  await db
    .updateTable('alert_deliveries')
    .set({ status: 'failed', last_error: 'the destination was removed', next_attempt_at: null })
    .where('destination_id', '=', destinationId)
    .where('status', '=', 'pending')
    .execute();
  return true;
}
