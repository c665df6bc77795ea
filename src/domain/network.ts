/** Every network or source Earshot hears. A channel folder under src/channels/ is named after one. */
export const networks = [
  'bluesky',
  'mastodon',
  'x',
  'facebook',
  'instagram',
  'reddit',
  'google_reviews',
  'reviews',
  'webhook',
  'import',
  'replay',
] as const;

export type Network = (typeof networks)[number];

/** Longest public reply each network accepts, in characters (graphemes where the network counts them). */
export const replyLengthLimits: Record<Network, number> = {
  bluesky: 300,
  mastodon: 500,
  x: 280,
  facebook: 8000,
  instagram: 2200,
  reddit: 10000,
  google_reviews: 4096,
  reviews: 5000,
  webhook: 10000,
  import: 10000,
  replay: 10000,
};

/**
 * Whether a network can take a reply privately, and the longest such message it accepts; null
 * where it cannot (what each channel's send() does with `visibility: 'private'`): Mastodon as a
 * direct-visibility status, X as a DM, Facebook and Instagram as a private reply to the comment
 * (Messenger / Instagram Direct), a generic webhook passes the choice on. Bluesky's sender has no
 * chat, review sites answer only in public, and file imports and replays have nowhere to send.
 */
export const privateReplyLimits: Record<Network, number | null> = {
  bluesky: null,
  mastodon: 500,
  x: 10000,
  facebook: 2000,
  instagram: 1000,
  reddit: null,
  google_reviews: null,
  reviews: null,
  webhook: 10000,
  import: null,
  replay: null,
};

export type ReplyVisibility = 'public' | 'private';

const isNetwork = (value: string): value is Network => Object.hasOwn(replyLengthLimits, value);

/** Whether a reply on `network` may go as a private message. */
export function allowsPrivateReply(network: string): boolean {
  return isNetwork(network) && privateReplyLimits[network] !== null;
}

/** The longest reply `network` takes with this visibility; null when unknown or not allowed. */
export function replyLengthLimit(network: string, visibility: ReplyVisibility): number | null {
  if (!isNetwork(network)) return null;
  return visibility === 'private' ? privateReplyLimits[network] : replyLengthLimits[network];
}
