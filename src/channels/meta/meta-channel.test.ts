import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakePlatform } from '../../../test/helpers/fake-platform.ts';
import type { Mention } from '../../domain/mention.ts';
import { ChannelSendError, type OutgoingReply } from '../channel.ts';
import type { createMetaChannel } from './meta-channel.ts';
import { metaFixture, metaTestCredentials, startFakeGraph } from './meta-test-kit.ts';

const fixture = metaFixture;
const credentials = metaTestCredentials;

function replyTo(
  mention: Mention | undefined,
  visibility: 'public' | 'private' = 'public',
): OutgoingReply {
  if (!mention) throw new Error('fixture has no such mention');
  return {
    idempotencyKey: `key-${mention.externalId}`,
    text: 'We are on it.',
    visibility,
    inReplyTo: mention,
  };
}

describe('Meta replies through the Graph API', () => {
  let platform: FakePlatform;
  let facebook: ReturnType<typeof createMetaChannel>;
  let instagram: ReturnType<typeof createMetaChannel>;
  beforeEach(async () => {
    ({ platform, facebook, instagram } = await startFakeGraph());
    platform.route('POST', /^\/v21\.0\/(?<id>[^/]+)\/(?<edge>comments|replies)$/, (request) => ({
      json: { id: `${request.params.id}_reply` },
    }));
    platform.route('POST', '/v21.0/me/messages', () => ({
      json: { recipient_id: '3284752808326593', message_id: 'm_sent_1' },
    }));
    platform.route('GET', '/v21.0/137542570280222', () => ({
      json: { id: '137542570280222', name: 'Northwind Outfitters' },
    }));
  });
  afterEach(() => platform.close());

  it('answers a Facebook comment in its thread, with the token in a header and appsecret_proof', async () => {
    const [comment] = facebook.normalize(fixture('facebook-feed.json'));
    const sent = await facebook.send(credentials, replyTo(comment));
    expect(sent.externalId).toBe(`${comment?.externalId}_reply`);
    const [request] = platform.requestsTo('POST', /\/comments$/);
    expect(request?.path).toBe(`/v21.0/${comment?.externalId}/comments`);
    expect(request?.json).toEqual({ message: 'We are on it.' });
    expect(request?.headers.authorization).toBe('Bearer EAAB-page-token');
    const proof = createHmac('sha256', credentials.appSecret)
      .update(credentials.pageAccessToken)
      .digest('hex');
    expect(request?.query.get('appsecret_proof')).toBe(proof);
    expect(request?.query.get('access_token')).toBeNull();
  });

  it('answers an Instagram comment through /replies', async () => {
    const [comment] = instagram.normalize(fixture('instagram-comments.json'));
    await instagram.send(credentials, replyTo(comment));
    expect(platform.requestsTo('POST', /\/replies$/)[0]?.path).toBe(
      `/v21.0/${comment?.externalId}/replies`,
    );
  });

  it('answers a Messenger message privately to its sender', async () => {
    const [message] = facebook.normalize(fixture('messenger-messages.json'));
    expect(await facebook.send(credentials, replyTo(message))).toEqual({ externalId: 'm_sent_1' });
    expect(platform.requestsTo('POST', '/v21.0/me/messages')[0]?.json).toEqual({
      recipient: { id: message?.author.externalId },
      messaging_type: 'RESPONSE',
      message: { text: 'We are on it.' },
    });
  });

  it('sends a private reply to a public comment through the comment', async () => {
    const [comment] = facebook.normalize(fixture('facebook-feed.json'));
    await facebook.send(credentials, replyTo(comment, 'private'));
    expect(platform.requestsTo('POST', '/v21.0/me/messages')[0]?.json).toMatchObject({
      recipient: { comment_id: comment?.externalId },
    });
  });

  it('turns a Graph API error into a ChannelSendError, final for a bad token', async () => {
    platform.fail({
      type: 'respond',
      response: {
        status: 400,
        json: {
          error: {
            message: 'Error validating access token',
            type: 'OAuthException',
            code: 190,
            fbtrace_id: 'A1',
          },
        },
      },
    });
    const [comment] = facebook.normalize(fixture('facebook-feed.json'));
    const error = await facebook.send(credentials, replyTo(comment)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelSendError);
    expect(error).toMatchObject({
      retryable: false,
      message: expect.stringContaining('190 (OAuthException)'),
    });
  });

  it('treats a Page rate limit as retryable, waiting as long as Meta says', async () => {
    platform.fail({
      type: 'respond',
      response: {
        status: 400,
        headers: {
          'x-business-use-case-usage': JSON.stringify({
            '137542570280222': [{ type: 'pages', estimated_time_to_regain_access: 7 }],
          }),
        },
        json: {
          error: { message: 'Page request limit reached', type: 'OAuthException', code: 32 },
        },
      },
    });
    const [comment] = facebook.normalize(fixture('facebook-feed.json'));
    await expect(facebook.send(credentials, replyTo(comment))).rejects.toMatchObject({
      retryable: true,
      retryAfterSeconds: 420,
    });
  });

  it.each([
    [{ type: 'server-error' } as const],
    [{ type: 'drop' } as const],
    [{ type: 'timeout' } as const],
  ])('treats %j as retryable', async (fault) => {
    platform.fail(fault);
    const [comment] = facebook.normalize(fixture('facebook-feed.json'));
    await expect(facebook.send(credentials, replyTo(comment))).rejects.toMatchObject({
      retryable: true,
    });
  });

  it('refuses to answer something that is not a Meta event', async () => {
    const reply = replyTo({
      externalId: 'x',
      author: { externalId: 'a', handle: 'a' },
      raw: { foo: 1 },
    } as Mention);
    await expect(facebook.send(credentials, reply)).rejects.toMatchObject({ retryable: false });
    expect(platform.requests).toHaveLength(0);
  });

  it('checks credentials by reading the Page', async () => {
    expect(await facebook.validateCredentials(credentials)).toEqual({
      accountId: '137542570280222',
      handle: 'Northwind Outfitters',
    });
  });

  it('checks Instagram credentials by reading the professional account, and needs its id', async () => {
    platform.route('GET', '/v21.0/17841405822304914', (request) => ({
      json: { id: '17841405822304914', username: 'northwind', fields: request.query.get('fields') },
    }));
    expect(await instagram.validateCredentials(credentials)).toEqual({
      accountId: '17841405822304914',
      handle: 'northwind',
    });
    const withoutAccount = { ...credentials, instagramAccountId: undefined };
    await expect(instagram.validateCredentials(withoutAccount)).rejects.toThrow(
      /instagramAccountId/,
    );
  });

  it('keeps each channel to its own network', () => {
    expect(instagram.normalize(fixture('facebook-feed.json'))).toEqual([]);
    expect(facebook.normalize(fixture('instagram-comments.json'))).toEqual([]);
  });
});
