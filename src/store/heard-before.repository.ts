import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** What an account heard before, for a source that remembers it only in memory. */
export interface HeardBefore {
  /** Roots of the threads its brand posted in (heard on the network or replied through Earshot), most recent first. */
  threadRoots: string[];
  /** Authors of the customer posts it heard, most recent first. */
  authors: string[];
}

/**
 * What an account heard since `since`, so a source started again (a restart, another process
 * taking over) still hears replies in the brand's threads and their authors' deletions and edits.
 * At most `limit` of each; read once when the account joins a source.
 */
export async function findHeardBefore(
  db: Kysely<Database>,
  channelAccountId: string,
  since: Date,
  limit: number,
): Promise<HeardBefore> {
  // The brand's posts heard on the account, and the replies sent in conversations it heard.
  const { rows: threads } = await sql<{ root: string }>`
    select root from (
      select coalesce(m.root_external_id, m.external_id) as root, m.received_at as at
      from mentions m
      where m.received_at >= ${since} and m.channel_account_id = ${channelAccountId}
        and m.from_brand
      union all
      select c.root_external_id as root, r.sent_at as at
      from replies r
      join conversations c on c.id = r.conversation_id
      where r.status = 'sent' and r.sent_at >= ${since} and c.root_external_id is not null
        and exists (
          select 1 from mentions heard
          where heard.conversation_id = c.id and heard.channel_account_id = ${channelAccountId}
        )
    ) brand_posts
    group by root
    order by max(at) desc
    limit ${limit}`.execute(db);
  const { rows: authors } = await sql<{ author: string }>`
    select m.author_external_id as author
    from mentions m
    where m.received_at >= ${since} and m.channel_account_id = ${channelAccountId}
      and not m.from_brand and m.deleted_at is null and m.erased_at is null
    group by m.author_external_id
    order by max(m.received_at) desc
    limit ${limit}`.execute(db);
  return {
    threadRoots: threads.map((row) => row.root),
    authors: authors.map((row) => row.author),
  };
}
