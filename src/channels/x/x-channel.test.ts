import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startFakePlatform,
  type FakePlatform,
  type RecordedRequest,
} from '../../../test/helpers/fake-platform.ts';
import { noTerms } from '../../domain/listening.ts';
import type { ListeningTerms } from '../../domain/listening.ts';
import type { RawEvent } from '../channel.ts';
import { compareIds, type Sleep } from '../mastodon/poll-loop.ts';
import { createXChannel, type XCredentials } from './x-channel.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const now = new Date('2026-11-20T12:00:00Z');
const nowSeconds = now.getTime() / 1000;

interface Tweet {
  id: string;
  author_id: string;
}

/** X's timelines: newest first, after since_id, two per page here so paging is exercised. */
function timeline(
  tweets: Tweet[],
  users: { id: string }[],
  request: RecordedRequest,
  remaining = 10,
) {
  const since = request.query.get('since_id');
  const offset = Number(request.query.get('pagination_token') ?? 0);
  const matching = tweets
    .filter((t) => since === null || compareIds(t.id, since) > 0)
    .sort((a, b) => compareIds(b.id, a.id));
  const data = matching.slice(offset, offset + 2);
  const next = offset + 2 < matching.length ? String(offset + 2) : undefined;
  return {
    headers: {
      'x-rate-limit-limit': '450',
      'x-rate-limit-remaining': String(remaining),
      'x-rate-limit-reset': String(nowSeconds + 120),
    },
    json: {
      ...(data.length
        ? { data, includes: { users: users.filter((u) => data.some((t) => t.author_id === u.id)) } }
        : {}),
      meta: {
        result_count: data.length,
        newest_id: data[0]?.id,
        oldest_id: data.at(-1)?.id,
        next_token: next,
      },
    },
  };
}

function manualSleep() {
  const waits: number[] = [];
  const sleep: Sleep = (ms, signal) =>
    new Promise((resolve) => {
      waits.push(ms);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  return { sleep, waits };
}

describe('X channel', () => {
  let platform: FakePlatform;
  const credentials: XCredentials = {
    accessToken: 'user-token',
    userId: '2244994945',
  };
  /** The brand's terms, as the runner would hand them: read by the source on every round. */
  let terms: ListeningTerms;
  let remaining: number;
  beforeEach(async () => {
    platform = await startFakePlatform();
    remaining = 10;
    terms = { ...noTerms, hashtags: ['northwind'] };
    const mentions = fixture('mentions-timeline.json');
    const search = fixture('search-recent.json');
    platform.route('GET', '/2/users/2244994945/mentions', (r) =>
      timeline(mentions.data, mentions.includes.users, r, remaining),
    );
    platform.route('GET', '/2/tweets/search/recent', (r) =>
      timeline(search.data, search.includes.users, r, remaining),
    );
    platform.route('POST', '/2/tweets', () => ({
      status: 201,
      json: fixture('tweet-created.json'),
    }));
    platform.route('POST', /^\/2\/dm_conversations\/with\/\d+\/messages$/, () => ({
      status: 201,
      json: fixture('dm-created.json'),
    }));
    platform.route('GET', '/2/users/me', () => ({ json: fixture('users-me.json') }));
  });
  afterEach(() => platform.close());

  const channel = (sleep?: Sleep) =>
    createXChannel({ httpAgent: platform.httpsAgent(), now: () => now, sleep, timeoutMs: 400 });

  it('polls mentions and searches since the cursor, reading every page before delivering oldest first', async () => {
    const { sleep, waits } = manualSleep();
    const x = channel(sleep);
    const batches: RawEvent[][] = [];
    const source = await x.listen!(credentials, {
      terms: () => [terms],
      cursor: JSON.stringify({ mentions: '1', search: { 'brand:0': '1' } }),
      onEvents: async (events) => void batches.push(events),
      onError: (error) => {
        throw error;
      },
    });
    await expect.poll(() => waits.length).toBe(1);
    await source.close();
    const ids = batches.map((batch) =>
      batch.flatMap((event) => x.normalize(event.raw)).map((m) => m.externalId),
    );
    const expected = fixture('mentions-timeline.json')
      .data.map((t: Tweet) => t.id)
      .sort(compareIds);
    expect(ids).toEqual([expected, ['1858440000000000004']]);
    expect(platform.requestsTo('GET', '/2/users/2244994945/mentions').length).toBe(2);
    expect(JSON.parse(batches[1]!.at(-1)!.cursor!)).toEqual({
      mentions: expected.at(-1),
      search: { 'brand:0': '1858440000000000004' },
    });
    expect(platform.requestsTo('GET', '/2/tweets/search/recent')[0]?.query.get('query')).toBe(
      '(#northwind) -is:retweet',
    );
    const [first] = platform.requestsTo('GET', '/2/users/2244994945/mentions');
    expect(first?.query.get('user.fields')).toContain('public_metrics');
    expect(first?.headers.authorization).toBe('Bearer user-token');
  });

  /** One round with these terms from a stored cursor: what was heard, by id. */
  const heardWith = async (brandTerms: ListeningTerms) => {
    const { sleep, waits } = manualSleep();
    const x = channel(sleep);
    const heard: string[] = [];
    const source = await x.listen!(credentials, {
      terms: () => [brandTerms],
      cursor: JSON.stringify({ mentions: '1858430000000000003', search: { 'brand:0': '1' } }),
      onEvents: async (events) =>
        void heard.push(...events.flatMap((e) => x.normalize(e.raw)).map((m) => m.externalId)),
      onError: (error) => {
        throw error;
      },
    });
    await expect.poll(() => waits.length).toBe(1);
    await source.close();
    return heard;
  };

  it.each([
    ['a hashtag', { hashtags: ['#northwind'] }, ['1858440000000000004']],
    ['a phrase', { keywords: ['Customer  Service'] }, ['1858440000000000004']],
    ['an exclusion', { hashtags: ['northwind'], exclusions: ['slow'] }, []],
    ['another language', { hashtags: ['northwind'], languages: ['fr'] }, []],
    ['its language', { hashtags: ['northwind'], languages: ['en'] }, ['1858440000000000004']],
  ])("keeps a searched post by the brand's terms: %s", async (_, partial, expected) => {
    expect(await heardWith({ ...noTerms, ...partial })).toEqual(expected);
  });

  it('searches for the phrase quoted, and hears mentions of the account whatever the terms exclude', async () => {
    remaining = 10;
    const { sleep, waits } = manualSleep();
    const x = channel(sleep);
    const heard: string[] = [];
    const source = await x.listen!(credentials, {
      terms: () => [{ ...noTerms, keywords: ['customer service'], exclusions: ['refund'] }],
      cursor: JSON.stringify({ mentions: '1', search: { 'brand:0': '1' } }),
      onEvents: async (events) =>
        void heard.push(...events.flatMap((e) => x.normalize(e.raw)).map((m) => m.externalId)),
      onError: (error) => {
        throw error;
      },
    });
    await expect.poll(() => waits.length).toBe(1);
    await source.close();
    expect(platform.requestsTo('GET', '/2/tweets/search/recent')[0]?.query.get('query')).toBe(
      '("customer service") -is:retweet',
    );
    // "still no refund" names an exclusion, but it is addressed to the account: it is heard.
    expect(heard).toContain('1858430000000000003');
    expect(heard).toContain('1858440000000000004');
  });

  it('does not search at all when the brand has no terms', async () => {
    expect(await heardWith(noTerms)).toEqual([]);
    expect(platform.requestsTo('GET', '/2/tweets/search/recent')).toEqual([]);
  });

  it('starts from now without a cursor', async () => {
    const { sleep, waits } = manualSleep();
    const x = channel(sleep);
    const batches: RawEvent[][] = [];
    const source = await x.listen!(credentials, {
      terms: () => [terms],
      cursor: undefined,
      onEvents: async (e) => void batches.push(e),
      onError: () => {},
    });
    await expect.poll(() => waits.length).toBe(1);
    await source.close();
    expect(batches).toEqual([]);
    expect(
      platform.requestsTo('GET', '/2/users/2244994945/mentions')[0]?.query.get('since_id'),
    ).toBeNull();
  });

  it('waits for the rate-limit reset when the window is used up, and after a 429', async () => {
    remaining = 0;
    const { sleep, waits } = manualSleep();
    const source = await channel(sleep).listen!(credentials, {
      terms: () => [terms],
      cursor: '{}',
      onEvents: async () => {},
      onError: () => {},
    });
    await expect.poll(() => waits.length).toBe(1);
    await source.close();
    expect(waits[0]).toBe(120_000);

    const limited = manualSleep();
    const errors: Error[] = [];
    platform.fail({
      type: 'rate-limit',
      headers: {
        'x-rate-limit-limit': '450',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(nowSeconds + 900),
      },
    });
    const again = await channel(limited.sleep).listen!(credentials, {
      terms: () => [terms],
      cursor: '{}',
      onEvents: async () => {},
      onError: (e) => void errors.push(e),
    });
    await expect.poll(() => limited.waits.length).toBe(1);
    await again.close();
    expect(limited.waits[0]).toBe(900_000);
    expect(errors).toEqual([]);
  });

  it('replies in the thread, and privately by DM', async () => {
    const x = channel();
    const [mention] = x.normalize(fixture('mentions-timeline.json'));
    const reply = {
      idempotencyKey: 'k1',
      text: 'We are on it.',
      visibility: 'public' as const,
      inReplyTo: mention!,
    };
    const created = fixture('tweet-created.json');
    expect((await x.send(credentials, reply)).externalId).toBe(created.data.id);
    expect(platform.requestsTo('POST', '/2/tweets')[0]?.json).toEqual({
      text: 'We are on it.',
      reply: { in_reply_to_tweet_id: mention!.externalId },
    });
    const dm = await x.send(credentials, { ...reply, visibility: 'private' });
    expect(dm.externalId).toBe(fixture('dm-created.json').data.dm_event_id);
    const [request] = platform.requestsTo('POST', /^\/2\/dm_conversations\/with\/\d+\/messages$/);
    expect(request?.path).toBe(`/2/dm_conversations/with/${mention!.author.externalId}/messages`);
    expect(request?.json).toEqual({ text: 'We are on it.' });
  });

  it('reports a 429 as retryable until x-rate-limit-reset', async () => {
    platform.fail({
      type: 'rate-limit',
      headers: {
        'x-rate-limit-limit': '200',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(nowSeconds + 600),
      },
      json: {
        title: 'Too Many Requests',
        detail: 'Too Many Requests',
        type: 'about:blank',
        status: 429,
      },
    });
    const x = channel();
    const [mention] = x.normalize(fixture('mentions-timeline.json'));
    const reply = {
      idempotencyKey: 'k',
      text: 'hi',
      visibility: 'public' as const,
      inReplyTo: mention!,
    };
    await expect(x.send(credentials, reply)).rejects.toMatchObject({
      name: 'ChannelSendError',
      retryable: true,
      retryAfterSeconds: 600,
    });
  });

  it.each([
    [{ type: 'server-error', status: 503 } as const, true],
    [{ type: 'drop' } as const, true],
    [{ type: 'timeout' } as const, true],
    [
      {
        type: 'respond',
        response: {
          status: 403,
          json: {
            detail: 'You are not allowed to create a Tweet with duplicate content.',
            status: 403,
          },
        },
      } as const,
      false,
    ],
  ])('reports %j as retryable=%s', async (fault, retryable) => {
    platform.fail(fault);
    const x = channel();
    const [mention] = x.normalize(fixture('mentions-timeline.json'));
    const reply = {
      idempotencyKey: 'k',
      text: 'hi',
      visibility: 'public' as const,
      inReplyTo: mention!,
    };
    await expect(x.send(credentials, reply)).rejects.toMatchObject({
      name: 'ChannelSendError',
      retryable,
    });
  });

  it('refuses a damaged cursor with a clear error instead of starting over', async () => {
    const listening = channel().listen!(credentials, {
      terms: () => [terms],
      cursor: '{"mentions":"abc"}',
      onEvents: async () => {},
      onError: () => {},
    });
    await expect(listening).rejects.toThrow(/X cursor is not valid/);
  });

  it('checks credentials with users/me', async () => {
    const me = fixture('users-me.json').data;
    expect(await channel().validateCredentials(credentials)).toEqual({
      accountId: me.id,
      handle: me.username,
    });
  });
});
