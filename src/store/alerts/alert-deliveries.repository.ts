import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/**
 * Claims deliveries that are due: each is leased until `leaseUntil` (a process that dies
 * mid-send gives it back then) and its attempt counted, in one statement with SKIP LOCKED so
 * several workers never send the same one at once.
 */
export async function claimDueDeliveries(
  db: Kysely<Database>,
  now: Date,
  leaseUntil: Date,
  limit: number,
) {
  const claimed = await db
    .updateTable('alert_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
    .where(
      'id',
      'in',
      db
        .selectFrom('alert_deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'alert_id', 'destination_id', 'attempts'])
    .execute();
  if (claimed.length === 0) return [];
  const details = await db
    .selectFrom('alert_deliveries as d')
    .innerJoin('alerts as a', 'a.id', 'd.alert_id')
    .innerJoin('alert_destinations as t', 't.id', 'd.destination_id')
    .select([
      'd.id',
      'd.attempts',
      'a.id as alert_id',
      'a.workspace_id',
      'a.kind as alert_kind',
      'a.summary',
      'a.data',
      'a.brand_id',
      'a.conversation_id',
      'a.mention_id',
      'a.created_at',
      't.id as destination_id',
      't.kind as destination_kind',
      't.target',
      't.secret_encrypted',
    ])
    .where(
      'd.id',
      'in',
      claimed.map((row) => row.id),
    )
    .execute();
  return details;
}

export type ClaimedDelivery = Awaited<ReturnType<typeof claimDueDeliveries>>[number];

export async function finishDelivery(
  db: Kysely<Database>,
  deliveryId: string,
  outcome:
    | { status: 'sent'; at: Date }
    | { status: 'failed'; error: string }
    | { status: 'pending'; error: string; nextAttemptAt: Date },
) {
  await db
    .updateTable('alert_deliveries')
    .set(
      outcome.status === 'sent'
        ? { status: 'sent', sent_at: outcome.at, next_attempt_at: null, last_error: null }
        : outcome.status === 'failed'
          ? { status: 'failed', last_error: outcome.error, next_attempt_at: null }
          : {
              status: 'pending',
              last_error: outcome.error,
              next_attempt_at: outcome.nextAttemptAt,
            },
    )
    .where('id', '=', deliveryId)
    .execute();
}

/** The delivery log of one workspace, newest first. */
export async function listAlertDeliveries(
  db: Kysely<Database>,
  workspaceId: string,
  filter: { alertId?: string; destinationId?: string; limit: number },
) {
  let query = db
    .selectFrom('alert_deliveries')
    .select([
      'id',
      'alert_id',
      'destination_id',
      'status',
      'attempts',
      'last_error',
      'sent_at',
      'created_at',
    ])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.alertId) query = query.where('alert_id', '=', filter.alertId);
  if (filter.destinationId) query = query.where('destination_id', '=', filter.destinationId);
  return query.execute();
}

/** A transaction-scoped advisory lock: false when another process holds it (it is doing the pass). */
export async function tryAlertScanLock(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(hashtext('earshot.alert_scan')) as locked`.execute(db);
  return rows[0]?.locked === true;
}
