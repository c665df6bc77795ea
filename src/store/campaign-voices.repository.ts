import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** An author first heard during a campaign's window. */
export interface NewVoice {
  network: string;
  authorExternalId: string;
  authorHandle: string;
  firstPostedAt: Date;
}

/**
 * "New voices": the authors of the customers' posts naming the brand during [from, to) that no
 * post of the workspace's, on that network, came from before `from` (the campaign's start) —
 * erased posts, the brand's own and hidden ones left out. The count is of them all; the list
 * holds the first `limit` by their first post.
 */
export async function findNewVoices(
  db: Kysely<Database>,
  workspaceId: string,
  brandId: string,
  window: { from: Date; to: Date },
  limit: number,
): Promise<{ count: number; voices: NewVoice[] }> {
  const { rows } = await sql<{
    network: string;
    author_external_id: string;
    author_handle: string;
    first_posted_at: Date | string;
    total: number | string;
  }>`
    with voices as (
      select m.network, m.author_external_id, min(m.posted_at) as first_posted_at,
        (array_agg(m.author_handle order by m.posted_at))[1] as author_handle
      from mentions m
      join conversations c on c.id = m.conversation_id
      where m.workspace_id = ${workspaceId} and c.brand_id = ${brandId}
        and m.posted_at >= ${window.from} and m.posted_at < ${window.to}
        and not m.from_brand and m.erased_at is null and m.hidden_at is null
        and not exists (
          select 1 from mentions earlier
          where earlier.workspace_id = m.workspace_id and earlier.network = m.network
            and earlier.author_external_id = m.author_external_id
            and earlier.posted_at < ${window.from})
      group by m.network, m.author_external_id
    )
    select network, author_external_id, author_handle, first_posted_at,
      count(*) over () as total
    from voices
    order by first_posted_at, network, author_external_id
    limit ${limit}`.execute(db);
  return {
    count: Number(rows[0]?.total ?? 0),
    voices: rows.map((row) => ({
      network: row.network,
      authorExternalId: row.author_external_id,
      authorHandle: row.author_handle,
      firstPostedAt: new Date(row.first_posted_at),
    })),
  };
}
