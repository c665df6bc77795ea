import type { Network } from './network.ts';

/** Whether a person enters once however often they share, or once per counted share. */
export type EntryMode = 'per_person' | 'per_share';

/** What counts as taking part in a campaign (issue 19, share contests). */
export interface CampaignRules {
  /** A hashtag a share must carry (without `#`, any case); null: none required. */
  requiredHashtag: string | null;
  entryMode: EntryMode;
  /** Authors the contest excludes (staff accounts), by the network's id for them. */
  excludedAuthorIds: readonly string[];
}

/** A campaign: the brand's own posts it runs on, the window it is open, and its rules. */
export interface Campaign {
  /** The brand's posts people are asked to share, by network and the network's post id. */
  posts: readonly { network: Network | string; externalId: string }[];
  startsAt: Date;
  endsAt: Date;
  rules: CampaignRules;
}

/** A heard post, as much of it as deciding whether it is a share needs. */
export interface HeardPost {
  id: string;
  network: Network | string;
  externalId: string;
  text: string;
  authorExternalId: string;
  authorHandle: string;
  authorFollowers: number | null;
  url: string | null;
  postedAt: Date;
  parentExternalId: string | null;
  rootExternalId: string | null;
  isPrivate: boolean;
  /** The brand wrote it (its own replies): never an entry. */
  fromBrand: boolean;
  /** Triage (or an agent) marked it spam: never an entry. */
  isSpam: boolean;
}

/** Why a heard post does not count; null when it does. */
export type ShareRefusal =
  'not_a_share' | 'outside_window' | 'missing_hashtag' | 'excluded_author' | 'spam' | null;

function hashtagsOf(text: string): Set<string> {
  // Letters, digits and underscores in any script: `#Été2026` is a hashtag as much as `#summer`.
  return new Set([...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!.toLowerCase()));
}

/**
 * Whether a heard post counts as a share of the campaign: a public reply in the thread of one
 * of the campaign's posts (on that post's network), posted inside the window (start included,
 * end excluded), carrying the required hashtag if any, by someone who is neither the brand,
 * an excluded (staff) account, nor marked spam. Returns the first reason it does not.
 */
export function shareRefusal(campaign: Campaign, post: HeardPost): ShareRefusal {
  const answers = campaign.posts.some(
    (own) =>
      own.network === post.network &&
      own.externalId !== post.externalId &&
      (own.externalId === post.parentExternalId || own.externalId === post.rootExternalId),
  );
  if (!answers || post.isPrivate) return 'not_a_share';
  const at = post.postedAt.getTime();
  if (at < campaign.startsAt.getTime() || at >= campaign.endsAt.getTime()) return 'outside_window';
  const tag = campaign.rules.requiredHashtag?.replace(/^#/, '').toLowerCase();
  if (tag && !hashtagsOf(post.text).has(tag)) return 'missing_hashtag';
  if (post.fromBrand || campaign.rules.excludedAuthorIds.includes(post.authorExternalId)) {
    return 'excluded_author';
  }
  if (post.isSpam) return 'spam';
  return null;
}

/** The heard posts that count as the campaign's shares, oldest first. */
export function countedShares<T extends HeardPost>(campaign: Campaign, heard: readonly T[]): T[] {
  return heard
    .filter((post) => shareRefusal(campaign, post) === null)
    .sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime() || a.id.localeCompare(b.id));
}
