import type {
  TweetV2,
  TweetV2PaginableTimelineParams,
  TwitterApi,
  TwitterRateLimit,
  UserV2,
} from 'twitter-api-v2';
import { z } from 'zod';
import type { RawEvent } from '../channel.ts';
import { compareIds } from '../mastodon/poll-loop.ts';
import type { XListening } from './x-terms.ts';

/** Where each source stopped: the newest post id seen. */
export interface XCursor {
  mentions?: string;
  search?: Record<string, string>;
}

const cursorSchema = z.object({
  mentions: z.string().regex(/^\d+$/).optional(),
  search: z.record(z.string(), z.string().regex(/^\d+$/)).optional(),
});

/** A stored cursor back into its parts; a damaged one is a clear error, not a silent restart. */
export function parseXCursor(stored: string | undefined): XCursor {
  if (stored === undefined) return {};
  try {
    return cursorSchema.parse(JSON.parse(stored));
  } catch (error) {
    throw new Error(`X cursor is not valid: ${stored.slice(0, 100)}`, { cause: error });
  }
}

const fields: Partial<TweetV2PaginableTimelineParams> = {
  expansions: ['author_id', 'referenced_tweets.id'],
  'tweet.fields': [
    'created_at',
    'author_id',
    'conversation_id',
    'referenced_tweets',
    'public_metrics',
    'lang',
  ],
  'user.fields': ['username', 'name', 'public_metrics', 'created_at'],
};

// X pages from newest to oldest; this bounds how far back one round catches up.
const maxPagesPerRound = 5;

interface Paged {
  tweets: TweetV2[];
  users: UserV2[];
  rateLimit: TwitterRateLimit | undefined;
  done: boolean;
  fetchNext(): Promise<unknown>;
}

/**
 * One round: the mentions timeline (all heard) and each of the brand's recent searches (only
 * what `listening.hears` accepts), from `since_id`. All pages of a source are read before any is
 * delivered, then delivered oldest first, so a stored cursor never skips older posts that were
 * still on a later page. Returns how long X asks us to wait when a rate-limit window is used up.
 */
export async function pollX(
  client: TwitterApi,
  config: { userId: string; listening: XListening },
  start: XCursor,
  onEvents: (events: RawEvent[]) => Promise<void>,
  now: () => Date,
): Promise<{ cursor: XCursor; waitMs: number }> {
  const { listening } = config;
  const searchPositions = Object.fromEntries(
    listening.searches.flatMap(({ key }) =>
      start.search?.[key] ? [[key, start.search[key]]] : [],
    ),
  );
  let cursor: XCursor = { ...start, search: searchPositions };
  let waitMs = 0;
  const run = async (
    fetch: (sinceId: string | undefined) => Promise<Paged>,
    since: string | undefined,
    update: (c: XCursor, id: string) => XCursor,
    hears: (raw: unknown) => boolean = () => true,
  ) => {
    const paged = await fetch(since);
    for (let page = 1; since !== undefined && !paged.done && page < maxPagesPerRound; page += 1)
      await paged.fetchNext();
    const reset = paged.rateLimit;
    if (reset && reset.remaining === 0)
      waitMs = Math.max(waitMs, reset.reset * 1000 - now().getTime());
    const tweets = [...paged.tweets].sort((a, b) => compareIds(a.id, b.id));
    const newest = tweets[tweets.length - 1]?.id;
    // Without a cursor we start from now: note the newest post, deliver nothing.
    if (since !== undefined && tweets.length > 0) {
      const users = new Map(paged.users.map((user) => [user.id, user]));
      const events = tweets
        .map((tweet) => {
          const author = users.get(tweet.author_id ?? '');
          return {
            raw: { data: tweet, includes: { users: author ? [author] : [] } },
            cursor: JSON.stringify(update(cursor, tweet.id)),
          };
        })
        .filter((event) => hears(event.raw));
      if (events.length > 0) await onEvents(events);
    }
    if (newest !== undefined) cursor = update(cursor, newest);
  };

  await run(
    async (sinceId) =>
      wrap(
        await client.v2.userMentionTimeline(config.userId, {
          ...fields,
          since_id: sinceId,
          max_results: sinceId ? 100 : 5,
        }),
      ),
    cursor.mentions,
    (current, id) => ({ ...current, mentions: id }),
  );
  for (const { key, query } of listening.searches) {
    await run(
      async (sinceId) =>
        wrap(
          await client.v2.search(query, {
            ...fields,
            since_id: sinceId,
            max_results: sinceId ? 100 : 10,
          }),
        ),
      cursor.search?.[key],
      (current, id) => ({ ...current, search: { ...current.search, [key]: id } }),
      listening.hears,
    );
  }
  return { cursor, waitMs: Math.max(0, waitMs) };
}

function wrap(paginator: {
  tweets: TweetV2[];
  includes: { users: UserV2[] };
  rateLimit: TwitterRateLimit;
  done: boolean;
  fetchNext(): Promise<unknown>;
}): Paged {
  return {
    get tweets() {
      return paginator.tweets;
    },
    get users() {
      return paginator.includes.users;
    },
    get rateLimit() {
      return paginator.rateLimit;
    },
    get done() {
      return paginator.done;
    },
    fetchNext: () => paginator.fetchNext(),
  };
}
