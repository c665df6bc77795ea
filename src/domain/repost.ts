/**
 * Someone reposted (boosted, retweeted) one of the brand's own posts. No text, nothing to answer:
 * not a mention, a share record that campaigns count (ADR 0010).
 */
export interface HeardRepost {
  /** The repost's own id on the network (dedupe key). */
  externalId: string;
  /** The reposted post's network id. */
  subjectExternalId: string;
  author: { externalId: string; handle: string; followers?: number; createdAt?: Date };
  url?: string;
  repostedAt: Date;
}
