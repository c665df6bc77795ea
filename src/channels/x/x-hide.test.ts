import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePlatform, type FakePlatform } from '../../../test/helpers/fake-platform.ts';
import { ChannelSendError } from '../channel.ts';
import { createXChannel, type XCredentials } from './x-channel.ts';

const credentials: XCredentials = { accessToken: 'user-token', userId: '2244994945' };
const reply = { externalId: '1858440000000000002', raw: {} };

describe('hiding X replies', () => {
  let platform: FakePlatform;
  beforeEach(async () => {
    platform = await startFakePlatform();
    platform.route('PUT', /^\/2\/tweets\/\d+\/hidden$/, (request) => ({
      json: { data: { hidden: (request.json as { hidden: boolean }).hidden } },
    }));
  });
  afterEach(() => platform.close());
  const channel = () => createXChannel({ httpAgent: platform.httpsAgent(), timeoutMs: 400 });

  it('hides and shows a reply through PUT /2/tweets/:id/hidden', async () => {
    await channel().hide!(credentials, reply, true);
    await channel().hide!(credentials, reply, false);
    const requests = platform.requestsTo('PUT', /\/hidden$/);
    expect(requests.map((r) => [r.path, r.json])).toEqual([
      ['/2/tweets/1858440000000000002/hidden', { hidden: true }],
      ['/2/tweets/1858440000000000002/hidden', { hidden: false }],
    ]);
    expect(requests[0]?.headers.authorization).toBe('Bearer user-token');
  });

  it("reports X's reason when it refuses", async () => {
    platform.fail({
      type: 'respond',
      response: {
        status: 403,
        json: { title: 'Forbidden', detail: 'You cannot hide replies to this conversation.' },
      },
    });
    const refused = await channel().hide!(credentials, reply, true).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ChannelSendError);
    expect((refused as Error).message).toBe(
      'X answered HTTP 403: You cannot hide replies to this conversation.',
    );
  });
});
