import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakePlatform } from '../../../test/helpers/fake-platform.ts';
import { ChannelSendError } from '../channel.ts';
import type { createMetaChannel } from './meta-channel.ts';
import { metaFixture, metaTestCredentials, startFakeGraph } from './meta-test-kit.ts';

const fixture = metaFixture;
const credentials = metaTestCredentials;

describe('hiding Meta comments through the Graph API', () => {
  let platform: FakePlatform;
  let facebook: ReturnType<typeof createMetaChannel>;
  let instagram: ReturnType<typeof createMetaChannel>;
  beforeEach(async () => {
    ({ platform, facebook, instagram } = await startFakeGraph());
    platform.route('POST', /^\/v21\.0\/[^/]+$/, () => ({ json: { success: true } }));
  });
  afterEach(() => platform.close());

  it('hides and shows a Facebook comment with is_hidden on the comment itself', async () => {
    const [comment] = facebook.normalize(fixture('facebook-feed.json'));
    await facebook.hide!(credentials, comment!, true);
    await facebook.hide!(credentials, comment!, false);
    const requests = platform.requestsTo('POST', /^\/v21\.0\/[^/]+$/);
    expect(requests.map((r) => [r.path, r.json])).toEqual([
      [`/v21.0/${comment!.externalId}`, { is_hidden: true }],
      [`/v21.0/${comment!.externalId}`, { is_hidden: false }],
    ]);
    expect(requests[0]?.headers.authorization).toBe('Bearer EAAB-page-token');
    expect(requests[0]?.query.get('appsecret_proof')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hides an Instagram comment with hide=true', async () => {
    const [comment] = instagram.normalize(fixture('instagram-comments.json'));
    await instagram.hide!(credentials, comment!, true);
    const [request] = platform.requestsTo('POST', /^\/v21\.0\/[^/]+$/);
    expect(request?.path).toBe(`/v21.0/${comment!.externalId}`);
    expect(request?.json).toEqual({ hide: true });
  });

  it("reports the Graph API's reason when it refuses", async () => {
    platform.fail({
      type: 'respond',
      response: {
        status: 400,
        json: {
          error: { message: 'Unsupported post request', type: 'GraphMethodException', code: 100 },
        },
      },
    });
    const [comment] = facebook.normalize(fixture('facebook-feed.json'));
    const refused = await facebook.hide!(credentials, comment!, true).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ChannelSendError);
    expect((refused as Error).message).toContain('Unsupported post request');
  });

  it('never sends a hide for a private message', async () => {
    const [message] = facebook.normalize(fixture('messenger-messages.json'));
    await expect(facebook.hide!(credentials, message!, true)).rejects.toThrow(
      'only comments can be hidden on facebook',
    );
    expect(platform.requests).toHaveLength(0);
  });
});
