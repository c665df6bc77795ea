import { MastoHttpError, MastoTimeoutError } from 'masto';
import { z } from 'zod';
import { createEgressFetch } from '../../security/egress-fetch.ts';
import { EgressRefusedError, publicEgress } from '../../security/egress.ts';
import type { Egress } from '../../security/egress.ts';
import { ChannelSendError, type Channel, type OutgoingReply, type RawEvent } from '../channel.ts';
import { credentialsForSend, retryAfterSeconds } from '../webhook/send-http.ts';
import { createMastoRestClient } from './masto-client.ts';
import { mastodonChanges, mastodonReposts, normalizeMastodon } from './mastodon-normalize.ts';
import { parseMastodonCursor, pollMastodon, type MastodonCursor } from './mastodon-poll.ts';
import { startMastodonStream } from './mastodon-stream.ts';
import { probeListening } from '../listen-probe.ts';
import { mastodonListening } from './mastodon-terms.ts';
import { startPollLoop, type Sleep } from './poll-loop.ts';

export const mastodonCredentialsSchema = z.object({
  /** e.g. https://mastodon.social */
  instanceUrl: z.url({ protocol: /^https?$/ }),
  accessToken: z.string().min(1),
  // What to hear besides the account's own mentions (hashtags, keywords, handles, exclusions,
  // languages) is the brand's, read through SourceOptions.terms on every round.
  /** Also hear mentions and hashtags live over the streaming API; polling runs either way. */
  streaming: z.boolean().default(true),
});

export type MastodonCredentials = z.input<typeof mastodonCredentialsSchema>;

export interface MastodonChannelOptions {
  pollIntervalMs?: number;
  /** How often a poller resting after a good round reports life (default 15 s). */
  restingAliveMs?: number;
  timeoutMs?: number;
  now?: () => Date;
  sleep?: Sleep;
  /** Where the instance (and its streaming server) may be (default: public https only). */
  egress?: Egress;
}

/**
 * Mastodon through masto: mentions from notifications, and the brand's hashtags (tag
 * timelines), keywords and handles (status search), polled with stored cursors, and heard live
 * over the streaming API as well. Polling is the source of truth (it resumes exactly from a
 * cursor after a restart); the stream only makes it faster, and ingest dedupes what both
 * deliver. Mentions of the account are always heard; what a tag or a search finds is kept only
 * when the brand's terms accept its text (exclusions, languages).
 */
export function createMastodonChannel(
  options: MastodonChannelOptions = {},
): Channel<MastodonCredentials> {
  const now = options.now ?? (() => new Date());
  const egress = options.egress ?? publicEgress;
  const egressFetch = createEgressFetch(egress);
  const client = (credentials: MastodonCredentials) => {
    const valid = mastodonCredentialsSchema.parse(credentials);
    const rest = createMastoRestClient({
      url: valid.instanceUrl,
      accessToken: valid.accessToken,
      timeout: options.timeoutMs ?? 15_000,
      fetch: egressFetch,
    });
    return { rest, valid };
  };
  return {
    network: 'mastodon',
    async validateCredentials(credentials) {
      const { rest, valid } = client(credentials);
      await egress.checkUrl(valid.instanceUrl, 'instanceUrl');
      const account = await rest.v1.accounts.verifyCredentials();
      return { accountId: account.id, handle: account.acct };
    },
    async listen(credentials, source) {
      const { rest, valid } = client(credentials);
      let cursor: MastodonCursor = parseMastodonCursor(source.cursor);
      // The poller and the stream share one queue: onEvents is never called twice at once.
      let queue = Promise.resolve();
      const deliver = (events: RawEvent[]) => {
        const run = queue.then(() => source.onEvents(events));
        // A failed batch fails its own caller (the poller keeps its cursor), not every later one.
        queue = run.catch(() => {});
        return run;
      };
      let listening = mastodonListening(source.terms());
      let closed = false;
      const openStream = () =>
        valid.streaming && !closed
          ? startMastodonStream({
              rest,
              egress,
              accessToken: valid.accessToken,
              hashtags: listening.hashtags,
              deliver: async (raw) => {
                // A notification is the account's own mention; a status came by a hashtag; an
                // edit or deletion is applied only to a post Earshot holds.
                if (!isNotification(raw) && !isStreamChange(raw) && !listening.hears(raw)) return;
                await deliver([{ raw, cursor: JSON.stringify(cursor) }]);
              },
              onError: source.onError,
              now,
            })
          : undefined;
      let stream = openStream();
      let streamedTags = listening.hashtags.join(' ');
      const poller = startPollLoop({
        intervalMs: options.pollIntervalMs ?? 30_000,
        restingAliveMs: options.restingAliveMs,
        sleep: options.sleep,
        onError: source.onError,
        onAlive: source.onAlive?.bind(source),
        now,
        async poll(signal) {
          listening = mastodonListening(source.terms());
          if (listening.hashtags.join(' ') !== streamedTags) {
            // The brand's hashtags changed: subscribe the stream to the new ones.
            streamedTags = listening.hashtags.join(' ');
            await stream?.close();
            stream = openStream();
          }
          cursor = await pollMastodon(rest, listening, cursor, deliver, signal);
        },
      });
      return {
        async close() {
          closed = true;
          await poller.close();
          await stream?.close();
        },
      };
    },
    testListening(credentials, signal) {
      return probeListening(this.listen!.bind(this), credentials, signal);
    },
    normalize: normalizeMastodon,
    changes: mastodonChanges,
    reposts: mastodonReposts,
    async send(credentials, reply, options) {
      credentialsForSend(mastodonCredentialsSchema, credentials);
      const { rest } = client(credentials);
      try {
        const status = await rest.v1.statuses.create(
          {
            status: addressed(reply),
            inReplyToId: reply.inReplyTo.externalId,
            visibility: reply.visibility === 'private' ? 'direct' : 'public',
          },
          // Mastodon keeps the key for an hour: a retried send returns the first status, not a second one.
          {
            requestInit: {
              headers: { 'Idempotency-Key': reply.idempotencyKey },
              signal: options?.signal,
            },
          },
        );
        return { externalId: status.id, url: status.url ?? status.uri };
      } catch (error) {
        throw toSendError(error, now(), { replying: true });
      }
    },
  };
}

/** A `delete` or `status.update` the stream passed on (see mastodon-stream.ts). */
function isStreamChange(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'event' in raw && 'heardAt' in raw;
}

function isNotification(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'type' in raw && !('content' in raw);
}

/** A reply reaches its author (and a direct one is only visible to them) if it mentions them. */
function addressed(reply: OutgoingReply): string {
  const handle = `@${reply.inReplyTo.author.handle.replace(/^@/, '')}`;
  const mentioned = new RegExp(
    `(^|\\s)${handle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`,
    'i',
  ).test(reply.text);
  return mentioned ? reply.text : `${handle} ${reply.text}`;
}

function toSendError(
  error: unknown,
  now: Date,
  context: { replying?: boolean } = {},
): ChannelSendError {
  if (error instanceof EgressRefusedError)
    return new ChannelSendError(`Mastodon is refused: ${error.message}`, {
      retryable: false,
      cause: error,
    });
  // A reply to a status that no longer exists (deleted, or no longer visible to the account) is
  // refused with 404 "The post you are trying to reply to does not appear to exist" (translated
  // to the account's language, so only the code is read).
  if (error instanceof MastoHttpError && error.statusCode === 404 && context.replying)
    return new ChannelSendError(
      `Mastodon says the post this reply answers no longer exists (deleted by its author, or no longer visible to the account): ${error.message}`,
      { retryable: false, postGone: true, cause: error },
    );
  if (error instanceof MastoHttpError) {
    const response = error.cause instanceof Response ? error.cause : undefined;
    const retryable = error.statusCode === 429 || error.statusCode >= 500;
    // Mastodon answers 429 with X-RateLimit-Reset (an ISO date) rather than Retry-After.
    const wait =
      retryAfterSeconds(response?.headers.get('retry-after') ?? null, now) ??
      retryAfterSeconds(response?.headers.get('x-ratelimit-reset') ?? null, now);
    return new ChannelSendError(`Mastodon answered HTTP ${error.statusCode}: ${error.message}`, {
      retryable,
      retryAfterSeconds: retryable ? wait : undefined,
      cause: error,
    });
  }
  if (error instanceof MastoTimeoutError)
    return new ChannelSendError('Mastodon timed out', { retryable: true, cause: error });
  // Anything else is the connection failing (refused, reset) or an unreadable answer from a proxy.
  return new ChannelSendError('Mastodon could not be reached', { retryable: true, cause: error });
}
