import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** One row to append; the actor's label defaults to their email when a user id is given. */
export interface AuditRow {
  workspaceId: string | null;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string | null;
  kind: string;
  targetType: string | null;
  targetId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: Date;
}

/** Appends one entry, on `db`: the caller's transaction, so it is kept only with its change. */
export async function appendAuditEntry(db: Kysely<Database>, row: AuditRow): Promise<void> {
  const label =
    row.actorLabel ??
    (row.actorUserId
      ? sql<string>`coalesce((select email from users where id = ${row.actorUserId}), 'unknown user')`
      : 'system');
  await db
    .insertInto('audit_log')
    .values({
      workspace_id: row.workspaceId,
      actor_user_id: row.actorUserId,
      actor_token_id: row.actorTokenId,
      actor_label: label,
      kind: row.kind,
      target_type: row.targetType,
      target_id: row.targetId,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
      ip_address: row.ipAddress,
      user_agent: row.userAgent,
      created_at: row.createdAt,
    })
    .execute();
}

export interface AuditFilter {
  actorUserId?: string;
  kind?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this id (the previous page's cursor). */
  beforeId?: string;
  limit: number;
}

/** A workspace's entries, newest first, one page at a time. */
export async function listAuditEntries(
  db: Kysely<Database>,
  workspaceId: string,
  filter: AuditFilter,
) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.actorUserId) query = query.where('actor_user_id', '=', filter.actorUserId);
  if (filter.kind) {
    // A kind ending in '.' (or a bare family like 'member') matches the whole family.
    query = filter.kind.includes('.')
      ? query.where('kind', '=', filter.kind)
      : query.where('kind', 'like', `${filter.kind.replace(/[\\%_]/g, '\\$&')}.%`);
  }
  if (filter.from) query = query.where('created_at', '>=', filter.from);
  if (filter.to) query = query.where('created_at', '<', filter.to);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  return query.execute();
}
