import type { Network } from './network.ts';

/** Whether a person enters once however often they share, or once per counted share. */
export type EntryMode = 'per_person' | 'per_share';

/** How someone shared a campaign post: a reply in its thread, a quote of it, or a repost. */
export type ShareKind = 'reply' | 'quote' | 'repost';
export const shareKinds = ['reply', 'quote', 'repost'] as const satisfies readonly ShareKind[];

/** What counts as taking part in a campaign (issue 19, share contests). */
export interface CampaignRules {
  /**
   * A hashtag a reply or a quote must carry (without `#`, any case); null: none required. A
   * repost carries no text of its reposter, so it needs none (ADR 0010).
   */
  requiredHashtag: string | null;
  entryMode: EntryMode;
  /** Authors the contest excludes (staff accounts), by the network's id for them. */
  excludedAuthorIds: readonly string[];
  /** Which kinds of share count. */
  shareKinds: readonly ShareKind[];
  /**
   * How old (in days) an author's account must be when they share; null: any age. An author
   * whose account's creation the network has not told is not eligible until it is known.
   */
  minAccountAgeDays: number | null;
}

/** A campaign: the brand's own posts it runs on, the window it is open, and its rules. */
export interface Campaign {
  /** The brand's posts people are asked to share, by network and the network's post id. */
  posts: readonly { network: Network | string; externalId: string }[];
  startsAt: Date;
  endsAt: Date;
  rules: CampaignRules;
}

/** A heard post or repost, as much of it as deciding whether it is a share needs. */
export interface HeardPost {
  id: string;
  network: Network | string;
  externalId: string;
  /** Empty for a repost. */
  text: string;
  authorExternalId: string;
  authorHandle: string;
  authorFollowers: number | null;
  /** When the author's account was created, when the network told; null: unknown. */
  authorCreatedAt?: Date | null;
  url: string | null;
  postedAt: Date;
  parentExternalId: string | null;
  rootExternalId: string | null;
  /** The post this one quotes. */
  quotedExternalId?: string | null;
  /** For a repost: the post reposted (it is then nothing else). */
  repostOf?: string | null;
  isPrivate: boolean;
  /** The brand wrote it (its own replies): never an entry. */
  fromBrand: boolean;
  /** Triage (or an agent) marked it spam: never an entry. */
  isSpam: boolean;
}

/** Why a heard post does not count; null when it does. */
export type ShareRefusal =
  | 'not_a_share'
  | 'kind_not_counted'
  | 'outside_window'
  | 'missing_hashtag'
  | 'excluded_author'
  | 'spam'
  | 'account_age_unknown'
  | 'account_too_young'
  | null;

const dayMs = 86_400_000;

function hashtagsOf(text: string): Set<string> {
  // Letters, digits and underscores in any script: `#Été2026` is a hashtag as much as `#summer`.
  return new Set([...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!.toLowerCase()));
}

/**
 * The kinds of share a heard post is of the campaign, on the campaign post's network: a repost
 * of one of its posts; a reply in the thread of one; a quote of one (a post may be both of the
 * last two). Empty when it is none.
 */
export function shareKindsOf(campaign: Campaign, post: HeardPost): ShareKind[] {
  const isCampaignPost = (id: string | null | undefined) =>
    !!id && campaign.posts.some((own) => own.network === post.network && own.externalId === id);
  if (post.repostOf !== undefined && post.repostOf !== null)
    return isCampaignPost(post.repostOf) ? ['repost'] : [];
  if (campaign.posts.some((own) => own.externalId === post.externalId)) return [];
  const kinds: ShareKind[] = [];
  if (isCampaignPost(post.parentExternalId) || isCampaignPost(post.rootExternalId))
    kinds.push('reply');
  if (isCampaignPost(post.quotedExternalId)) kinds.push('quote');
  return kinds;
}

/**
 * The kind a heard post counts as under the campaign's rules (a reply first when it is also a
 * quote and both count), or why it does not count: it must be a public share of a kind the
 * rules count, inside the window (start included, end excluded), carry the required hashtag if
 * any (replies and quotes), be by someone who is neither the brand, an excluded (staff)
 * account, nor marked spam, and whose account was old enough when they shared.
 */
export function judgeShare(
  campaign: Campaign,
  post: HeardPost,
):
  | { kind: ShareKind; refusal: null }
  | { kind: ShareKind | null; refusal: NonNullable<ShareRefusal> } {
  const kinds = shareKindsOf(campaign, post);
  if (kinds.length === 0 || post.isPrivate) return { kind: null, refusal: 'not_a_share' };
  const kind = kinds.find((candidate) => campaign.rules.shareKinds.includes(candidate));
  if (!kind) return { kind: kinds[0]!, refusal: 'kind_not_counted' };
  const refuse = (refusal: NonNullable<ShareRefusal>) => ({ kind, refusal });
  const at = post.postedAt.getTime();
  if (at < campaign.startsAt.getTime() || at >= campaign.endsAt.getTime())
    return refuse('outside_window');
  const tag = campaign.rules.requiredHashtag?.replace(/^#/, '').toLowerCase();
  if (tag && kind !== 'repost' && !hashtagsOf(post.text).has(tag)) return refuse('missing_hashtag');
  if (post.fromBrand || campaign.rules.excludedAuthorIds.includes(post.authorExternalId))
    return refuse('excluded_author');
  if (post.isSpam) return refuse('spam');
  const minDays = campaign.rules.minAccountAgeDays;
  if (minDays !== null) {
    if (!post.authorCreatedAt) return refuse('account_age_unknown');
    if (at - post.authorCreatedAt.getTime() < minDays * dayMs) return refuse('account_too_young');
  }
  return { kind, refusal: null };
}

/** Why a heard post does not count as a share of the campaign; null when it does. */
export function shareRefusal(campaign: Campaign, post: HeardPost): ShareRefusal {
  return judgeShare(campaign, post).refusal;
}

/** The heard posts that count as the campaign's shares, each with its kind, oldest first. */
export function countedShares<T extends HeardPost>(
  campaign: Campaign,
  heard: readonly T[],
): Array<T & { kind: ShareKind }> {
  return heard
    .flatMap((post) => {
      const judged = judgeShare(campaign, post);
      return judged.refusal === null ? [{ ...post, kind: judged.kind }] : [];
    })
    .sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime() || a.id.localeCompare(b.id));
}
