import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Something a source could not read, kept with the reason so nothing is dropped silently. */
export interface NewRejectedRecord {
  /** Where it came from, stable across re-runs of the same import: "twcs:tweets.csv". */
  source: string;
  /** 1-based line (or position) in the source, when it has one. */
  line: number | null;
  reason: string;
  /** The record as read, or a description of where to find it. */
  payload: string;
}

/**
 * The same record from the same source gets the same id, so storing it again (a re-run, a
 * restart after a crash) changes nothing: rejected records are as idempotent as mentions.
 */
function rejectedRecordId(workspaceId: string, record: NewRejectedRecord): string {
  const hex = createHash('sha256')
    .update(`${workspaceId}\0${record.source}\0${record.line ?? ''}\0${record.reason}`)
    .digest('hex');
  // Shaped as an RFC 9562 version 8 (custom) UUID, as the column's type requires.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Stores a batch in one statement; records already stored are skipped. Returns how many were new. */
export async function insertRejectedRecords(
  db: Kysely<Database>,
  workspaceId: string,
  channelAccountId: string | null,
  records: NewRejectedRecord[],
): Promise<number> {
  if (records.length === 0) return 0;
  const rows = records.map((record) => ({
    id: rejectedRecordId(workspaceId, record),
    workspace_id: workspaceId,
    channel_account_id: channelAccountId,
    source: record.source,
    reason: record.reason,
    line: record.line,
    payload: record.payload,
  }));
  const inserted = await db
    .insertInto('rejected_records')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0);
}

interface RejectedRecordPage {
  records: Array<{
    id: string;
    channelAccountId: string | null;
    source: string;
    reason: string;
    line: number | null;
    /** The payload's first `previewLength` characters: enough to recognise it, never megabytes. */
    preview: string;
    /** The whole payload's length in characters. */
    payloadLength: number;
    createdAt: Date;
  }>;
  /** The last record's id: pass it back as `after` for the next page; undefined on the last page. */
  next: string | undefined;
}

/**
 * A workspace's rejected records for its admins, newest first, a page at a time (keyset
 * pagination: stable while new records arrive, and cheap on the (workspace, created_at) index).
 * The cursor is an id whose timestamp is read back in SQL: PostgreSQL keeps microseconds that a
 * JavaScript Date would round away.
 */
export async function listRejectedRecords(
  db: Kysely<Database>,
  workspaceId: string,
  page: { limit: number; after?: string | undefined; previewLength?: number },
): Promise<RejectedRecordPage> {
  const previewLength = page.previewLength ?? 500;
  let query = db
    .selectFrom('rejected_records')
    .select([
      'id',
      'channel_account_id as channelAccountId',
      'source',
      'reason',
      'line',
      sql<string>`left(payload, ${previewLength})`.as('preview'),
      sql<number>`length(payload)`.as('payloadLength'),
      'created_at as createdAt',
    ])
    .where('workspace_id', '=', workspaceId);
  const after = page.after;
  if (after) {
    // A cursor from another workspace finds no timestamp, so it pages nothing.
    const createdAtOf = (id: string) =>
      db
        .selectFrom('rejected_records')
        .select('created_at')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id);
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', createdAtOf(after)),
        eb.and([eb('created_at', '=', createdAtOf(after)), eb('id', '>', after)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'asc')
    .limit(page.limit + 1)
    .execute();
  // length() counts in SQL; some drivers hand integers over as strings.
  const records = rows
    .slice(0, page.limit)
    .map((row) => ({ ...row, payloadLength: Number(row.payloadLength) }));
  const last = records.at(-1);
  return {
    records,
    next: rows.length > page.limit && last ? last.id : undefined,
  };
}
