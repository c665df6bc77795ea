import { z } from 'zod';
import type { Mention } from '../../domain/mention.ts';
import { htmlToText } from './html-to-text.ts';

const accountSchema = z.looseObject({
  id: z.string(),
  acct: z.string(),
  username: z.string().optional(),
  displayName: z.string().optional(),
  followersCount: z.number().optional(),
  url: z.string().nullish(),
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
  mediaAttachments: z.array(z.looseObject({ type: z.string() })).optional(),
});

const notificationSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  status: z.unknown().nullish(),
});

type Status = z.infer<typeof statusSchema>;

/**
 * A Mastodon notification or status (or a list of them) → Mentions. Accepts the API's JSON
 * (snake_case, as documented and as stored) and masto's camelCase entities alike. Only
 * `mention` notifications count; boosts are not someone speaking, so they give nothing.
 */
export function normalizeMastodon(raw: unknown): Mention[] {
  if (Array.isArray(raw)) return raw.flatMap((item) => normalizeMastodon(item));
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
      },
      url: status.url ?? status.uri,
      postedAt: new Date(status.createdAt),
      parentExternalId: status.inReplyToId ?? undefined,
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
