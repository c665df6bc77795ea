import { countedShares } from '../../domain/campaign.ts';
import { leaderboard } from '../../domain/campaign-leaderboard.ts';
import type { LeaderboardEntry } from '../../domain/campaign-leaderboard.ts';
import { findShareCandidates, listCampaigns } from '../../store/campaigns.repository.ts';
import type { ShareCandidate, StoredCampaign } from '../../store/campaigns.repository.ts';
import type { Store } from '../../store/connect.ts';
import { AppError } from '../app-error.ts';

/** A campaign's figures: what it reached and what it cost. */
export interface CampaignReport {
  shares: number;
  uniqueSharers: number;
  /** The sum of the sharers' followers, as the network reported them on their shares. */
  reach: number;
  /** The counted shares by triage sentiment (`unknown` when triage gave none). */
  sentiment: Record<string, number>;
  /** The budget over the counted shares, in cents; null without a budget or a share. */
  costPerShareCents: number | null;
}

/** A campaign with its counted shares (oldest first), its leaderboard and its report. */
export interface CampaignStanding {
  campaign: StoredCampaign;
  shares: ShareCandidate[];
  board: LeaderboardEntry[];
  report: CampaignReport;
}

/** Loads a campaign of the workspace and counts its shares from the mentions heard so far. */
export async function campaignStanding(
  store: Store,
  workspaceId: string,
  campaignId: string,
): Promise<CampaignStanding> {
  const [campaign] = await listCampaigns(store.db, workspaceId, campaignId);
  if (!campaign) throw new AppError('campaign_not_found', 'no such campaign in this workspace');
  const candidates = await findShareCandidates(store.db, workspaceId, campaign);
  const shares = countedShares(campaign, candidates);
  const board = leaderboard(campaign, candidates);
  const sentiment: Record<string, number> = {};
  for (const share of shares) {
    const key = share.sentiment ?? 'unknown';
    sentiment[key] = (sentiment[key] ?? 0) + 1;
  }
  const report: CampaignReport = {
    shares: shares.length,
    uniqueSharers: board.length,
    reach: board.reduce((sum, entry) => sum + (entry.followers ?? 0), 0),
    sentiment,
    costPerShareCents:
      campaign.budgetCents !== null && shares.length > 0
        ? Math.round(campaign.budgetCents / shares.length)
        : null,
  };
  return { campaign, shares, board, report };
}
