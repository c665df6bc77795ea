import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { newId } from '../ids.ts';
import type { AlertKindColumn, Database } from '../schema.ts';

export interface NewAlert {
  workspaceId: string;
  kind: AlertKindColumn;
  dedupeKey: string;
  brandId?: string | null;
  conversationId?: string | null;
  mentionId?: string | null;
  summary: string;
  data: Record<string, unknown>;
  createdAt: Date;
  /** Deliver to these destinations only (a test); otherwise to every enabled one. */
  destinationIds?: string[];
}

/**
 * Raises an alert and queues its deliveries; undefined when this alert was already raised (the
 * unique key), so a detector may look at the same thing twice, from any process.
 */
export async function insertAlert(db: Kysely<Database>, alert: NewAlert) {
  const row = await db
    .insertInto('alerts')
    .values({
      id: newId(),
      workspace_id: alert.workspaceId,
      kind: alert.kind,
      dedupe_key: alert.dedupeKey,
      brand_id: alert.brandId ?? null,
      conversation_id: alert.conversationId ?? null,
      mention_id: alert.mentionId ?? null,
      summary: alert.summary,
      data: JSON.stringify(alert.data),
      created_at: alert.createdAt,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'dedupe_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  let destinations = db
    .selectFrom('alert_destinations')
    .select([
      sql<string>`gen_random_uuid()`.as('delivery_id'),
      'workspace_id',
      sql<string>`${row.id}::uuid`.as('alert_id'),
      'id as destination_id',
      sql<string>`'pending'`.as('status'),
      sql<Date>`${alert.createdAt}::timestamptz`.as('next_attempt_at'),
      sql<Date>`${alert.createdAt}::timestamptz`.as('created_at'),
    ])
    .where('workspace_id', '=', alert.workspaceId)
    .where('deleted_at', 'is', null);
  destinations = alert.destinationIds
    ? destinations.where('id', 'in', alert.destinationIds.length ? alert.destinationIds : [newId()])
    : destinations.where('enabled', '=', true);
  // The select's columns are in the insert's order.
  await db
    .insertInto('alert_deliveries')
    .columns([
      'id',
      'workspace_id',
      'alert_id',
      'destination_id',
      'status',
      'next_attempt_at',
      'created_at',
    ])
    .expression(destinations)
    .onConflict((oc) => oc.columns(['alert_id', 'destination_id']).doNothing())
    .execute();
  return row;
}

/** Newest first; `before` is the id of the last alert of the previous page. */
export async function listAlerts(
  db: Kysely<Database>,
  workspaceId: string,
  page: { limit: number; before?: string | undefined },
) {
  let query = db
    .selectFrom('alerts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (page.before) {
    const before = page.before;
    query = query.where((eb) =>
      eb(
        eb.refTuple('created_at', 'id'),
        '<',
        eb.tuple(
          eb
            .selectFrom('alerts')
            .select('created_at')
            .where('id', '=', before)
            .where('workspace_id', '=', workspaceId),
          eb.val(before),
        ),
      ),
    );
  }
  return query.execute();
}

export async function findAlert(db: Kysely<Database>, workspaceId: string, alertId: string) {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', alertId)
    .executeTakeFirst();
}

/** Marks an alert seen; a second acknowledgement keeps the first one's time and person. */
export async function acknowledgeAlert(
  db: Kysely<Database>,
  workspaceId: string,
  alertId: string,
  userId: string,
  now: Date,
) {
  await db
    .updateTable('alerts')
    .set({ acknowledged_at: now, acknowledged_by: userId })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', alertId)
    .where('acknowledged_at', 'is', null)
    .execute();
  return findAlert(db, workspaceId, alertId);
}
