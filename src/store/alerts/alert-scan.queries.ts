import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

const stateId = 'detectors';

export async function loadAlertScanState(db: Kysely<Database>) {
  return db
    .selectFrom('alert_scan_state')
    .select(['scanned_until', 'spike'])
    .where('id', '=', stateId)
    .executeTakeFirst();
}

export async function saveAlertScanState(
  db: Kysely<Database>,
  state: { scannedUntil: Date; spike: Record<string, unknown> },
) {
  await db
    .insertInto('alert_scan_state')
    .values({ id: stateId, scanned_until: state.scannedUntil, spike: JSON.stringify(state.spike) })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        scanned_until: state.scannedUntil,
        spike: JSON.stringify(state.spike),
      }),
    )
    .execute();
}

/**
 * Customer mentions received in [start, end), negative ones apart, for every brand (brands
 * with none count zero: a quiet window lowers the usual rate). Hidden spam does not count.
 */
export async function countMentionsByBrand(db: Kysely<Database>, start: Date, end: Date) {
  const { rows } = await sql<{
    workspace_id: string;
    brand_id: string;
    negative: number;
    total: number;
  }>`
    with counted as (
      select c.brand_id, count(*)::int as total,
        (count(*) filter (where m.triage->>'sentiment' = 'negative'))::int as negative
      from mentions m join conversations c on c.id = m.conversation_id
      where m.received_at >= ${start} and m.received_at < ${end}
        and not m.from_brand and m.hidden_at is null
      group by c.brand_id
    )
    select b.workspace_id, b.id as brand_id, coalesce(k.negative, 0)::int as negative,
      coalesce(k.total, 0)::int as total
    from brands b left join counted k on k.brand_id = b.id
    where not b.is_competitor
  `.execute(db);
  return rows;
}

/** Customer posts from the last `since` onward with their engagement counts, for the viral check. */
export async function findRecentEngagedMentions(db: Kysely<Database>, since: Date) {
  return db
    .selectFrom('mentions as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select([
      'm.id',
      'm.workspace_id',
      'm.conversation_id',
      'c.brand_id',
      'm.posted_at',
      'm.url',
      'm.author_handle',
      'm.engagement',
    ])
    .where('m.received_at', '>=', since)
    .where('m.from_brand', '=', false)
    .where('m.hidden_at', 'is', null)
    .where(sql<boolean>`m.engagement <> '{}'::jsonb`)
    .execute();
}

/** `sla.breached` events since a time, in every workspace (the events index serves each one). */
export async function findSlaBreachEvents(db: Kysely<Database>, since: Date) {
  return db
    .selectFrom('workspaces as w')
    .innerJoin('events as e', 'e.workspace_id', 'w.id')
    .select(['e.id', 'e.workspace_id', 'e.conversation_id', 'e.data', 'e.occurred_at'])
    .where('e.type', '=', 'sla.breached')
    .where('e.occurred_at', '>=', since)
    .orderBy('e.id')
    .execute();
}
