import type { Mention } from '../../domain/mention.ts';
import {
  feedValueSchema,
  instagramCommentValueSchema,
  messagingSchema,
  metaBodySchema,
  type MetaEntry,
} from './meta-payload.ts';

/** What a reply needs to know about the event it answers; kept in Mention.raw. */
type MetaEventKind = 'facebook_comment' | 'instagram_comment' | 'message';

/**
 * Turns one Meta webhook body (Pages `feed`, Instagram `comments`, Messenger or Instagram
 * `messaging`) into Mentions. Each Mention's raw is a body holding that one event alone, so
 * normalising a stored raw gives the same Mention back. Reactions, edits, removals, reads and
 * other non-messages give nothing. Throws on a body that is not a Meta webhook at all.
 */
export function normalizeMetaBody(body: unknown): Mention[] {
  const parsed = metaBodySchema.safeParse(body);
  if (!parsed.success)
    throw new Error(`not a Meta webhook body: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const { object } = parsed.data;
  if (object !== 'page' && object !== 'instagram') return [];
  const network = object === 'page' ? 'facebook' : 'instagram';
  const mentions: Mention[] = [];
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes ?? []) {
      const raw = { object, entry: [{ id: entry.id, time: entry.time, changes: [change] }] };
      const mention =
        change.field === 'feed' && network === 'facebook'
          ? fromFeed(change.value, entry, raw)
          : change.field === 'comments' && network === 'instagram'
            ? fromInstagramComment(change.value, entry, raw)
            : undefined;
      if (mention) mentions.push(mention);
    }
    for (const event of entry.messaging ?? []) {
      const raw = { object, entry: [{ id: entry.id, time: entry.time, messaging: [event] }] };
      const mention = fromMessaging(event, entry, network, raw);
      if (mention) mentions.push(mention);
    }
  }
  return mentions;
}

/** Which kind of Meta event a Mention's raw holds, so a reply takes the right Graph edge. */
export function metaEventKind(raw: unknown): MetaEventKind | undefined {
  const parsed = metaBodySchema.safeParse(raw);
  const entry = parsed.success ? parsed.data.entry[0] : undefined;
  if (!entry) return undefined;
  if (entry.messaging?.length) return 'message';
  const field = entry.changes?.[0]?.field;
  if (field === 'feed') return 'facebook_comment';
  if (field === 'comments') return 'instagram_comment';
  return undefined;
}

function fromFeed(value: unknown, entry: MetaEntry, raw: unknown): Mention | undefined {
  const parsed = feedValueSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const feed = parsed.data;
  // Only new comments are mentions: edits would change stored text, removals are moderation.
  if (
    feed.item !== 'comment' ||
    feed.verb !== 'add' ||
    !feed.comment_id ||
    !feed.from ||
    feed.message === undefined
  ) {
    return undefined;
  }
  const isTopLevel = feed.parent_id === undefined || feed.parent_id === feed.post_id;
  return {
    network: 'facebook',
    externalId: feed.comment_id,
    text: feed.message,
    author: {
      externalId: feed.from.id,
      handle: feed.from.name ?? feed.from.id,
      displayName: feed.from.name,
    },
    url: feed.post?.permalink_url,
    postedAt: fromUnix(feed.created_time ?? entry.time),
    parentExternalId: isTopLevel ? feed.post_id : feed.parent_id,
    rootExternalId: feed.post_id,
    isPrivate: false,
    fromBrand: feed.from.id === entry.id,
    raw,
  };
}

function fromInstagramComment(value: unknown, entry: MetaEntry, raw: unknown): Mention | undefined {
  const parsed = instagramCommentValueSchema.safeParse(value);
  if (!parsed.success || parsed.data.text === undefined) return undefined;
  const comment = parsed.data;
  return {
    network: 'instagram',
    externalId: comment.id,
    text: comment.text ?? '',
    author: {
      externalId: comment.from.id,
      handle: comment.from.username ?? comment.from.id,
      url: comment.from.username
        ? `https://www.instagram.com/${encodeURIComponent(comment.from.username)}/`
        : undefined,
    },
    // The comments field carries no time of its own: the notification's time is the closest.
    postedAt: fromUnix(entry.time),
    parentExternalId: comment.parent_id ?? comment.media.id,
    rootExternalId: comment.media.id,
    isPrivate: false,
    fromBrand: comment.from.id === entry.id,
    raw,
  };
}

function fromMessaging(
  value: unknown,
  entry: MetaEntry,
  network: 'facebook' | 'instagram',
  raw: unknown,
): Mention | undefined {
  const parsed = messagingSchema.safeParse(value);
  if (!parsed.success || !parsed.data.message) return undefined;
  const { sender, recipient, timestamp, message } = parsed.data;
  const attachments = (message.attachments ?? [])
    .map((attachment) => `[${attachment.type}]`)
    .join(' ');
  const text = [message.text, attachments].filter(Boolean).join(' ');
  if (text === '') return undefined;
  const fromBrand = message.is_echo === true || sender.id === entry.id;
  // The customer is whoever is not the Page, so an echo is filed under the customer's thread.
  const customerId = fromBrand ? recipient.id : sender.id;
  return {
    network,
    externalId: message.mid,
    text,
    author: { externalId: sender.id, handle: sender.id },
    postedAt: fromUnix(timestamp),
    parentExternalId: message.reply_to?.mid,
    rootExternalId: `dm:${entry.id}:${customerId}`,
    isPrivate: true,
    fromBrand,
    raw,
  };
}

/** Meta sends seconds in feed events and milliseconds in messaging events. */
function fromUnix(value: number): Date {
  return new Date(value > 1e12 ? value : value * 1000);
}
