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
import { createMastodonChannel, type MastodonCredentials } from './mastodon-channel.ts';
import { compareIds, type Sleep } from './poll-loop.ts';
import { localEgress } from '../../../test/helpers/egress.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const now = new Date('2026-11-20T12:00:00Z');

type Item = { id: string; type?: string };

/** Mastodon's pagination: the newest page, or with min_id the page just above it; newest first. */
function page(items: Item[], request: RecordedRequest): Item[] {
  const minId = request.query.get('min_id');
  const limit = Number(request.query.get('limit') ?? 20);
  const types = request.query.getAll('types[]');
  const matching = items.filter((item) => types.length === 0 || types.includes(String(item.type)));
  if (minId === null) return matching.sort((a, b) => compareIds(b.id, a.id)).slice(0, limit);
  return matching
    .filter((item) => compareIds(item.id, minId) > 0)
    .sort((a, b) => compareIds(a.id, b.id))
    .slice(0, limit)
    .reverse();
}

/** A sleep the test releases by hand, so polling rounds happen when the test says. */
function manualSleep() {
  const waiting: (() => void)[] = [];
  const sleep: Sleep = (_ms, signal) =>
    new Promise((resolve) => {
      waiting.push(resolve);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  return { sleep, tick: () => waiting.splice(0).forEach((resolve) => resolve()), waiting };
}

describe('Mastodon channel', () => {
  let platform: FakePlatform;
  let credentials: MastodonCredentials;
  let notifications: Item[];
  let tagged: Item[];
  /** The brand's terms, as the runner would hand them: read by the source on every round. */
  let terms: ListeningTerms;
  beforeEach(async () => {
    platform = await startFakePlatform();
    credentials = {
      instanceUrl: platform.url,
      accessToken: 'token-1',
      streaming: false,
    };
    terms = { ...noTerms, hashtags: ['#northwind'] };
    notifications = fixture('notifications-mentions.json');
    tagged = fixture('tag-timeline.json');
    platform.route('GET', '/api/v1/notifications', (request) => ({
      json: page(notifications, request),
    }));
    platform.route('GET', '/api/v1/timelines/tag/northwind', (request) => ({
      json: page(tagged, request),
    }));
    platform.route('GET', '/api/v1/accounts/verify_credentials', () => ({
      json: fixture('account-verify-credentials.json'),
    }));
    platform.route('POST', '/api/v1/statuses', () => ({ json: fixture('status-created.json') }));
  });
  afterEach(() => platform.close());

  it('delivers mentions and hashtag posts after the stored cursor, oldest first, each with its cursor', async () => {
    const { sleep } = manualSleep();
    const channel = createMastodonChannel({ egress: localEgress, sleep, now: () => now });
    const batches: RawEvent[][] = [];
    const source = await channel.listen!(credentials, {
      terms: () => [terms],
      cursor: JSON.stringify({ notifications: '34975861', tags: { northwind: '0' } }),
      onEvents: async (events) => void batches.push(events),
      onError: (error) => {
        throw error;
      },
    });
    await expect.poll(() => batches.length).toBe(2);
    await source.close();
    const mentions = batches[0]!.flatMap((event) => channel.normalize(event.raw));
    expect(mentions.map((m) => m.externalId)).toEqual(['113501299999999999', '113501300000000000']);
    expect(JSON.parse(batches[0]!.at(-1)!.cursor!)).toMatchObject({ notifications: '34975880' });
    // The boost in the tag timeline is not a mention (nor anything the brand's terms hear).
    expect(
      batches[1]!.flatMap((event) => channel.normalize(event.raw)).map((m) => m.externalId),
    ).toEqual(['113502000000000001']);
    expect(JSON.parse(batches[1]!.at(-1)!.cursor!)).toMatchObject({
      notifications: '34975880',
      tags: { northwind: '113502000000000001' },
    });
    expect(platform.requestsTo('GET', '/api/v1/notifications')[0]?.headers.authorization).toBe(
      'Bearer token-1',
    );
  });

  it("hears boosts of the brand's posts by polling, as share records rather than mentions", async () => {
    const boosted = notifications[0] as Item & { status: { id: string } };
    notifications.push({
      id: '34975890',
      type: 'reblog',
      created_at: '2026-11-20T11:59:00.000Z',
      account: { id: '110001', acct: 'fan@example.social', created_at: '2021-05-01T00:00:00.000Z' },
      status: boosted.status,
    } as Item);
    const { sleep, waiting } = manualSleep();
    const channel = createMastodonChannel({ egress: localEgress, sleep, now: () => now });
    const events: RawEvent[] = [];
    const source = await channel.listen!(credentials, {
      terms: () => [terms],
      cursor: JSON.stringify({
        notifications: '34975880',
        tags: { northwind: '999999999999999999' },
      }),
      onEvents: async (batch) => void events.push(...batch),
      onError: (error) => {
        throw error;
      },
    });
    await expect.poll(() => waiting.length).toBe(1);
    await source.close();
    expect(events.flatMap((event) => channel.normalize(event.raw))).toEqual([]);
    expect(events.flatMap((event) => channel.reposts!(event.raw))).toMatchObject([
      { externalId: `reblog:110001:${boosted.status.id}`, subjectExternalId: boosted.status.id },
    ]);
    const asked = platform.requestsTo('GET', '/api/v1/notifications')[0]?.query.getAll('types[]');
    expect(asked).toEqual(['mention', 'reblog']);
  });

  /** One round with these terms, mentions and the tag read from before their first item. */
  const heardWith = async (brandTerms: ListeningTerms, cursor: object) => {
    const { sleep, waiting } = manualSleep();
    const channel = createMastodonChannel({ egress: localEgress, sleep, now: () => now });
    const heard: string[] = [];
    const source = await channel.listen!(credentials, {
      terms: () => [brandTerms],
      cursor: JSON.stringify(cursor),
      onEvents: async (events) =>
        void heard.push(
          ...events.flatMap((e) => channel.normalize(e.raw)).map((m) => m.externalId),
        ),
      onError: (error) => {
        throw error;
      },
    });
    await expect.poll(() => waiting.length).toBe(1);
    await source.close();
    return heard;
  };
  const tagPost = '113502000000000001';

  it.each([
    ['its hashtag', { hashtags: ['northwind'] }, [tagPost]],
    ['an exclusion', { hashtags: ['northwind'], exclusions: ['Jackets'] }, []],
    ['another language', { hashtags: ['northwind'], languages: ['de'] }, []],
    ['its language', { hashtags: ['northwind'], languages: ['en'] }, [tagPost]],
  ])("keeps a tagged post by the brand's terms: %s", async (_, partial, expected) => {
    const cursor = { notifications: '34975880', tags: { northwind: '0' } };
    expect(await heardWith({ ...noTerms, ...partial }, cursor)).toEqual(expected);
  });

  it('searches for keywords and handles, and hears mentions of the account whatever the terms exclude', async () => {
    platform.route('GET', '/api/v2/search', (request) => ({
      json: { accounts: [], hashtags: [], statuses: page(tagged, request) },
    }));
    const heard = await heardWith(
      {
        ...noTerms,
        keywords: ['Northwind Jackets'],
        handles: ['@northwind'],
        exclusions: ['refund'],
      },
      { notifications: '34975861', search: { 'northwind jackets': '0', '@northwind': '0' } },
    );
    const queries = platform.requestsTo('GET', '/api/v2/search').map((r) => r.query.get('q'));
    expect(new Set(queries)).toEqual(new Set(['northwind jackets', '@northwind']));
    // Found by the phrase (once: ingest would dedupe the second copy anyway); no tag timeline read.
    expect(heard).toContain(tagPost);
    expect(platform.requestsTo('GET', '/api/v1/timelines/tag/northwind')).toEqual([]);
    // Every mention of the account is heard, whatever it says.
    expect(heard).toEqual(expect.arrayContaining(['113501299999999999', '113501300000000000']));
  });

  it("reads the brand's terms again on every round, without restarting", async () => {
    const { sleep, tick, waiting } = manualSleep();
    const channel = createMastodonChannel({ egress: localEgress, sleep, now: () => now });
    terms = noTerms;
    const source = await channel.listen!(credentials, {
      terms: () => [terms],
      cursor: JSON.stringify({ notifications: '34975880' }),
      onEvents: async () => {},
      onError: (error) => {
        throw error;
      },
    });
    await expect.poll(() => waiting.length).toBe(1);
    expect(platform.requestsTo('GET', '/api/v1/timelines/tag/northwind')).toEqual([]);
    terms = { ...noTerms, hashtags: ['#Northwind'] };
    tick();
    await expect
      .poll(() => platform.requestsTo('GET', '/api/v1/timelines/tag/northwind').length)
      .toBe(1);
    await source.close();
  });

  it('starts from now without a cursor, then hears what arrives later', async () => {
    const { sleep, tick, waiting } = manualSleep();
    const channel = createMastodonChannel({ egress: localEgress, sleep, now: () => now });
    const heard: string[] = [];
    const source = await channel.listen!(credentials, {
      terms: () => [terms],
      cursor: undefined,
      onEvents: async (events) =>
        void heard.push(
          ...events.flatMap((e) => channel.normalize(e.raw)).map((m) => m.externalId),
        ),
      onError: (error) => {
        throw error;
      },
    });
    await expect.poll(() => waiting.length).toBe(1);
    expect(heard).toEqual([]);
    const later = structuredClone(notifications[3]!) as Item & { status: { id: string } };
    later.id = '34975999';
    later.status.id = '113509999999999999';
    notifications.push(later);
    tick();
    await expect.poll(() => heard).toEqual(['113509999999999999']);
    await source.close();
  });

  it('reports a failed round and keeps polling', async () => {
    const { sleep, tick, waiting } = manualSleep();
    const channel = createMastodonChannel({ egress: localEgress, sleep, now: () => now });
    const errors: Error[] = [];
    platform.fail({ type: 'server-error' }, { path: '/api/v1/notifications' });
    const source = await channel.listen!(credentials, {
      terms: () => [terms],
      cursor: JSON.stringify({ notifications: '0', tags: { northwind: '113502000000000002' } }),
      onEvents: async () => {},
      onError: (error) => void errors.push(error),
    });
    await expect.poll(() => waiting.length).toBe(1);
    expect(errors).toHaveLength(1);
    tick();
    await expect.poll(() => platform.requestsTo('GET', '/api/v1/notifications').length).toBe(2);
    await source.close();
  });

  it('hears mentions live over the streaming API without moving the cursor past the poller', async () => {
    const { sleep } = manualSleep();
    const { sockets } = platform.websocket('/api/v1/streaming');
    platform.route('GET', '/api/v2/instance', () => ({
      json: {
        ...fixture('instance-v2.json'),
        configuration: { urls: { streaming: platform.url.replace('http', 'ws') } },
      },
    }));
    const channel = createMastodonChannel({ egress: localEgress, sleep, now: () => now });
    const cursor = JSON.stringify({
      notifications: '34975880',
      tags: { northwind: '113502000000000002' },
    });
    const delivered: RawEvent[] = [];
    const source = await channel.listen!(
      { ...credentials, streaming: true },
      {
        cursor,
        terms: () => [terms],
        onEvents: async (events) => void delivered.push(...events),
        onError: (error) => void delivered.push({ raw: error }),
      },
    );
    // masto waits a backoff step before its first connection.
    await expect
      .poll(() => sockets[0]?.received, { timeout: 10_000 })
      .toEqual([
        { type: 'subscribe', stream: 'user' },
        { type: 'subscribe', stream: 'hashtag', tag: 'northwind' },
      ]);
    expect(sockets[0]?.protocol).toBe('token-1');
    const live = structuredClone(notifications[3]!) as Item & { status: { id: string } };
    live.id = '34976000';
    live.status.id = '113510000000000000';
    sockets[0]?.send({
      stream: ['user'],
      event: 'notification',
      payload: JSON.stringify(notifications[1]),
    });
    sockets[0]?.send({
      stream: ['user'],
      event: 'notification',
      payload: JSON.stringify(live),
    });
    await expect.poll(() => delivered.length).toBe(1);
    await source.close();
    expect(channel.normalize(delivered[0]!.raw).map((m) => m.externalId)).toEqual([
      '113510000000000000',
    ]);
    // The poller has not read up to it yet, so the cursor stays where the poller stands.
    expect(JSON.parse(delivered[0]!.cursor!)).toMatchObject(JSON.parse(cursor));
  });

  it('hands on streamed deletions and edits with the time heard, for changes() to read', async () => {
    const { sleep } = manualSleep();
    const { sockets } = platform.websocket('/api/v1/streaming');
    platform.route('GET', '/api/v2/instance', () => ({
      json: {
        ...fixture('instance-v2.json'),
        configuration: { urls: { streaming: platform.url.replace('http', 'ws') } },
      },
    }));
    const channel = createMastodonChannel({ egress: localEgress, sleep, now: () => now });
    const delivered: RawEvent[] = [];
    const source = await channel.listen!(
      { ...credentials, streaming: true },
      {
        cursor: JSON.stringify({ notifications: '34975880' }),
        onEvents: async (events) => void delivered.push(...events),
        onError: (error) => void delivered.push({ raw: error }),
        terms: () => [{ ...noTerms, hashtags: ['northwind'] }],
      },
    );
    await expect.poll(() => sockets[0]?.received.length, { timeout: 10_000 }).toBe(2);
    const update = fixture('stream-status-update.json') as { payload: string };
    sockets[0]?.send({
      stream: ['hashtag', 'northwind'],
      event: 'status.update',
      payload: update.payload,
    });
    sockets[0]?.send({
      stream: ['hashtag', 'northwind'],
      event: 'delete',
      payload: '113501234567890123',
    });
    await expect.poll(() => delivered.length).toBe(2);
    await source.close();
    expect(delivered.map((event) => channel.normalize(event.raw))).toEqual([[], []]);
    expect(delivered.flatMap((event) => channel.changes!(event.raw))).toEqual([
      {
        externalId: '113501234567890123',
        kind: 'edited',
        at: new Date('2026-11-20T09:31:12.000Z'),
        text: '@northwind my order #NW55120 arrived this morning, thanks!',
      },
      { externalId: '113501234567890123', kind: 'deleted', at: now },
    ]);
  });

  it("hands on deletions and edits of the account's mentions from the user stream, not its home timeline", async () => {
    const { sleep } = manualSleep();
    const { sockets } = platform.websocket('/api/v1/streaming');
    platform.route('GET', '/api/v2/instance', () => ({
      json: {
        ...fixture('instance-v2.json'),
        configuration: { urls: { streaming: platform.url.replace('http', 'ws') } },
      },
    }));
    const channel = createMastodonChannel({ egress: localEgress, sleep, now: () => now });
    const delivered: RawEvent[] = [];
    const source = await channel.listen!(
      { ...credentials, streaming: true },
      {
        cursor: JSON.stringify({ notifications: '34975880' }),
        onEvents: async (events) => void delivered.push(...events),
        onError: (error) => void delivered.push({ raw: error }),
        terms: () => [noTerms],
      },
    );
    await expect
      .poll(() => sockets[0]?.received, { timeout: 10_000 })
      .toEqual([{ type: 'subscribe', stream: 'user' }]);
    const update = fixture('stream-status-update.json') as { payload: string };
    // A status of someone the brand follows: its home timeline, not a mention.
    sockets[0]?.send({ stream: ['user'], event: 'update', payload: update.payload });
    sockets[0]?.send({ stream: ['user'], event: 'status.update', payload: update.payload });
    sockets[0]?.send({ stream: ['user'], event: 'delete', payload: '113501234567890123' });
    await expect.poll(() => delivered.length).toBe(2);
    await source.close();
    expect(delivered.flatMap((event) => channel.normalize(event.raw))).toEqual([]);
    expect(delivered.flatMap((event) => channel.changes!(event.raw))).toEqual([
      expect.objectContaining({ externalId: '113501234567890123', kind: 'edited' }),
      { externalId: '113501234567890123', kind: 'deleted', at: now },
    ]);
  });

  it('polls alone, without reporting a failure, when the instance offers no streaming URL', async () => {
    const { sleep, waiting } = manualSleep();
    const errors: Error[] = [];
    const source = await createMastodonChannel({ egress: localEgress, sleep, now: () => now })
      .listen!(
      { ...credentials, streaming: true },
      {
        terms: () => [terms],
        cursor: '{"notifications":"34975861"}',
        onEvents: async () => {},
        onError: (error) => void errors.push(error),
      },
    );
    await expect.poll(() => waiting.length).toBe(1);
    await expect.poll(() => platform.requestsTo('GET', '/api/v2/instance').length).toBe(1);
    await source.close();
    expect(errors).toEqual([]);
  });

  it('replies in the thread with an idempotency key, mentioning the author', async () => {
    const channel = createMastodonChannel({ egress: localEgress, now: () => now });
    const [mention] = channel.normalize(notifications[3]);
    const sent = await channel.send(credentials, {
      idempotencyKey: 'reply-1',
      text: 'So sorry, Maya.',
      visibility: 'public',
      inReplyTo: mention!,
    });
    const created = fixture('status-created.json');
    expect(sent).toEqual({ externalId: created.id, url: created.url });
    const [request] = platform.requestsTo('POST', '/api/v1/statuses');
    expect(request?.headers['idempotency-key']).toBe('reply-1');
    expect(request?.json).toMatchObject({
      status: `@${mention!.author.handle} So sorry, Maya.`,
      in_reply_to_id: mention!.externalId,
      visibility: 'public',
    });
  });

  it('sends a private reply as a direct status that mentions the author once', async () => {
    const channel = createMastodonChannel({ egress: localEgress, now: () => now });
    const [mention] = channel.normalize(notifications.find((n) => n.id === '34975870'));
    await channel.send(credentials, {
      idempotencyKey: 'reply-2',
      text: `@${mention!.author.handle} yes, DM us the new address.`,
      visibility: 'private',
      inReplyTo: mention!,
    });
    expect(platform.requestsTo('POST', '/api/v1/statuses')[0]?.json).toMatchObject({
      status: `@${mention!.author.handle} yes, DM us the new address.`,
      visibility: 'direct',
    });
  });

  it('reports a rate limit as retryable until X-RateLimit-Reset', async () => {
    const channel = createMastodonChannel({ egress: localEgress, now: () => now });
    platform.fail({
      type: 'rate-limit',
      headers: { 'x-ratelimit-reset': '2026-11-20T12:05:00.000Z' },
    });
    const [mention] = channel.normalize(notifications[3]);
    const reply = {
      idempotencyKey: 'k',
      text: 'hi',
      visibility: 'public' as const,
      inReplyTo: mention!,
    };
    await expect(channel.send(credentials, reply)).rejects.toMatchObject({
      retryable: true,
      retryAfterSeconds: 300,
    });
  });

  it.each([
    [{ type: 'server-error' } as const, true],
    [{ type: 'drop' } as const, true],
    [{ type: 'timeout' } as const, true],
    [
      {
        type: 'respond',
        response: { status: 422, json: { error: 'Validation failed: Text too long' } },
      } as const,
      false,
    ],
  ])('reports %j as retryable=%s', async (fault, retryable) => {
    const channel = createMastodonChannel({ egress: localEgress, now: () => now, timeoutMs: 300 });
    platform.fail(fault);
    const [mention] = channel.normalize(notifications[3]);
    const reply = {
      idempotencyKey: 'k',
      text: 'hi',
      visibility: 'public' as const,
      inReplyTo: mention!,
    };
    await expect(channel.send(credentials, reply)).rejects.toMatchObject({
      name: 'ChannelSendError',
      retryable,
    });
  });

  it('refuses a damaged cursor with a clear error instead of starting over', async () => {
    const listening = createMastodonChannel({ egress: localEgress }).listen!(credentials, {
      terms: () => [terms],
      cursor: '{"notifications": 42',
      onEvents: async () => {},
      onError: () => {},
    });
    await expect(listening).rejects.toThrow(/Mastodon cursor is not valid/);
  });

  it('checks credentials against the account', async () => {
    const account = fixture('account-verify-credentials.json');
    expect(
      await createMastodonChannel({ egress: localEgress }).validateCredentials(credentials),
    ).toEqual({
      accountId: account.id,
      handle: account.acct,
    });
  });
});
