import { z } from 'zod';
import { publicEgress } from '../../security/egress.ts';
import type { Egress } from '../../security/egress.ts';
import { ChannelSendError, type Channel, type RawEvent } from '../channel.ts';
import { startPollLoop, type Sleep } from '../mastodon/poll-loop.ts';
import { credentialsForSend, sendHttp } from '../webhook/send-http.ts';
import { gbpReviewSchema, normalizeGoogleReviews, type GbpReview } from './gbp-normalize.ts';

export const googleReviewsCredentialsSchema = z.object({
  /** OAuth 2.0 access token with the business.manage scope. */
  accessToken: z.string().min(1),
  accountId: z.string().regex(/^\d+$/, 'a Business Profile account id is digits'),
  locationId: z.string().regex(/^\d+$/, 'a location id is digits'),
});

export type GoogleReviewsCredentials = z.infer<typeof googleReviewsCredentialsSchema>;

export interface GoogleReviewsChannelOptions {
  baseUrl?: string;
  pollIntervalMs?: number;
  timeoutMs?: number;
  now?: () => Date;
  sleep?: Sleep;
  /** Where API calls may go (default: public https only). */
  egress?: Egress;
}

const pageSchema = z.looseObject({
  reviews: z.array(gbpReviewSchema).optional(),
  nextPageToken: z.string().optional(),
});
const maxPagesPerRound = 20;

/**
 * Google Business Profile reviews, polled newest-updated first down to the stored cursor (the
 * last updateTime seen) and delivered oldest first. Reviews updated at the cursor's instant are
 * delivered again rather than risk missing one: ingest dedupes by review name.
 */
export function createGoogleReviewsChannel(
  options: GoogleReviewsChannelOptions = {},
): Channel<GoogleReviewsCredentials> {
  const baseUrl = (options.baseUrl ?? 'https://mybusiness.googleapis.com').replace(/\/$/, '');
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 15_000;
  const call = async (
    credentials: GoogleReviewsCredentials,
    method: 'GET' | 'PUT',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ) => {
    const answer = await sendHttp(`${baseUrl}/v4/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${credentials.accessToken}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs,
      signal,
      now,
      label: 'Google Business Profile',
      egress: options.egress ?? publicEgress,
    });
    if (answer.status >= 400) {
      const error = z
        .object({ error: z.looseObject({ message: z.string(), status: z.string().optional() }) })
        .safeParse(answer.json);
      const detail = error.success
        ? `${error.data.error.status ?? ''} ${error.data.error.message}`.trim()
        : `HTTP ${answer.status}`;
      throw new ChannelSendError(`Google Business Profile refused: ${detail}`, {
        retryable: false,
      });
    }
    return answer.json;
  };
  const reviewsPath = (c: GoogleReviewsCredentials) =>
    `accounts/${c.accountId}/locations/${c.locationId}/reviews`;

  return {
    network: 'google_reviews',
    async validateCredentials(input) {
      const credentials = googleReviewsCredentialsSchema.parse(input);
      await call(credentials, 'GET', `${reviewsPath(credentials)}?pageSize=1`);
      return {
        accountId: `${credentials.accountId}/${credentials.locationId}`,
        handle: `location ${credentials.locationId}`,
      };
    },
    async listen(input, source) {
      const credentials = googleReviewsCredentialsSchema.parse(input);
      let cursor = source.cursor;
      return startPollLoop({
        intervalMs: options.pollIntervalMs ?? 300_000,
        sleep: options.sleep,
        onError: source.onError,
        async poll() {
          const fresh: GbpReview[] = [];
          let pageToken: string | undefined;
          for (let page = 0; page < maxPagesPerRound; page += 1) {
            const query = new URLSearchParams({
              pageSize: '50',
              orderBy: 'updateTime desc',
              ...(pageToken ? { pageToken } : {}),
            });
            const body = pageSchema.parse(
              await call(credentials, 'GET', `${reviewsPath(credentials)}?${query}`),
            );
            const reviews = body.reviews ?? [];
            const newer =
              cursor === undefined
                ? reviews.slice(0, 1)
                : reviews.filter((r) => Date.parse(r.updateTime) >= Date.parse(cursor!));
            fresh.push(...newer);
            pageToken = body.nextPageToken;
            if (cursor === undefined || newer.length < reviews.length || !pageToken) break;
          }
          fresh.sort((a, b) => Date.parse(a.updateTime) - Date.parse(b.updateTime));
          // Without a cursor we start from now: note the newest review, deliver nothing.
          if (cursor === undefined) {
            cursor = fresh.at(-1)?.updateTime ?? now().toISOString();
            return;
          }
          if (fresh.length === 0) return;
          const events: RawEvent[] = fresh.map((review) => ({
            raw: review,
            cursor: review.updateTime,
          }));
          await source.onEvents(events);
          cursor = fresh.at(-1)?.updateTime ?? cursor;
        },
      });
    },
    normalize: normalizeGoogleReviews,
    async send(input, reply, options) {
      const credentials = credentialsForSend(googleReviewsCredentialsSchema, input);
      if (reply.visibility === 'private') {
        throw new ChannelSendError('Google reviews take only public replies', { retryable: false });
      }
      // The review's resource name comes from raw: an edited review's Mention id carries a suffix.
      const review = gbpReviewSchema.safeParse(reply.inReplyTo.raw);
      if (!review.success) {
        throw new ChannelSendError('the mention answered is not a Google review', {
          retryable: false,
        });
      }
      const name = review.data.name;
      // PUT replaces the one reply a review can have, so sending twice cannot post twice.
      const answer = z
        .looseObject({ comment: z.string() })
        .safeParse(
          await call(credentials, 'PUT', `${name}/reply`, { comment: reply.text }, options?.signal),
        );
      if (!answer.success)
        throw new ChannelSendError('Google accepted the reply without echoing it', {
          retryable: false,
        });
      return { externalId: `${name}/reply` };
    },
  };
}
