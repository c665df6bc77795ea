import type { Agent } from 'node:https';
import {
  ApiRequestError,
  ApiResponseError,
  TwitterApi,
  type ITwitterApiClientPlugin,
} from 'twitter-api-v2';
import { z } from 'zod';
import { egressRefusalIn, publicEgress } from '../../security/egress.ts';
import type { Egress } from '../../security/egress.ts';
import { ChannelSendError, type Channel, type OutgoingReply, type SentReply } from '../channel.ts';
import { startPollLoop, type Sleep } from '../mastodon/poll-loop.ts';
import { probeListening } from '../listen-probe.ts';
import { credentialsForSend } from '../webhook/send-http.ts';
import { findXSent } from './x-find-sent.ts';
import { normalizeX, xChanges } from './x-normalize.ts';
import { parseXCursor, pollX, type XCursor } from './x-poll.ts';
import { xListening } from './x-terms.ts';

export const xCredentialsSchema = z.object({
  /** OAuth 2.0 user-context token (tweet.read tweet.write users.read dm.write). */
  accessToken: z.string().min(1),
  /** The brand account's user id, whose mentions are heard. */
  userId: z.string().regex(/^\d+$/, 'an X user id is digits'),
  // What to search for besides the account's mentions is the brand's (keywords, hashtags,
  // handles, exclusions, languages), read through SourceOptions.terms on every round.
});

export type XCredentials = z.input<typeof xCredentialsSchema>;

export interface XChannelOptions {
  pollIntervalMs?: number;
  /** How often a poller resting after a good round reports life (default 15 s). */
  restingAliveMs?: number;
  timeoutMs?: number;
  now?: () => Date;
  sleep?: Sleep;
  /**
   * The library's own hook for proxies; tests route it to a local fake. Without one, every call
   * goes through the egress policy's agent (api.x.com is fixed, but its answers are checked).
   */
  httpAgent?: Agent;
  egress?: Egress;
}

const sentTweetSchema = z.object({ data: z.object({ id: z.string() }) });
// X answers { data: { dm_event_id } }; the library's type says the fields sit at the top. Accept both.
const dmEvent = z.object({ dm_event_id: z.string() });
const sentDmSchema = z.union([z.object({ data: dmEvent }).transform((body) => body.data), dmEvent]);

/**
 * X through twitter-api-v2: the mentions timeline and recent searches for the brand's terms
 * (x-terms.ts) polled with since_id,
 * obeying x-rate-limit-remaining/reset; replies as posts in the thread, private ones as DMs.
 * X takes no idempotency key: a retry first asks findSent whether an earlier attempt already
 * posted, and X's refusal of a duplicate post is taken as the same question.
 */
export function createXChannel(options: XChannelOptions = {}): Channel<XCredentials> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 15_000;
  // The client takes no AbortSignal: past its deadline the outbox stops waiting for a send,
  // and the request itself ends at this timeout.
  const timeoutPlugin: ITwitterApiClientPlugin = {
    onBeforeRequestConfig({ params }) {
      params.timeout ??= timeoutMs;
    },
  };
  const client = (credentials: XCredentials) => {
    const valid = xCredentialsSchema.parse(credentials);
    const api = new TwitterApi(valid.accessToken, {
      httpAgent: options.httpAgent ?? (options.egress ?? publicEgress).httpsAgent,
      plugins: [timeoutPlugin],
    });
    return { api, valid };
  };
  return {
    network: 'x',
    async validateCredentials(credentials) {
      const { data } = await client(credentials).api.v2.me();
      return { accountId: data.id, handle: data.username };
    },
    async listen(credentials, source) {
      const { api, valid } = client(credentials);
      let cursor: XCursor = parseXCursor(source.cursor);
      return startPollLoop({
        intervalMs: options.pollIntervalMs ?? 60_000,
        restingAliveMs: options.restingAliveMs,
        sleep: options.sleep,
        onError: source.onError,
        onAlive: source.onAlive?.bind(source),
        now,
        async poll() {
          try {
            const listening = xListening(source.terms());
            const config = { userId: valid.userId, listening };
            const result = await pollX(api, config, cursor, source.onEvents, now);
            cursor = result.cursor;
            return { waitMs: result.waitMs };
          } catch (error) {
            // A used-up window is X telling us when to come back, not a failure.
            if (error instanceof ApiResponseError && error.rateLimitError && error.rateLimit) {
              return { waitMs: Math.max(0, error.rateLimit.reset * 1000 - now().getTime()) };
            }
            throw error;
          }
        },
      });
    },
    testListening(credentials, signal) {
      return probeListening(this.listen!.bind(this), credentials, signal);
    },
    normalize: normalizeX,
    changes: xChanges,
    async send(credentials, reply) {
      credentialsForSend(xCredentialsSchema, credentials);
      const { api, valid } = client(credentials);
      try {
        if (reply.visibility === 'private') {
          const sent = sentDmSchema.parse(
            await api.v2.sendDmToParticipant(reply.inReplyTo.author.externalId, {
              text: reply.text,
            }),
          );
          return { externalId: sent.dm_event_id };
        }
        const sent = sentTweetSchema.parse(
          await api.v2.tweet({
            text: reply.text,
            reply: { in_reply_to_tweet_id: reply.inReplyTo.externalId },
          }),
        );
        return { externalId: sent.data.id, url: `https://x.com/i/web/status/${sent.data.id}` };
      } catch (error) {
        if (!isDuplicateRefusal(error)) throw toSendError(error, now());
        return adoptDuplicate(api, valid.userId, reply, toSendError(error, now()), now());
      }
    },
    async findSent(credentials, reply) {
      credentialsForSend(xCredentialsSchema, credentials);
      const { api, valid } = client(credentials);
      try {
        return await findXSent(api, valid.userId, reply);
      } catch (error) {
        throw toSendError(error, now());
      }
    },
    // X lets the author of a conversation hide replies to it (PUT /2/tweets/:id/hidden).
    async hide(credentials, mention, hidden) {
      credentialsForSend(xCredentialsSchema, credentials);
      try {
        await client(credentials).api.v2.hideReply(mention.externalId, hidden);
      } catch (error) {
        throw toSendError(error, now());
      }
    },
  };
}

// "You are not allowed to create a Tweet with duplicate content."
const isDuplicateRefusal = (error: unknown) =>
  error instanceof ApiResponseError &&
  error.code === 403 &&
  /duplicate content/i.test(JSON.stringify(error.data ?? {}));

// "You attempted to reply to a Tweet that is deleted or not visible to you." (v1.1 code 385)
const isReplyToGonePost = (error: ApiResponseError) =>
  error.code === 403 &&
  /reply to a (tweet|post) that is deleted or not visible/i.test(JSON.stringify(error.data ?? {}));

/**
 * X refused the text as a duplicate: an earlier attempt most likely posted it and its answer
 * was lost, so adopt that post. When it cannot be found the refusal stands (the same text went
 * elsewhere); when the lookup fails, a later retry looks again.
 */
async function adoptDuplicate(
  api: TwitterApi,
  userId: string,
  reply: OutgoingReply,
  refusal: ChannelSendError,
  now: Date,
): Promise<SentReply> {
  let found: SentReply | undefined;
  try {
    found = await findXSent(api, userId, reply);
  } catch (error) {
    const lookup = toSendError(error, now);
    throw new ChannelSendError(
      `${refusal.message}; the earlier post could not be looked up: ${lookup.message}`,
      { retryable: lookup.retryable, retryAfterSeconds: lookup.retryAfterSeconds, cause: error },
    );
  }
  if (found) return found;
  throw refusal;
}

function toSendError(error: unknown, now: Date): ChannelSendError {
  if (error instanceof ChannelSendError) return error;
  if (error instanceof ApiResponseError) {
    const retryable = error.code === 429 || error.code >= 500;
    const reset = error.rateLimit?.reset;
    const wait =
      retryable && reset !== undefined
        ? Math.max(0, Math.ceil(reset - now.getTime() / 1000))
        : undefined;
    const detail = typeof error.data?.detail === 'string' ? error.data.detail : error.message;
    if (isReplyToGonePost(error))
      return new ChannelSendError(
        `X says the post this reply answers is deleted or no longer visible to the account (HTTP ${error.code}: ${detail})`,
        { retryable: false, postGone: true, cause: error },
      );
    return new ChannelSendError(`X answered HTTP ${error.code}: ${detail}`, {
      retryable,
      retryAfterSeconds: wait,
      cause: error,
    });
  }
  if (error instanceof z.ZodError) {
    return new ChannelSendError('X accepted the reply without an id', {
      retryable: false,
      cause: error,
    });
  }
  // twitter-api-v2 keeps the socket's error in _options.error (its requestError getter reads
  // _options.requestError, which it never sets).
  const refusal = egressRefusalIn(
    error instanceof ApiRequestError
      ? ((error as unknown as { _options?: { error?: unknown } })._options?.error ??
          error.requestError)
      : error,
  );
  if (refusal)
    return new ChannelSendError(`X is refused: ${refusal.message}`, {
      retryable: false,
      cause: error,
    });
  // The request never got an answer (refused, reset, timed out): trying again may work.
  return new ChannelSendError('X could not be reached', { retryable: true, cause: error });
}
