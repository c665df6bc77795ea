import { z } from 'zod';

/** The collection of Bluesky posts. */
export const postCollection = 'app.bsky.feed.post';
/** The collection of reposts (a record naming the reposted post as its `subject`). */
export const repostCollection = 'app.bsky.feed.repost';

/** Why the firehose source kept a post. */
const matchReasons = [
  'brand',
  'mention',
  'keyword',
  'hashtag',
  'handle',
  'quote',
  'thread',
] as const;
export type MatchReason = (typeof matchReasons)[number];

const strongRef = z.object({ uri: z.string().startsWith('at://'), cid: z.string().min(1) });
export type StrongRef = z.infer<typeof strongRef>;

/**
 * The `app.bsky.feed.post` fields Earshot reads. Other fields (facets, embeds, labels, fields a
 * newer client adds) pass through untouched in the raw event.
 */
export const postRecordSchema = z.looseObject({
  $type: z.literal(postCollection).optional(),
  text: z.string(),
  createdAt: z.string(),
  reply: z.looseObject({ root: strongRef, parent: strongRef }).optional(),
  langs: z.array(z.string()).optional(),
});
export type PostRecord = z.infer<typeof postRecordSchema>;

/**
 * One post as the Bluesky source delivers it in `RawEvent.raw`, and as Mention.raw keeps it.
 * Plain JSON (the record in the AT Protocol JSON form: CIDs as `{$link}`, bytes as `{$bytes}`), so
 * it can be stored and normalised again later.
 */
export const blueskyPostEventSchema = z.object({
  kind: z.literal('bluesky.post'),
  /** `at://<author did>/app.bsky.feed.post/<rkey>`. */
  uri: z
    .string()
    .regex(
      /^at:\/\/did:[a-z]+:[^/]+\/app\.bsky\.feed\.post\/[A-Za-z0-9._:~-]{1,512}$/,
      'must be the at:// URI of a post',
    ),
  cid: z.string().min(1),
  author: z.object({
    did: z.string().startsWith('did:'),
    /** Claimed in the DID document; absent when it could not be resolved. */
    handle: z.string().min(1).optional(),
  }),
  record: postRecordSchema,
  /** Position in the firehose (`seq`); the source's cursor. */
  seq: z.number().int().nonnegative(),
  /** When the PDS sequenced the commit (firehose `time`). */
  time: z.string(),
  fromBrand: z.boolean(),
  matchedBy: z.array(z.enum(matchReasons)),
});
export type BlueskyPostEvent = z.infer<typeof blueskyPostEventSchema>;

/** The parts of an at:// URI of a record. */
export function parseRecordUri(
  uri: string,
): { did: string; collection: string; rkey: string } | undefined {
  const match = /^at:\/\/([^/]+)\/([^/]+)\/([^/?#]+)$/.exec(uri);
  if (!match) return undefined;
  const [, did = '', collection = '', rkey = ''] = match;
  return { did, collection, rkey };
}

/**
 * An author deleted or changed a post of theirs that an account may hold (its author was heard
 * by that account): `RawEvent.raw` of the Bluesky source beside BlueskyPostEvent. Not a mention.
 */
export const blueskyPostChangeSchema = z.object({
  kind: z.literal('bluesky.post.change'),
  action: z.enum(['delete', 'update']),
  uri: z.string().startsWith('at://'),
  /** The new record, for an update. */
  record: postRecordSchema.optional(),
  seq: z.number().int().nonnegative(),
  /** When the PDS sequenced the change. */
  time: z.string(),
});
export type BlueskyPostChange = z.infer<typeof blueskyPostChangeSchema>;

/** A quote post embeds the quoted record (alone, or with media): its URI, if any. */
export function quotedPostUri(embed: unknown): string | undefined {
  if (typeof embed !== 'object' || embed === null) return undefined;
  const fields = embed as { $type?: unknown; record?: unknown };
  const ref =
    fields.$type === 'app.bsky.embed.recordWithMedia'
      ? (fields.record as { record?: unknown } | null | undefined)?.record
      : fields.$type === 'app.bsky.embed.record'
        ? fields.record
        : undefined;
  const uri = (ref as { uri?: unknown } | null | undefined)?.uri;
  return typeof uri === 'string' && uri.startsWith('at://') ? uri : undefined;
}

/**
 * A repost of a connected brand account's post, as the Bluesky source delivers it to that account
 * (`RawEvent.raw`): not a mention (it has no text), a share record for campaigns (ADR 0010).
 */
export const blueskyRepostEventSchema = z.object({
  kind: z.literal('bluesky.repost'),
  /** `at://<reposter did>/app.bsky.feed.repost/<rkey>`. */
  uri: z
    .string()
    .regex(/^at:\/\/did:[a-z]+:[^/]+\/app\.bsky\.feed\.repost\/[A-Za-z0-9._:~-]{1,512}$/),
  subjectUri: z.string().startsWith('at://'),
  author: z.object({ did: z.string().startsWith('did:'), handle: z.string().min(1).optional() }),
  /** What the reposter's client claims. */
  createdAt: z.string().optional(),
  seq: z.number().int().nonnegative(),
  time: z.string(),
});
export type BlueskyRepostEvent = z.infer<typeof blueskyRepostEventSchema>;
