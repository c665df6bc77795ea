import type { Campaign, HeardPost, ShareKind } from './campaign.ts';
import { countedShares } from './campaign.ts';

/** One person on a campaign's leaderboard. */
export interface LeaderboardEntry {
  rank: number;
  authorExternalId: string;
  authorHandle: string;
  shares: number;
  /** The counted shares by kind. */
  byKind: Record<ShareKind, number>;
  /** Entries in a draw: 1 per person, or one per share (the campaign's entry mode). */
  entries: number;
  firstSharedAt: Date;
  /** The most followers the network reported for them on any counted share. */
  followers: number | null;
}

/** The stated tie-break, shown beside the leaderboard and any "most shares" result. */
export const leaderboardTieBreak =
  'most counted shares first; on a tie, the earliest first share; then the network id of the author';

/** The campaign's leaderboard: counted shares per person, ranked by {@link leaderboardTieBreak}. */
export function leaderboard(campaign: Campaign, heard: readonly HeardPost[]): LeaderboardEntry[] {
  const byAuthor = new Map<string, Omit<LeaderboardEntry, 'rank' | 'entries'>>();
  for (const share of countedShares(campaign, heard)) {
    const key = `${share.network}:${share.authorExternalId}`;
    const seen = byAuthor.get(key);
    if (!seen) {
      byAuthor.set(key, {
        authorExternalId: share.authorExternalId,
        authorHandle: share.authorHandle,
        shares: 1,
        byKind: { reply: 0, quote: 0, repost: 0, [share.kind]: 1 },
        firstSharedAt: share.postedAt,
        followers: share.authorFollowers,
      });
      continue;
    }
    seen.shares += 1;
    seen.byKind[share.kind] += 1;
    if (share.authorFollowers !== null) {
      seen.followers = Math.max(seen.followers ?? 0, share.authorFollowers);
    }
  }
  return [...byAuthor.values()]
    .sort(
      (a, b) =>
        b.shares - a.shares ||
        a.firstSharedAt.getTime() - b.firstSharedAt.getTime() ||
        (a.authorExternalId < b.authorExternalId
          ? -1
          : a.authorExternalId > b.authorExternalId
            ? 1
            : 0),
    )
    .map((entry, index) => ({
      ...entry,
      rank: index + 1,
      entries: campaign.rules.entryMode === 'per_share' ? entry.shares : 1,
    }));
}
