import type { Kysely } from 'kysely';
import { notifyAccountChanged, publicColumns } from './channel-accounts.repository.ts';
import type { Database } from './schema.ts';

/** What an edit changes; credentials come already checked with the network and encrypted. */
export interface ChannelAccountChanges {
  name?: string;
  credentials?: { encrypted: string; handle: string; externalId: string };
}

/**
 * Edits an account in place. New credentials clear its error (the runner then restarts its
 * source with them: it compares the stored ciphertext); a paused account stays paused.
 * Undefined when the workspace has no such account (or it was removed).
 */
export async function updateChannelAccount(
  db: Kysely<Database>,
  workspaceId: string,
  accountId: string,
  changes: ChannelAccountChanges,
  now: Date,
) {
  const { name, credentials } = changes;
  const updated = await db
    .updateTable('channel_accounts')
    .set((eb) => ({
      ...(name !== undefined ? { name } : {}),
      ...(credentials
        ? {
            credentials_encrypted: credentials.encrypted,
            account_handle: credentials.handle,
            account_external_id: credentials.externalId,
            status: eb
              .case()
              .when('status', '=', 'error')
              .then('active' as const)
              .else(eb.ref('status'))
              .end(),
            last_error: null,
            last_error_at: null,
            listening_failed_at: null,
          }
        : {}),
      updated_at: now,
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', accountId)
    .where('removed_at', 'is', null)
    .returning(publicColumns)
    .executeTakeFirst();
  if (updated) await notifyAccountChanged(db, accountId);
  return updated;
}

/**
 * A removed account of this workspace that is the same network account: by the network's id, or
 * — for rows removed before that id was kept (migration 0026) — by handle. Newest first.
 */
export async function findRemovedChannelAccount(
  db: Kysely<Database>,
  workspaceId: string,
  network: string,
  account: { externalId: string; handle: string },
) {
  return db
    .selectFrom('channel_accounts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('network', '=', network)
    .where('removed_at', 'is not', null)
    .where('simulated', '=', false)
    .where((eb) =>
      eb.or([
        eb('account_external_id', '=', account.externalId),
        eb.and([eb('account_external_id', 'is', null), eb('account_handle', '=', account.handle)]),
      ]),
    )
    .orderBy('removed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Brings a removed account back with new credentials: the same row, so the mentions it heard —
 * and replies to them, which go out with the credentials of the account that heard them — work
 * again. It listens from now on (the old cursor is dropped, as for a new connection).
 */
export async function reactivateChannelAccount(
  db: Kysely<Database>,
  accountId: string,
  account: {
    brandId: string;
    name: string;
    handle: string;
    externalId: string;
    credentialsEncrypted: string;
  },
  now: Date,
) {
  const reactivated = await db
    .updateTable('channel_accounts')
    .set({
      removed_at: null,
      brand_id: account.brandId,
      name: account.name,
      account_handle: account.handle,
      account_external_id: account.externalId,
      credentials_encrypted: account.credentialsEncrypted,
      status: 'active',
      cursor: null,
      last_error: null,
      last_error_at: null,
      listening_failed_at: null,
      updated_at: now,
    })
    .where('id', '=', accountId)
    .where('removed_at', 'is not', null)
    .returning(publicColumns)
    .executeTakeFirstOrThrow();
  await notifyAccountChanged(db, accountId);
  return reactivated;
}
