import { z } from 'zod';
import type { Mention } from '../../domain/mention.ts';
import type { HeardRepost } from '../../domain/repost.ts';
import type { MentionChange } from '../channel.ts';
import { htmlToText } from './html-to-text.ts';

const accountSchema = z.looseObject({
  id: z.string(),
  acct: z.string(),
  username: z.string().optional(),
  displayName: z.string().optional(),
  followersCount: z.number().optional(),
  url: z.string().nullish(),
  createdAt: z.string().optional(),
});

const statusSchema = z.looseObject({
  id: z.string(),
  uri: z.string(),
  url: z.string().nullish(),
  createdAt: z.string(),
  content: z.string(),
  spoilerText: z.string().optional(),
  visibility: z.enum(['public', 'unlisted', 'private', 'direct']),
  inReplyToId: z.string().nullish(),
  language: z.string().nullish(),
  account: accountSchema,
  repliesCount: z.number().optional(),
  reblogsCount: z.number().optional(),
  favouritesCount: z.number().optional(),
  quotesCount: z.number().optional(),
  reblog: z.unknown().nullish(),
  editedAt: z.string().nullish(),
  mediaAttachments: z.array(z.looseObject({ type: z.string() })).optional(),
  /**
   * Mastodon 4.5+: the post this one quotes, in full or by id (a quote inside a quote), with the
   * quoted author's answer (`accepted` when shown).
   */
  quote: z
    .looseObject({
      state: z.string(),
      quotedStatus: z.looseObject({ id: z.string() }).nullish(),
      quotedStatusId: z.string().nullish(),
    })
    .nullish(),
});

const notificationSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  status: z.unknown().nullish(),
});

/** A `reblog` notification: `account` boosted `status`, one of the brand account's own. */
const reblogSchema = z.looseObject({
  type: z.literal('reblog'),
  createdAt: z.string(),
  account: accountSchema,
  status: z.looseObject({ id: z.string() }),
});

/**
 * The boosts of the brand's own posts a Mastodon notification (or list of them) reports, as
 * share records (ADR 0010); none for anything else. Mastodon tells a boost only to the account
 * whose post was boosted, and names no id for the boost itself: it is keyed by booster and post
 * (one can boost a post once). Throws for a `reblog` notification it cannot read.
 */
export function mastodonReposts(raw: unknown): HeardRepost[] {
  if (Array.isArray(raw)) return raw.flatMap((item) => mastodonReposts(item));
  const value = camelizeKeys(raw);
  if (!isRecord(value) || value.type !== 'reblog' || 'content' in value) return [];
  const parsed = reblogSchema.safeParse(value);
  if (!parsed.success)
    throw new Error(`not a readable Mastodon reblog notification: ${parsed.error.message}`);
  const { account, status, createdAt } = parsed.data;
  const joined = account.createdAt ? new Date(account.createdAt) : undefined;
  return [
    {
      externalId: `reblog:${account.id}:${status.id}`,
      subjectExternalId: status.id,
      author: {
        externalId: account.id,
        handle: account.acct,
        ...(account.followersCount !== undefined ? { followers: account.followersCount } : {}),
        ...(joined && !Number.isNaN(joined.getTime()) ? { createdAt: joined } : {}),
      },
      ...(account.url ? { url: account.url } : {}),
      repostedAt: new Date(createdAt),
    },
  ];
}

type Status = z.infer<typeof statusSchema>;

/**
 * A Mastodon notification or status (or a list of them) → Mentions. Accepts the API's JSON
 * (snake_case, as documented and as stored) and masto's camelCase entities alike. Only
 * `mention` notifications count; boosts are not someone speaking, so they give nothing.
 */
export function normalizeMastodon(raw: unknown): Mention[] {
  if (Array.isArray(raw)) return raw.flatMap((item) => normalizeMastodon(item));
  // A deletion or edit is no new post: changes() reads it.
  if (streamChangeSchema.safeParse(raw).success) return [];
  const value = camelizeKeys(raw);
  if (isRecord(value) && 'type' in value && !('content' in value)) {
    const notification = notificationSchema.parse(value);
    if (notification.type !== 'mention' || !notification.status) return [];
    return fromStatus(statusSchema.parse(notification.status), raw);
  }
  const parsed = statusSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `not a Mastodon status: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  return fromStatus(parsed.data, raw);
}

/**
 * A streamed deletion or edit, as the stream hands it on: Mastodon's `delete` event (the
 * status id), or `status.update` (the edited status, as JSON text on the wire or parsed), with
 * the time we heard it.
 */
const streamChangeSchema = z.object({
  event: z.enum(['delete', 'status.update']),
  payload: z.unknown(),
  heardAt: z.iso.datetime({ offset: true }),
});

/**
 * The deletions and edits a streamed event reports (pure). A deletion is dated when it was heard
 * (Mastodon sends no time with it); an edit by the status's `edited_at`, its new text rendered as
 * normalize renders a post. Anything else reports none.
 */
export function mastodonChanges(raw: unknown): MentionChange[] {
  const parsed = streamChangeSchema.safeParse(raw);
  if (!parsed.success) return [];
  const { event, payload, heardAt } = parsed.data;
  if (event === 'delete') {
    const id = typeof payload === 'number' ? String(payload) : payload;
    if (typeof id !== 'string' || id === '')
      throw new Error('a Mastodon delete event names no status id');
    return [{ externalId: id, kind: 'deleted', at: new Date(heardAt) }];
  }
  const body = typeof payload === 'string' ? parseJson(payload) : payload;
  const status = statusSchema.safeParse(camelizeKeys(body));
  if (!status.success) {
    throw new Error(
      `not a Mastodon status.update: ${status.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const editedAt = typeof status.data.editedAt === 'string' ? status.data.editedAt : heardAt;
  return fromStatus(status.data, raw).map((mention) => ({
    externalId: mention.externalId,
    kind: 'edited' as const,
    at: new Date(editedAt),
    text: mention.text,
  }));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('a Mastodon status.update payload is not JSON');
  }
}

function fromStatus(status: Status, raw: unknown): Mention[] {
  if (status.reblog) return [];
  const body = htmlToText(status.content);
  const media = (status.mediaAttachments ?? [])
    .map((attachment) => `[${attachment.type}]`)
    .join(' ');
  // A content warning is part of what the author said, and hides the rest in clients: keep it first.
  const text = [status.spoilerText, body, media]
    .filter((part) => part && part.length > 0)
    .join('\n\n');
  const quoted =
    status.quote?.state === 'accepted'
      ? (status.quote.quotedStatus?.id ?? status.quote.quotedStatusId ?? undefined)
      : undefined;
  const joined = status.account.createdAt ? new Date(status.account.createdAt) : undefined;
  return [
    {
      network: 'mastodon',
      externalId: status.id,
      text,
      author: {
        externalId: status.account.id,
        handle: status.account.acct,
        displayName: status.account.displayName || undefined,
        followers: status.account.followersCount,
        url: status.account.url ?? undefined,
        ...(joined && !Number.isNaN(joined.getTime()) ? { createdAt: joined } : {}),
      },
      url: status.url ?? status.uri,
      postedAt: new Date(status.createdAt),
      parentExternalId: status.inReplyToId ?? undefined,
      ...(quoted ? { quotedExternalId: quoted } : {}),
      isPrivate: status.visibility === 'direct',
      language: status.language ?? undefined,
      engagement: {
        likes: status.favouritesCount,
        reposts: status.reblogsCount,
        replies: status.repliesCount,
        quotes: status.quotesCount,
      },
      raw,
    },
  ];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** snake_case keys → camelCase, deeply, the way masto presents the API. */
function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
      camelizeKeys(item),
    ]),
  );
}
