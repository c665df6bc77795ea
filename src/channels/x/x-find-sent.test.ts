import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePlatform, type FakePlatform } from '../../../test/helpers/fake-platform.ts';
import type { OutgoingReply } from '../channel.ts';
import { createXChannel, type XCredentials } from './x-channel.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const ourId = '2244994945';
const credentials: XCredentials = { accessToken: 'user-token', userId: ourId };
const createdAt = new Date('2026-11-30T03:00:00Z');
const text = 'We found your bag & it ships today: https://northwind.example/track/55140';

/** One of our posts as X's timeline lists it: escaped, link shortened, led by the handle. */
const post = (id: string, inReplyTo: string, body = text, at = '2026-11-30T03:00:04.000Z') => ({
  id,
  text: `@jen_travels ${body.replace('&', '&amp;').replace(/https:\S+/, 'https://t.co/AbC123')}`,
  created_at: at,
  referenced_tweets: [{ type: 'replied_to', id: inReplyTo }],
  edit_history_tweet_ids: [id],
});

const duplicateRefusal = {
  type: 'respond',
  response: {
    status: 403,
    json: { detail: 'You are not allowed to create a Tweet with duplicate content.', status: 403 },
  },
} as const;

describe('X findSent', () => {
  let platform: FakePlatform;
  let timeline: unknown[];
  beforeEach(async () => {
    platform = await startFakePlatform();
    timeline = [];
    platform.route('GET', `/2/users/${ourId}/tweets`, () => ({
      json: timeline.length
        ? { data: timeline, meta: { result_count: timeline.length } }
        : { meta: { result_count: 0 } },
    }));
  });
  afterEach(() => platform.close());

  const x = () => createXChannel({ httpAgent: platform.httpsAgent(), timeoutMs: 400 });
  function replyTo(visibility: 'public' | 'private' = 'public'): OutgoingReply {
    const [mention] = x().normalize(fixture('mentions-timeline.json'));
    return { idempotencyKey: 'k', text, visibility, createdAt, inReplyTo: mention! };
  }

  it('adopts our recent post answering the same post with the same text', async () => {
    const reply = replyTo();
    timeline = [post('111', 'elsewhere'), post('222', reply.inReplyTo.externalId)];
    expect(await x().findSent!(credentials, reply)).toEqual({
      externalId: '222',
      url: 'https://x.com/i/web/status/222',
    });
    const [request] = platform.requestsTo('GET', `/2/users/${ourId}/tweets`);
    expect(request?.query.get('start_time')).toBe('2026-11-30T02:55:00Z');
    expect(request?.query.get('max_results')).toBe('100');
    expect(request?.query.get('tweet.fields')).toContain('referenced_tweets');
  });

  it('finds nothing when we have posted nothing since', async () => {
    expect(await x().findSent!(credentials, replyTo())).toBeUndefined();
  });

  it('ignores a post with other text, and one answering another post', async () => {
    const reply = replyTo();
    timeline = [
      post('333', reply.inReplyTo.externalId, 'We found your bag.'),
      post('444', '1858410000000000001'),
      post('555', reply.inReplyTo.externalId, text, '2026-11-29T12:00:00.000Z'),
    ];
    expect(await x().findSent!(credentials, reply)).toBeUndefined();
  });

  it("looks in the DM conversation for a message we sent, not the customer's", async () => {
    const reply = replyTo('private');
    const customer = reply.inReplyTo.author.externalId;
    const event = (id: string, sender: string) => ({
      id,
      event_type: 'MessageCreate',
      text,
      sender_id: sender,
      created_at: '2026-11-30T03:00:02.000Z',
    });
    let events = [event('dm-theirs', customer)];
    platform.route('GET', `/2/dm_conversations/with/${customer}/dm_events`, () => ({
      json: { data: events, meta: { result_count: events.length } },
    }));
    expect(await x().findSent!(credentials, reply)).toBeUndefined();
    events = [event('dm-theirs', customer), event('dm-ours', ourId)];
    expect(await x().findSent!(credentials, reply)).toEqual({ externalId: 'dm-ours' });
  });

  it('takes X refusing a duplicate as a sign the earlier attempt posted, and adopts it', async () => {
    const reply = replyTo();
    timeline = [post('666', reply.inReplyTo.externalId)];
    platform.fail(duplicateRefusal, { method: 'POST', path: '/2/tweets' });
    expect((await x().send(credentials, reply)).externalId).toBe('666');
  });

  it('keeps the duplicate refusal final when no such post of ours is found', async () => {
    platform.fail(duplicateRefusal, { method: 'POST', path: '/2/tweets' });
    await expect(x().send(credentials, replyTo())).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('duplicate content'),
    });
  });

  it('makes the duplicate refusal retryable when the lookup itself failed for now', async () => {
    platform.fail(duplicateRefusal, { method: 'POST', path: '/2/tweets' });
    platform.fail({ type: 'server-error', status: 503 }, { method: 'GET' });
    await expect(x().send(credentials, replyTo())).rejects.toMatchObject({
      retryable: true,
      message: expect.stringContaining('could not be looked up'),
    });
  });
});
