import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Campaign, EntryMode, HeardPost, ShareKind } from '../domain/campaign.ts';
import type { DrawResult } from '../domain/campaign-draw.ts';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

/** A campaign as stored: the domain's campaign with its names and who set it up. */
export interface StoredCampaign extends Campaign {
  id: string;
  brandId: string;
  name: string;
  budgetCents: number | null;
  createdAt: Date;
}

/** A campaign to keep, with the brand's posts it runs on. */
export interface NewCampaign {
  workspaceId: string;
  brandId: string;
  name: string;
  posts: readonly { network: string; externalId: string }[];
  startsAt: Date;
  endsAt: Date;
  requiredHashtag: string | null;
  entryMode: EntryMode;
  excludedAuthorIds: readonly string[];
  shareKinds: readonly ShareKind[];
  minAccountAgeDays: number | null;
  budgetCents: number | null;
  userId: string;
  now: Date;
}

/** Keeps a campaign and its posts; returns its id. Run inside a transaction. */
export async function insertCampaign(db: Kysely<Database>, campaign: NewCampaign): Promise<string> {
  const id = newId();
  await db
    .insertInto('campaigns')
    .values({
      id,
      workspace_id: campaign.workspaceId,
      brand_id: campaign.brandId,
      name: campaign.name,
      starts_at: campaign.startsAt,
      ends_at: campaign.endsAt,
      required_hashtag: campaign.requiredHashtag,
      entry_mode: campaign.entryMode,
      excluded_author_ids: [...campaign.excludedAuthorIds],
      share_kinds: [...campaign.shareKinds],
      min_account_age_days: campaign.minAccountAgeDays,
      budget_cents: campaign.budgetCents,
      created_by: campaign.userId,
      created_at: campaign.now,
    })
    .execute();
  await db
    .insertInto('campaign_posts')
    .values(
      campaign.posts.map((post) => ({
        campaign_id: id,
        workspace_id: campaign.workspaceId,
        network: post.network,
        external_id: post.externalId,
      })),
    )
    .execute();
  return id;
}

/** The workspace's campaigns with their posts, newest window first; one when `campaignId` is set. */
export async function listCampaigns(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId?: string,
): Promise<StoredCampaign[]> {
  let query = db.selectFrom('campaigns').selectAll().where('workspace_id', '=', workspaceId);
  if (campaignId !== undefined) query = query.where('id', '=', campaignId);
  const rows = await query.orderBy('starts_at', 'desc').orderBy('id', 'desc').execute();
  if (rows.length === 0) return [];
  const posts = await db
    .selectFrom('campaign_posts')
    .select(['campaign_id', 'network', 'external_id'])
    .where('workspace_id', '=', workspaceId)
    .where(
      'campaign_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('network')
    .orderBy('external_id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    brandId: row.brand_id,
    name: row.name,
    budgetCents: row.budget_cents,
    createdAt: row.created_at,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    posts: posts
      .filter((post) => post.campaign_id === row.id)
      .map((post) => ({ network: post.network, externalId: post.external_id })),
    rules: {
      requiredHashtag: row.required_hashtag,
      entryMode: row.entry_mode,
      excludedAuthorIds: row.excluded_author_ids,
      // The column's check allows only these.
      shareKinds: row.share_kinds as ShareKind[],
      minAccountAgeDays: row.min_account_age_days,
    },
  }));
}

/** A heard post or repost that may be a share, with the triage sentiment of its text. */
export interface ShareCandidate extends HeardPost {
  sentiment: string | null;
  /** Which table it comes from: a mention's id, or a repost's. */
  source: 'mention' | 'repost';
}

/**
 * The workspace's heard posts answering one of the campaign's posts, in one of its threads or
 * quoting one, inside its window: the domain decides which of them count. Erased posts are left
 * out. The author's account creation time is the post's, or else their cached profile's.
 */
export async function findShareCandidates(
  db: Kysely<Database>,
  workspaceId: string,
  campaign: Campaign,
): Promise<ShareCandidate[]> {
  if (campaign.posts.length === 0) return [];
  const rows = await db
    .selectFrom('mentions as m')
    .leftJoin('contact_identities as ci', (join) =>
      join
        .onRef('ci.workspace_id', '=', 'm.workspace_id')
        .onRef('ci.network', '=', 'm.network')
        .onRef('ci.external_id', '=', 'm.author_external_id'),
    )
    .select([
      'm.id',
      'm.network',
      'm.external_id',
      'm.text',
      'm.author_external_id',
      'm.author_handle',
      'm.author_followers',
      'm.url',
      'm.posted_at',
      'm.parent_external_id',
      'm.root_external_id',
      'm.quoted_external_id',
      'm.author_created_at',
      'ci.account_created_at',
      'm.is_private',
      'm.from_brand',
      'm.hidden_reason',
      sql<boolean>`coalesce((m.triage->>'spam')::boolean, false)`.as('triaged_spam'),
      sql<string | null>`m.triage->>'sentiment'`.as('sentiment'),
    ])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.erased_at', 'is', null)
    .where('m.posted_at', '>=', campaign.startsAt)
    .where('m.posted_at', '<', campaign.endsAt)
    .where((eb) =>
      eb.or(
        campaign.posts.flatMap((post) => [
          eb.and([
            eb('m.network', '=', post.network),
            eb('m.parent_external_id', '=', post.externalId),
          ]),
          eb.and([
            eb('m.network', '=', post.network),
            eb('m.root_external_id', '=', post.externalId),
          ]),
          eb.and([
            eb('m.network', '=', post.network),
            eb('m.quoted_external_id', '=', post.externalId),
          ]),
        ]),
      ),
    )
    .orderBy('m.posted_at')
    .orderBy('m.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    network: row.network,
    externalId: row.external_id,
    text: row.text,
    authorExternalId: row.author_external_id,
    authorHandle: row.author_handle,
    authorFollowers: row.author_followers,
    url: row.url,
    postedAt: row.posted_at,
    parentExternalId: row.parent_external_id,
    rootExternalId: row.root_external_id,
    quotedExternalId: row.quoted_external_id,
    authorCreatedAt: row.author_created_at ?? row.account_created_at,
    isPrivate: row.is_private,
    fromBrand: row.from_brand,
    isSpam: row.triaged_spam || row.hidden_reason === 'spam',
    sentiment: row.sentiment,
    source: 'mention' as const,
  }));
}

/** Keeps a pick of winners as it was made. */
export async function insertDraw(
  db: Kysely<Database>,
  draw: DrawResult & {
    workspaceId: string;
    campaignId: string;
    winnerCount: number;
    userId: string;
    now: Date;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('campaign_draws')
    .values({
      id,
      workspace_id: draw.workspaceId,
      campaign_id: draw.campaignId,
      method: draw.method,
      seed: draw.seed,
      winner_count: draw.winnerCount,
      entrant_ids: draw.entrantIds,
      winner_ids: draw.winnerIds,
      drawn_by: draw.userId,
      drawn_at: draw.now,
    })
    .execute();
  return id;
}

/** A campaign's recorded draws, oldest first. */
export async function listDraws(db: Kysely<Database>, workspaceId: string, campaignId: string) {
  return db
    .selectFrom('campaign_draws')
    .select([
      'id',
      'method',
      'seed',
      'winner_count as winnerCount',
      'entrant_ids as entrantIds',
      'winner_ids as winnerIds',
      'drawn_by as drawnBy',
      'drawn_at as drawnAt',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('campaign_id', '=', campaignId)
    .orderBy('drawn_at')
    .orderBy('id')
    .execute();
}
