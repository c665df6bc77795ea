import type { Network } from './network.ts';
import type { ReviewRating } from './review-rating.ts';

/** Who wrote a mention, as the network describes them. */
export interface MentionAuthor {
  /** The network's stable id for the author (DID, account id, user id). */
  externalId: string;
  handle: string;
  displayName?: string;
  followers?: number;
  url?: string;
  /** When the author's account was created, when the network says so on the post. */
  createdAt?: Date;
}

/** How far a post has travelled when it was seen. */
interface Engagement {
  likes?: number;
  reposts?: number;
  replies?: number;
  quotes?: number;
}

/**
 * One thing a customer (or the brand) said on a network, normalised. Immutable once stored:
 * later edits on the network arrive as new raw events, never as updates to this text.
 */
export interface Mention {
  network: Network;
  /** The network's id for this post, unique per network (dedupe key). */
  externalId: string;
  text: string;
  author: MentionAuthor;
  url?: string;
  postedAt: Date;
  /** The external id of the post this one answers, if any. */
  parentExternalId?: string;
  /** The external id of the first post of the thread, if any. */
  rootExternalId?: string;
  /** The external id of the post this one quotes (embeds), when the network says. */
  quotedExternalId?: string;
  /** True when the post is private (a direct message) rather than public. */
  isPrivate: boolean;
  /** True when the brand itself wrote it (our own replies seen on the network or in an import). */
  fromBrand?: boolean;
  language?: string;
  engagement?: Engagement;
  /** A review's site and star rating (review sites only). */
  review?: ReviewRating;
  /** The payload as the network sent it, kept for audits and re-normalisation. */
  raw: unknown;
}
