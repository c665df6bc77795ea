import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The health monitor puts an active account in error because its source cannot connect or went
 * silent. It stays runnable (see listRunnableChannelAccounts) so it can recover by itself. False
 * when the account was not active (paused or removed meanwhile, or already in error).
 */
export async function markListeningFailed(
  db: Kysely<Database>,
  accountId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('channel_accounts')
    .set({
      status: 'error',
      listening_failed_at: now,
      last_error: reason,
      last_error_at: now,
      updated_at: now,
    })
    .where('id', '=', accountId)
    .where('status', '=', 'active')
    .where('removed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The source heard from the network again: an account the monitor had put in error is active
 * again. One a person paused, or that failed a credential check, is left as it is.
 */
export async function markListeningRecovered(
  db: Kysely<Database>,
  accountId: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('channel_accounts')
    .set({ status: 'active', listening_failed_at: null, last_error: null, updated_at: now })
    .where('id', '=', accountId)
    .where('status', '=', 'error')
    .where('listening_failed_at', 'is not', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** When the source last heard from the network (written a few times a minute, not per frame). */
export async function saveLastHeard(
  db: Kysely<Database>,
  accountId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('channel_accounts')
    .set({ last_heard_at: at })
    .where('id', '=', accountId)
    .execute();
}

/** Accounts by network and status, for /metrics (every workspace; no ids or names). */
export async function countChannelAccountsByStatus(db: Kysely<Database>) {
  return db
    .selectFrom('channel_accounts')
    .select(['network', 'status', (eb) => eb.fn.countAll<string>().as('count')])
    .where('removed_at', 'is', null)
    .where('simulated', '=', false)
    .groupBy(['network', 'status'])
    .orderBy('network')
    .orderBy('status')
    .execute();
}

/** Per network, the longest-silent listened-to account's last sign of life, for /metrics. */
export async function findOldestLastHeard(db: Kysely<Database>) {
  return db
    .selectFrom('channel_accounts')
    .select(['network', (eb) => eb.fn.min('last_heard_at').as('lastHeardAt')])
    .where('removed_at', 'is', null)
    .where('simulated', '=', false)
    .where('status', 'in', ['active', 'error'])
    .where('last_heard_at', 'is not', null)
    .groupBy('network')
    .orderBy('network')
    .execute();
}
