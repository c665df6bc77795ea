import type { Mention } from '../../domain/mention.ts';
import type { HeardRepost } from '../../domain/repost.ts';
import type { MentionChange } from '../channel.ts';
import {
  blueskyPostChangeSchema,
  blueskyPostEventSchema,
  blueskyRepostEventSchema,
  parseRecordUri,
  quotedPostUri,
} from './post-event.ts';

/** A raw Bluesky event that cannot become a Mention; the message names the field. */
export class BlueskyPayloadError extends Error {
  readonly code = 'invalid_payload';
  constructor(message: string) {
    super(message);
    this.name = 'BlueskyPayloadError';
  }
}

/** The post's page on the Bluesky web app; a handle reads better, a DID outlives handle changes. */
export function postUrl(authorHandleOrDid: string, rkey: string): string {
  return `https://bsky.app/profile/${encodeURIComponent(authorHandleOrDid)}/post/${encodeURIComponent(rkey)}`;
}

/**
 * A raw event from the Bluesky source (a BlueskyPostEvent) → one Mention. Pure. Throws
 * BlueskyPayloadError for a payload that is not a well-formed post event, so the caller can keep
 * it as a rejected record.
 */
export function normalizeBlueskyEvent(raw: unknown): Mention[] {
  // A deletion or edit is not a mention (`blueskyChanges` reads it), nor a repost (`blueskyReposts`).
  if (isEventOf(raw, 'bluesky.post.change') || isEventOf(raw, 'bluesky.repost')) return [];
  const parsed = blueskyPostEventSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`,
    );
    throw new BlueskyPayloadError(`Not a Bluesky post event: ${problems.join('; ')}`);
  }
  const event = parsed.data;
  const { did, rkey } = parseRecordUri(event.uri) ?? { did: '', rkey: '' };
  if (did !== event.author.did) {
    throw new BlueskyPayloadError(
      `Not a Bluesky post event: uri ${event.uri} is not in the repo of ${event.author.did}`,
    );
  }
  const handle = event.author.handle ?? event.author.did;
  const { record } = event;
  const quoted = quotedPostUri(record.embed);
  return [
    {
      network: 'bluesky',
      externalId: event.uri,
      text: record.text,
      author: {
        externalId: event.author.did,
        handle,
        url: `https://bsky.app/profile/${encodeURIComponent(handle)}`,
      },
      url: postUrl(handle, rkey),
      postedAt: postedAt(record.createdAt, event.time),
      parentExternalId: record.reply?.parent.uri,
      rootExternalId: record.reply?.root.uri,
      ...(quoted ? { quotedExternalId: quoted } : {}),
      isPrivate: false,
      fromBrand: event.fromBrand,
      language: record.langs?.[0],
      raw,
    },
  ];
}

/**
 * createdAt is what the author's client claims; a post whose claim is unreadable is still kept,
 * dated by when the network sequenced it.
 */
function postedAt(createdAt: string, sequencedAt: string): Date {
  const claimed = new Date(createdAt);
  if (!Number.isNaN(claimed.getTime())) return claimed;
  const sequenced = new Date(sequencedAt);
  if (!Number.isNaN(sequenced.getTime())) return sequenced;
  throw new BlueskyPayloadError(
    `Not a Bluesky post event: neither record.createdAt nor time is a date`,
  );
}

function isEventOf(raw: unknown, kind: string): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind === kind;
}

/**
 * A raw event from the Bluesky source → the deletion or edit it reports (a BlueskyPostChange);
 * none for posts. Pure. Throws BlueskyPayloadError for a malformed change event.
 */
export function blueskyChanges(raw: unknown): MentionChange[] {
  if (!isEventOf(raw, 'bluesky.post.change')) return [];
  const parsed = blueskyPostChangeSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`,
    );
    throw new BlueskyPayloadError(`Not a Bluesky post change: ${problems.join('; ')}`);
  }
  const change = parsed.data;
  const at = new Date(change.time);
  if (Number.isNaN(at.getTime()))
    throw new BlueskyPayloadError('Not a Bluesky post change: time is not a date');
  if (change.action === 'delete') return [{ externalId: change.uri, kind: 'deleted', at }];
  return [
    {
      externalId: change.uri,
      kind: 'edited',
      at,
      ...(change.record ? { text: change.record.text } : {}),
    },
  ];
}

/**
 * A raw event from the Bluesky source → the repost it reports (a BlueskyRepostEvent); none for
 * posts and changes. Pure. Throws BlueskyPayloadError for a malformed repost event.
 */
export function blueskyReposts(raw: unknown): HeardRepost[] {
  if (!isEventOf(raw, 'bluesky.repost')) return [];
  const parsed = blueskyRepostEventSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'event'}: ${issue.message}`,
    );
    throw new BlueskyPayloadError(`Not a Bluesky repost: ${problems.join('; ')}`);
  }
  const event = parsed.data;
  if (parseRecordUri(event.uri)?.did !== event.author.did)
    throw new BlueskyPayloadError(
      `Not a Bluesky repost: ${event.uri} is not in the reposter's repo`,
    );
  const handle = event.author.handle ?? event.author.did;
  return [
    {
      externalId: event.uri,
      subjectExternalId: event.subjectUri,
      author: { externalId: event.author.did, handle },
      // A repost has no page of its own: its link is the reposter's profile.
      url: `https://bsky.app/profile/${encodeURIComponent(handle)}`,
      repostedAt: postedAt(event.createdAt ?? '', event.time),
    },
  ];
}
