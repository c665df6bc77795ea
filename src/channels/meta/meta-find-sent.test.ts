import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakePlatform } from '../../../test/helpers/fake-platform.ts';
import type { Mention } from '../../domain/mention.ts';
import type { OutgoingReply } from '../channel.ts';
import type { createMetaChannel } from './meta-channel.ts';
import { metaFixture, metaTestCredentials, startFakeGraph } from './meta-test-kit.ts';

const credentials = metaTestCredentials;
const pageId = credentials.pageId;
const createdAt = new Date('2026-11-30T03:00:00Z');
const text = 'Dana, we are sorry. A new one ships today.';

function replyTo(mention: Mention | undefined, visibility: 'public' | 'private' = 'public') {
  if (!mention) throw new Error('fixture has no such mention');
  return { idempotencyKey: 'k', text, visibility, createdAt, inReplyTo: mention } as OutgoingReply;
}

/** A comment as the Graph API lists it (Facebook's field names). */
const comment = (id: string, fromId: string, message = text, at = '2026-11-30T03:00:05+0000') => ({
  id,
  message,
  from: { id: fromId, name: 'someone' },
  created_time: at,
});

describe('Meta findSent', () => {
  let platform: FakePlatform;
  let facebook: ReturnType<typeof createMetaChannel>;
  let instagram: ReturnType<typeof createMetaChannel>;
  let listed: Record<string, unknown[]>;
  beforeEach(async () => {
    ({ platform, facebook, instagram } = await startFakeGraph());
    listed = {};
    platform.route('GET', /^\/v21\.0\/(?<id>[^/]+)\/(?<edge>comments|replies)$/, (request) => ({
      json: { data: listed[`${request.params.id}/${request.params.edge}`] ?? [] },
    }));
  });
  afterEach(() => platform.close());

  // The fixture's first comment is on the post; its second answers the first.
  const fbComment = (index = 0) => facebook.normalize(metaFixture('facebook-feed.json'))[index];

  it("adopts the Page's own comment with the same text in the thread answered", async () => {
    const mention = fbComment();
    listed[`${mention!.externalId}/comments`] = [
      comment('c-other', '139560936744999'),
      comment('c-ours', pageId),
    ];
    expect(await facebook.findSent!(credentials, replyTo(mention))).toEqual({
      externalId: 'c-ours',
    });
    const [request] = platform.requestsTo('GET', /\/comments$/);
    expect(request?.query.get('fields')).toBe('id,message,from,created_time');
    expect(request?.query.get('limit')).toBe('50');
    expect(request?.query.get('order')).toBe('reverse_chronological');
    expect(request?.query.get('appsecret_proof')).toBeTruthy();
    expect(platform.requestsTo('POST', /.*/)).toEqual([]);
  });

  it('finds nothing when the thread has no reply of ours', async () => {
    const mention = fbComment();
    listed[`${mention!.externalId}/comments`] = [];
    expect(await facebook.findSent!(credentials, replyTo(mention))).toBeUndefined();
  });

  it('ignores the same text from another author, other text from us, and our older posts', async () => {
    const mention = fbComment();
    listed[`${mention!.externalId}/comments`] = [
      comment('c-customer', '139560936744123'),
      comment('c-other-text', pageId, 'Dana, we are sorry.'),
      comment('c-before-the-reply', pageId, text, '2026-11-29T10:00:00+0000'),
    ];
    expect(await facebook.findSent!(credentials, replyTo(mention))).toBeUndefined();
  });

  it('looks in the parent thread too when the comment answered is itself a reply', async () => {
    const mention = fbComment(1);
    expect(mention?.externalId).toBe('139560936744456_139620233405726');
    listed['139560936744456_139597043408045/comments'] = [comment('c-in-parent', pageId)];
    expect(await facebook.findSent!(credentials, replyTo(mention))).toEqual({
      externalId: 'c-in-parent',
    });
    expect(platform.requestsTo('GET', /\/comments$/).map((r) => r.path)).toEqual([
      `/v21.0/${mention?.externalId}/comments`,
      '/v21.0/139560936744456_139597043408045/comments',
    ]);
  });

  it('looks among an Instagram comment’s replies for the Instagram account’s own', async () => {
    const [mention] = instagram.normalize(metaFixture('instagram-comments.json'));
    const reply = (id: string, fromId: string) => ({
      id,
      text,
      from: { id: fromId, username: 'x' },
      timestamp: '2026-11-30T03:00:05+0000',
    });
    listed[`${mention!.externalId}/replies`] = [reply('r-page', pageId)];
    expect(await instagram.findSent!(credentials, replyTo(mention))).toBeUndefined();
    listed[`${mention!.externalId}/replies`] = [reply('r-ours', credentials.instagramAccountId!)];
    expect(await instagram.findSent!(credentials, replyTo(mention))).toEqual({
      externalId: 'r-ours',
    });
    expect(platform.requestsTo('GET', /\/replies$/)[0]?.query.get('fields')).toBe(
      'id,text,from,timestamp',
    );
    expect(platform.requestsTo('GET', /\/replies$/)[0]?.query.get('order')).toBeNull();
  });

  it("looks in the customer's Messenger conversation for a message from the Page", async () => {
    const [message] = facebook.normalize(metaFixture('messenger-messages.json'));
    const messages = [comment('m_theirs', message!.author.externalId), comment('m_ours', pageId)];
    platform.route('GET', `/v21.0/${pageId}/conversations`, () => ({
      json: { data: [{ id: 't_1', messages: { data: messages } }] },
    }));
    expect(await facebook.findSent!(credentials, replyTo(message))).toEqual({
      externalId: 'm_ours',
    });
    const [request] = platform.requestsTo('GET', `/v21.0/${pageId}/conversations`);
    expect(request?.query.get('platform')).toBe('messenger');
    expect(request?.query.get('user_id')).toBe(message!.author.externalId);
  });

  it('does not look for a private reply to a comment (Meta takes one per comment)', async () => {
    const mention = fbComment();
    expect(await facebook.findSent!(credentials, replyTo(mention, 'private'))).toBeUndefined();
    expect(platform.requests).toHaveLength(0);
  });

  it('reports a failed lookup as a ChannelSendError, retryable for a 5xx', async () => {
    platform.fail({ type: 'server-error' });
    await expect(facebook.findSent!(credentials, replyTo(fbComment()))).rejects.toMatchObject({
      name: 'ChannelSendError',
      retryable: true,
    });
  });
});
