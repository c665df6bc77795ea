import type { Kysely } from 'kysely';
import type { HeardRepost } from '../domain/repost.ts';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';
import { storableText } from './storable-text.ts';

/** Where reposts were heard: the brand account whose post was reposted. */
interface RepostTarget {
  workspaceId: string;
  brandId: string;
  channelAccountId: string | null;
  network: string;
}

/**
 * Keeps reposts of the brand's own posts as share records; one heard again (a replayed batch) is
 * left as it was. Returns how many were new.
 */
export async function insertReposts(
  db: Kysely<Database>,
  target: RepostTarget,
  reposts: readonly HeardRepost[],
  now: Date,
): Promise<number> {
  if (reposts.length === 0) return 0;
  const inserted = await db
    .insertInto('reposts')
    .values(
      reposts.map((repost) => ({
        id: newId(),
        workspace_id: target.workspaceId,
        brand_id: target.brandId,
        channel_account_id: target.channelAccountId,
        network: target.network,
        external_id: repost.externalId,
        subject_external_id: repost.subjectExternalId,
        author_external_id: repost.author.externalId,
        author_handle: storableText(repost.author.handle),
        author_followers: repost.author.followers ?? null,
        author_created_at: repost.author.createdAt ?? null,
        url: repost.url ?? null,
        reposted_at: repost.repostedAt,
        received_at: now,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['workspace_id', 'network', 'external_id']).doNothing(),
    )
    .returning('id')
    .execute();
  return inserted.length;
}

/** A stored repost, as a campaign reads it. */
export interface StoredRepost {
  id: string;
  network: string;
  externalId: string;
  subjectExternalId: string;
  authorExternalId: string;
  authorHandle: string;
  authorFollowers: number | null;
  /** From the repost itself, or the reposter's profile fetched since. */
  authorCreatedAt: Date | null;
  url: string | null;
  repostedAt: Date;
}

/** The workspace's reposts of these posts made in [from, to), oldest first. */
export async function findRepostsOf(
  db: Kysely<Database>,
  workspaceId: string,
  posts: readonly { network: string; externalId: string }[],
  window: { from: Date; to: Date },
): Promise<StoredRepost[]> {
  if (posts.length === 0) return [];
  const rows = await db
    .selectFrom('reposts as r')
    .leftJoin('contact_identities as ci', (join) =>
      join
        .onRef('ci.workspace_id', '=', 'r.workspace_id')
        .onRef('ci.network', '=', 'r.network')
        .onRef('ci.external_id', '=', 'r.author_external_id'),
    )
    .select([
      'r.id',
      'r.network',
      'r.external_id',
      'r.subject_external_id',
      'r.author_external_id',
      'r.author_handle',
      'r.author_followers',
      'r.author_created_at',
      'ci.account_created_at',
      'r.url',
      'r.reposted_at',
    ])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.reposted_at', '>=', window.from)
    .where('r.reposted_at', '<', window.to)
    .where((eb) =>
      eb.or(
        posts.map((post) =>
          eb.and([
            eb('r.network', '=', post.network),
            eb('r.subject_external_id', '=', post.externalId),
          ]),
        ),
      ),
    )
    .orderBy('r.reposted_at')
    .orderBy('r.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    network: row.network,
    externalId: row.external_id,
    subjectExternalId: row.subject_external_id,
    authorExternalId: row.author_external_id,
    authorHandle: row.author_handle,
    authorFollowers: row.author_followers,
    authorCreatedAt: row.author_created_at ?? row.account_created_at,
    url: row.url,
    repostedAt: row.reposted_at,
  }));
}
