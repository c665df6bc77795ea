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
