import type { mastodon } from 'masto';
import { z } from 'zod';
import type { RawEvent } from '../channel.ts';
import type { MastodonListening } from './mastodon-terms.ts';
import { compareIds } from './poll-loop.ts';

/** Where each source stopped: notification ids for mentions, status ids for tags and searches. */
export interface MastodonCursor {
  notifications?: string;
  tags?: Record<string, string>;
  search?: Record<string, string>;
}

const cursorSchema = z.object({
  notifications: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  search: z.record(z.string(), z.string()).optional(),
});

/** A stored cursor back into its parts; a damaged one is a clear error, not a silent restart. */
export function parseMastodonCursor(stored: string | undefined): MastodonCursor {
  if (stored === undefined) return {};
  try {
    return cursorSchema.parse(JSON.parse(stored));
  } catch (error) {
    throw new Error(`Mastodon cursor is not valid: ${stored.slice(0, 100)}`, { cause: error });
  }
}

type Fetch<T> = (minId: string | undefined, limit: number) => Promise<T[]>;

const pageSize = 40;
// Bounds one round, so a long outage is caught up over several rounds, not one huge burst.
const maxPagesPerRound = 10;

/**
 * One polling round over every source: the account's mentions (all heard), then the brand's
 * hashtags and searches as they are now (only what `listening.hears` accepts). Each event
 * carries the whole cursor as it stands after that event, so storing the cursor with the
 * mention resumes exactly there. A term added since the last round starts from now; the
 * positions of terms no longer listened to are dropped.
 */
export async function pollMastodon(
  rest: mastodon.rest.Client,
  listening: MastodonListening,
  start: MastodonCursor,
  onEvents: (events: RawEvent[]) => Promise<void>,
  signal: AbortSignal,
): Promise<MastodonCursor> {
  let cursor: MastodonCursor = {
    ...start,
    tags: keep(start.tags, listening.hashtags),
    search: keep(start.search, listening.searches),
  };
  const run = async <T extends { id: string }>(
    fetch: Fetch<T>,
    since: string | undefined,
    update: (cursor: MastodonCursor, id: string) => MastodonCursor,
    hears: (item: T) => boolean = () => true,
  ) => {
    const position = await drain(fetch, since, signal, async (items) => {
      const events = items
        .map((item) => ({ item, cursor: JSON.stringify(update(cursor, item.id)) }))
        .filter(({ item }) => hears(item))
        .map(({ item, cursor }) => ({ raw: item, cursor }));
      if (events.length > 0) await onEvents(events);
    });
    if (position !== undefined) cursor = update(cursor, position);
  };

  await run(
    async (minId, limit) =>
      await rest.v1.notifications.list({ types: ['mention', 'reblog'], minId, limit }),
    cursor.notifications,
    (current, id) => ({ ...current, notifications: id }),
  );
  for (const tag of listening.hashtags) {
    await run(
      async (minId, limit) => await rest.v1.timelines.tag.$select(tag).list({ minId, limit }),
      cursor.tags?.[tag],
      (current, id) => ({ ...current, tags: { ...current.tags, [tag]: id } }),
      listening.hears,
    );
  }
  for (const query of listening.searches) {
    await run(
      async (minId, limit) =>
        (await rest.v2.search.list({ q: query, type: 'statuses', minId, limit })).statuses,
      cursor.search?.[query],
      (current, id) => ({ ...current, search: { ...current.search, [query]: id } }),
      listening.hears,
    );
  }
  return cursor;
}

function keep(positions: Record<string, string> | undefined, terms: readonly string[]) {
  return Object.fromEntries(
    terms.flatMap((term) => (positions?.[term] ? [[term, positions[term]]] : [])),
  );
}

/** Pages forward from `since` (oldest first); without a cursor, starts from the newest item. */
async function drain<T extends { id: string }>(
  fetch: Fetch<T>,
  since: string | undefined,
  signal: AbortSignal,
  deliver: (items: T[]) => Promise<void>,
): Promise<string | undefined> {
  if (since === undefined) {
    const [latest] = await fetch(undefined, 1);
    // "0" rather than nothing: an empty source must still hear its very first item.
    return latest?.id ?? '0';
  }
  let position = since;
  for (let page = 0; page < maxPagesPerRound && !signal.aborted; page += 1) {
    const items = await fetch(position, pageSize);
    if (items.length === 0) break;
    const sorted = [...items]
      .sort((a, b) => compareIds(a.id, b.id))
      .filter((item) => compareIds(item.id, position) > 0);
    if (sorted.length === 0) break;
    await deliver(sorted);
    position = sorted[sorted.length - 1]?.id ?? position;
    if (items.length < pageSize) break;
  }
  return position;
}
