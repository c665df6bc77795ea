import { z } from 'zod';
import type { Mention } from '../../domain/mention.ts';
import type { MentionChange } from '../channel.ts';

const userSchema = z.looseObject({
  id: z.string(),
  username: z.string(),
  name: z.string().optional(),
  public_metrics: z.looseObject({ followers_count: z.number().optional() }).optional(),
  /** When the account was created (asked for with `user.fields=created_at`). */
  created_at: z.string().optional(),
});

const tweetSchema = z.looseObject({
  id: z.string(),
  text: z.string(),
  author_id: z.string(),
  created_at: z.string(),
  conversation_id: z.string().optional(),
  lang: z.string().optional(),
  referenced_tweets: z.array(z.looseObject({ type: z.string(), id: z.string() })).optional(),
  /** Every version's id, the original first: an edit is a new post id on X. */
  edit_history_tweet_ids: z.array(z.string()).optional(),
  public_metrics: z
    .looseObject({
      like_count: z.number().optional(),
      retweet_count: z.number().optional(),
      reply_count: z.number().optional(),
      quote_count: z.number().optional(),
    })
    .optional(),
});

const payloadSchema = z.looseObject({
  data: z.union([tweetSchema, z.array(tweetSchema)]).optional(),
  includes: z.looseObject({ users: z.array(userSchema).optional() }).optional(),
});

type Tweet = z.infer<typeof tweetSchema>;
type User = z.infer<typeof userSchema>;

/**
 * An X API v2 answer (`data` one post or many, `includes.users` for their authors) → Mentions.
 * Retweets are not someone speaking, so they give nothing. X builds threads for us: the
 * conversation id is the id of the first post.
 */
export function normalizeX(raw: unknown): Mention[] {
  const { tweets, users, data } = parsePayload(raw);
  return tweets.flatMap((tweet) => {
    if (tweet.referenced_tweets?.some((reference) => reference.type === 'retweeted')) return [];
    const single = {
      data: tweet,
      includes: { users: users.has(tweet.author_id) ? [users.get(tweet.author_id)] : [] },
    };
    return [toMention(tweet, users.get(tweet.author_id), data === tweet ? raw : single)];
  });
}

/**
 * The edits an X API v2 answer reports (pure). X gives an edited post a new id and lists every
 * version's id in `edit_history_tweet_ids`, the original first; a version after the first is an
 * edit of the original, dated when that version was posted. X reports no deletions to the
 * endpoints we poll (see README.md).
 */
export function xChanges(raw: unknown): MentionChange[] {
  return parsePayload(raw).tweets.flatMap((tweet): MentionChange[] => {
    const original = originalId(tweet);
    if (original === tweet.id) return [];
    return [
      {
        externalId: original,
        kind: 'edited',
        at: new Date(tweet.created_at),
        text: unescapeXText(tweet.text),
      },
    ];
  });
}

function parsePayload(raw: unknown) {
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `not an X API v2 payload: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const users = new Map((parsed.data.includes?.users ?? []).map((user) => [user.id, user]));
  const data = parsed.data.data;
  const tweets = data === undefined ? [] : Array.isArray(data) ? data : [data];
  return { tweets, users, data };
}

/**
 * The id a post keeps across its edits: the first version's. An edited version is stored (or
 * recognised as already stored) under it, so an edit never shows up as a second post.
 */
function originalId(tweet: Tweet): string {
  return tweet.edit_history_tweet_ids?.[0] ?? tweet.id;
}

function toMention(tweet: Tweet, user: User | undefined, raw: unknown): Mention {
  const handle = user?.username ?? tweet.author_id;
  const id = originalId(tweet);
  const parent = tweet.referenced_tweets?.find((reference) => reference.type === 'replied_to')?.id;
  const quoted = tweet.referenced_tweets?.find((reference) => reference.type === 'quoted')?.id;
  const accountCreatedAt = user?.created_at ? new Date(user.created_at) : undefined;
  return {
    network: 'x',
    externalId: id,
    text: unescapeXText(tweet.text),
    author: {
      externalId: tweet.author_id,
      handle,
      displayName: user?.name,
      followers: user?.public_metrics?.followers_count,
      url: user ? `https://x.com/${encodeURIComponent(user.username)}` : undefined,
      ...(accountCreatedAt && !Number.isNaN(accountCreatedAt.getTime())
        ? { createdAt: accountCreatedAt }
        : {}),
    },
    url: `https://x.com/${encodeURIComponent(handle)}/status/${tweet.id}`,
    postedAt: new Date(tweet.created_at),
    parentExternalId: parent,
    ...(quoted ? { quotedExternalId: quoted } : {}),
    rootExternalId:
      tweet.conversation_id && tweet.conversation_id !== id && tweet.conversation_id !== tweet.id
        ? tweet.conversation_id
        : undefined,
    isPrivate: false,
    language: tweet.lang && tweet.lang !== 'und' ? tweet.lang : undefined,
    engagement: {
      likes: tweet.public_metrics?.like_count,
      reposts: tweet.public_metrics?.retweet_count,
      replies: tweet.public_metrics?.reply_count,
      quotes: tweet.public_metrics?.quote_count,
    },
    raw,
  };
}

/** X escapes these three in post text; anything else is what the person typed. */
function unescapeXText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
