import { countedShares, shareRefusal } from '../../domain/campaign.ts';
import type { ShareKind, ShareRefusal } from '../../domain/campaign.ts';
import { leaderboard } from '../../domain/campaign-leaderboard.ts';
import type { LeaderboardEntry } from '../../domain/campaign-leaderboard.ts';
import { findShareCandidates, listCampaigns } from '../../store/campaigns.repository.ts';
import type { ShareCandidate, StoredCampaign } from '../../store/campaigns.repository.ts';
import { findNewVoices } from '../../store/campaign-voices.repository.ts';
import type { NewVoice } from '../../store/campaign-voices.repository.ts';
import { findRepostsOf } from '../../store/reposts.repository.ts';
import type { StoredRepost } from '../../store/reposts.repository.ts';
import type { Store } from '../../store/connect.ts';
import { AppError } from '../app-error.ts';

/** The most new voices a report lists (all are counted). */
export const newVoicesListed = 100;

/** A campaign's figures: what it reached and what it cost. */
export interface CampaignReport {
  shares: number;
  /** The counted shares by kind. */
  sharesByKind: Record<ShareKind, number>;
  uniqueSharers: number;
  /** The sum of the sharers' followers, as the network reported them on their shares. */
  reach: number;
  /** The counted replies and quotes by triage sentiment (`unknown` when triage gave none); reposts have no text. */
  sentiment: Record<string, number>;
  /** The budget over the counted shares, in cents; null without a budget or a share. */
  costPerShareCents: number | null;
  /**
   * The campaign's replies, quotes and reposts heard but not counted, by why (a post that is no
   * share at all is left out): `account_age_unknown` ones count once the author's age is known.
   */
  refused: Partial<Record<NonNullable<ShareRefusal>, number>>;
  /** Authors who named the brand during the window and were never heard before it. */
  newVoices: { count: number; listed: NewVoice[] };
}

/** A counted share, with its kind. */
export type CountedShare = ShareCandidate & { kind: ShareKind };

/** A campaign with its counted shares (oldest first), its leaderboard and its report. */
export interface CampaignStanding {
  campaign: StoredCampaign;
  shares: CountedShare[];
  board: LeaderboardEntry[];
  report: CampaignReport;
}

function repostCandidate(repost: StoredRepost): ShareCandidate {
  return {
    id: repost.id,
    source: 'repost',
    network: repost.network,
    externalId: repost.externalId,
    text: '',
    authorExternalId: repost.authorExternalId,
    authorHandle: repost.authorHandle,
    authorFollowers: repost.authorFollowers,
    authorCreatedAt: repost.authorCreatedAt,
    url: repost.url,
    postedAt: repost.repostedAt,
    parentExternalId: null,
    rootExternalId: null,
    repostOf: repost.subjectExternalId,
    isPrivate: false,
    fromBrand: false,
    isSpam: false,
    sentiment: null,
  };
}

/** Loads a campaign of the workspace and counts its shares from the posts and reposts heard so far. */
export async function campaignStanding(
  store: Store,
  workspaceId: string,
  campaignId: string,
): Promise<CampaignStanding> {
  const [campaign] = await listCampaigns(store.db, workspaceId, campaignId);
  if (!campaign) throw new AppError('campaign_not_found', 'no such campaign in this workspace');
  const window = { from: campaign.startsAt, to: campaign.endsAt };
  const [posts, reposts, newVoices] = await Promise.all([
    findShareCandidates(store.db, workspaceId, campaign),
    campaign.rules.shareKinds.includes('repost')
      ? findRepostsOf(store.db, workspaceId, campaign.posts, window)
      : Promise.resolve([]),
    findNewVoices(store.db, workspaceId, campaign.brandId, window, newVoicesListed),
  ]);
  const candidates = [...posts, ...reposts.map(repostCandidate)];
  const shares = countedShares(campaign, candidates);
  const board = leaderboard(campaign, candidates);
  const sentiment: Record<string, number> = {};
  const sharesByKind: Record<ShareKind, number> = { reply: 0, quote: 0, repost: 0 };
  for (const share of shares) {
    sharesByKind[share.kind] += 1;
    if (share.kind === 'repost') continue;
    const key = share.sentiment ?? 'unknown';
    sentiment[key] = (sentiment[key] ?? 0) + 1;
  }
  const refused: CampaignReport['refused'] = {};
  for (const candidate of candidates) {
    const reason = shareRefusal(campaign, candidate);
    if (reason !== null && reason !== 'not_a_share') refused[reason] = (refused[reason] ?? 0) + 1;
  }
  const report: CampaignReport = {
    shares: shares.length,
    sharesByKind,
    uniqueSharers: board.length,
    reach: board.reduce((sum, entry) => sum + (entry.followers ?? 0), 0),
    sentiment,
    costPerShareCents:
      campaign.budgetCents !== null && shares.length > 0
        ? Math.round(campaign.budgetCents / shares.length)
        : null,
    refused,
    newVoices: { count: newVoices.count, listed: newVoices.voices },
  };
  return { campaign, shares, board, report };
}
