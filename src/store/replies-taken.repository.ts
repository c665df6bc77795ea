import type { Kysely } from 'kysely';
import type { Database, ReplyRow } from './schema.ts';

/**
 * The posts our other replies on the reply's network are recorded as, sent since `since` (what a
 * network lookup for this reply could find): none of them can be this reply's post.
 */
export async function findTakenExternalIds(
  db: Kysely<Database>,
  reply: Pick<ReplyRow, 'id' | 'workspace_id' | 'network'>,
  since: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('replies')
    .select('external_id')
    .where('workspace_id', '=', reply.workspace_id)
    .where('status', '=', 'sent')
    .where('sent_at', '>=', since)
    .where('network', '=', reply.network)
    .where('id', '<>', reply.id)
    .where('external_id', 'is not', null)
    .execute();
  return rows.flatMap((row) => (row.external_id ? [row.external_id] : []));
}
