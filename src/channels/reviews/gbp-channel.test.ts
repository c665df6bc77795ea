import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePlatform, type FakePlatform } from '../../../test/helpers/fake-platform.ts';
import type { RawEvent } from '../channel.ts';
import type { Sleep } from '../mastodon/poll-loop.ts';
import { createGoogleReviewsChannel, type GoogleReviewsCredentials } from './gbp-channel.ts';
import { localEgress } from '../../../test/helpers/egress.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const credentials: GoogleReviewsCredentials = {
  accessToken: 'ya29.token',
  accountId: '106324217841234567890',
  locationId: '4815162342108',
};
const listPath = `/v4/accounts/${credentials.accountId}/locations/${credentials.locationId}/reviews`;
const now = new Date('2026-11-21T00:00:00Z');

function manualSleep() {
  const waits: number[] = [];
  const sleep: Sleep = (ms, signal) =>
    new Promise((resolve) => {
      waits.push(ms);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  return { sleep, waits };
}

describe('Google Business Profile reviews', () => {
  let platform: FakePlatform;
  beforeEach(async () => {
    platform = await startFakePlatform();
    platform.route('GET', listPath, (request) => ({
      json: fixture(
        request.query.get('pageToken') === 'page-2'
          ? 'gbp-reviews-page2.json'
          : 'gbp-reviews-page1.json',
      ),
    }));
    platform.route('PUT', /^\/v4\/accounts\/\d+\/locations\/\d+\/reviews\/[^/]+\/reply$/, () => ({
      json: fixture('gbp-reply.json'),
    }));
  });
  afterEach(() => platform.close());

  const channel = (sleep?: Sleep) =>
    createGoogleReviewsChannel({
      egress: localEgress,
      baseUrl: platform.url,
      now: () => now,
      sleep,
      timeoutMs: 400,
    });

  async function listenOnce(cursor: string | undefined) {
    const { sleep, waits } = manualSleep();
    const batches: RawEvent[][] = [];
    const errors: Error[] = [];
    const source = await channel(sleep).listen!(credentials, {
      cursor,
      terms: () => [],
      onEvents: async (events) => void batches.push(events),
      onError: (error) => void errors.push(error),
    });
    await expect.poll(() => waits.length).toBe(1);
    await source.close();
    return { batches, errors };
  }

  it('pages back to the stored cursor and delivers newer reviews oldest first', async () => {
    const { batches, errors } = await listenOnce('2026-11-01T00:00:00Z');
    expect(errors).toEqual([]);
    const all = [
      ...fixture('gbp-reviews-page1.json').reviews,
      ...fixture('gbp-reviews-page2.json').reviews,
    ];
    const expected = [...all]
      .sort((a, b) => Date.parse(a.updateTime) - Date.parse(b.updateTime))
      .map((r) => r.name);
    expect(batches[0]?.map((e) => (e.raw as { name: string }).name)).toEqual(expected);
    expect(batches[0]?.at(-1)?.cursor).toBe(
      all
        .map((r) => r.updateTime)
        .sort()
        .at(-1),
    );
    expect(platform.requestsTo('GET', listPath)[0]?.query.get('orderBy')).toBe('updateTime desc');
    expect(platform.requestsTo('GET', listPath)[0]?.headers.authorization).toBe(
      'Bearer ya29.token',
    );
  });

  it('stops paging once it reaches reviews it has seen', async () => {
    const { batches } = await listenOnce('2026-11-19T10:00:00Z');
    expect(platform.requestsTo('GET', listPath)).toHaveLength(1);
    expect(batches[0]).toHaveLength(2);
  });

  it('starts from now without a cursor', async () => {
    const { batches } = await listenOnce(undefined);
    expect(batches).toEqual([]);
  });

  it('replies with PUT on the review, and refuses private replies', async () => {
    const google = channel();
    const [mention] = google.normalize(fixture('gbp-reviews-page1.json'));
    const reply = {
      idempotencyKey: 'k',
      text: "We're sorry, Priya.",
      visibility: 'public' as const,
      inReplyTo: mention!,
    };
    expect(await google.send(credentials, reply)).toEqual({
      externalId: `${mention!.externalId}/reply`,
    });
    const [request] = platform.requestsTo('PUT', /\/reply$/);
    expect(request?.path).toBe(`/v4/${mention!.externalId}/reply`);
    expect(request?.json).toEqual({ comment: "We're sorry, Priya." });
    await expect(
      google.send(credentials, { ...reply, visibility: 'private' }),
    ).rejects.toMatchObject({ retryable: false });
  });

  it('answers an edited review on the review itself', async () => {
    const google = channel();
    const edited = google
      .normalize(fixture('gbp-reviews-page2.json'))
      .find((m) => m.parentExternalId);
    await google.send(credentials, {
      idempotencyKey: 'k',
      text: 'Thanks, Rosa.',
      visibility: 'public',
      inReplyTo: edited!,
    });
    expect(platform.requestsTo('PUT', /\/reply$/)[0]?.path).toBe(
      `/v4/${edited!.parentExternalId}/reply`,
    );
  });

  it.each([
    [{ type: 'rate-limit', retryAfterSeconds: 30 } as const, true],
    [{ type: 'server-error' } as const, true],
    [{ type: 'timeout' } as const, true],
    [{ type: 'drop' } as const, true],
    [
      {
        type: 'respond',
        response: {
          status: 403,
          json: {
            error: {
              code: 403,
              message: 'The caller does not have permission',
              status: 'PERMISSION_DENIED',
            },
          },
        },
      } as const,
      false,
    ],
  ])('reports %j as retryable=%s', async (fault, retryable) => {
    platform.fail(fault);
    const google = channel();
    const [mention] = google.normalize(fixture('gbp-reviews-page1.json'));
    const reply = {
      idempotencyKey: 'k',
      text: 'Thanks',
      visibility: 'public' as const,
      inReplyTo: mention!,
    };
    await expect(google.send(credentials, reply)).rejects.toMatchObject({
      name: 'ChannelSendError',
      retryable,
    });
  });
});
