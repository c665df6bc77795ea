import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetaChannel } from '../../src/channels/meta/meta-channel.ts';
import { metaFixture, metaTestCredentials } from '../../src/channels/meta/meta-test-kit.ts';
import type { Network } from '../../src/domain/network.ts';
import {
  createChannelRegistry,
  credentialsContext,
} from '../../src/pipeline/intake/channel-registry.ts';
import { encryptCredentials } from '../../src/security/secrets.ts';
import {
  insertChannelAccount,
  setChannelStatus,
} from '../../src/store/channel-accounts.repository.ts';
import { newId } from '../../src/store/ids.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { startFakePlatform, type FakePlatform } from '../helpers/fake-platform.ts';
import { addMention, makeMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';
import { localEgress } from '../helpers/egress.ts';

let api: TestApi;
let acme: SeededWorkspace;
let agent: Caller;
let platform: FakePlatform;

beforeAll(async () => {
  platform = await startFakePlatform();
  platform.route('POST', /^\/v21\.0\/[^/]+$/, () => ({ json: { success: true } }));
  platform.route('PUT', /^\/2\/tweets\/\d+\/hidden$/, () => ({ json: { data: { hidden: true } } }));
  api = await createTestApi();
  api.deps.channels.registry = createChannelRegistry({
    egress: localEgress,
    meta: { graphBaseUrl: `${platform.url}/v21.0`, timeoutMs: 500 },
    x: { httpAgent: platform.httpsAgent(), timeoutMs: 500 },
    mastodon: { timeoutMs: 500 },
  });
  acme = await seedWorkspace(api.db, 'Network moderation');
  agent = await api.login(acme.users.agent);
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

const ws = () => `/api/v1/workspaces/${acme.workspaceId}`;

/** A connected account of the network, with its credentials stored as the app stores them. */
async function connect(network: Network, credentials: unknown) {
  const id = newId();
  await insertChannelAccount(api.db, {
    id,
    workspaceId: acme.workspaceId,
    brandId: acme.brandId,
    network,
    name: `Acme on ${network}`,
    handle: 'acme',
    credentialsEncrypted: encryptCredentials(
      api.deps.channels.secretKey,
      credentials,
      credentialsContext(id),
    ),
  });
  return { ...acme, channelAccountId: id };
}

const hide = (mentionId: string) =>
  api.request('POST', `${ws()}/mentions/${mentionId}/hide`, {
    as: agent,
    body: { reason: 'spam' },
  });
const unhide = (mentionId: string) =>
  api.request('POST', `${ws()}/mentions/${mentionId}/unhide`, {
    as: agent,
    body: { note: 'a real question after all' },
  });

async function loggedOnNetwork(mentionId: string) {
  const page = await api.request('GET', `${ws()}/moderation?limit=100`, { as: agent });
  return (page.json.items as Array<{ mentionId: string; onNetwork: string; action: string }>)
    .filter((item) => item.mentionId === mentionId)
    .map((item) => ({ action: item.action, onNetwork: item.onNetwork }))
    .reverse();
}

describe('hiding on the network', () => {
  it('hides and shows a Facebook comment on Facebook, and logs each outcome', async () => {
    const account = await connect('facebook', metaTestCredentials);
    const [comment] = createMetaChannel('facebook').normalize(metaFixture('facebook-feed.json'));
    const { mentionId } = await addMention(api.db, account, comment);
    const hidden = await hide(mentionId);
    expect(hidden.status, hidden.text).toBe(200);
    expect(hidden.json).toMatchObject({ onNetwork: 'hidden', onNetworkError: null });
    expect((await unhide(mentionId)).json).toMatchObject({ onNetwork: 'unhidden' });
    const requests = platform.requestsTo('POST', `/v21.0/${comment!.externalId}`);
    expect(requests.map((r) => r.json)).toEqual([{ is_hidden: true }, { is_hidden: false }]);
    expect(await loggedOnNetwork(mentionId)).toEqual([
      { action: 'hide', onNetwork: 'hidden' },
      { action: 'unhide', onNetwork: 'unhidden' },
    ]);
  });

  it('hides an Instagram comment with hide=true', async () => {
    const account = await connect('instagram', metaTestCredentials);
    const [comment] = createMetaChannel('instagram').normalize(
      metaFixture('instagram-comments.json'),
    );
    const { mentionId } = await addMention(api.db, account, comment);
    expect((await hide(mentionId)).json).toMatchObject({ onNetwork: 'hidden' });
    expect(platform.requestsTo('POST', `/v21.0/${comment!.externalId}`)[0]?.json).toEqual({
      hide: true,
    });
  });

  it('hides an X reply, and records a refusal as failed with X’s reason while the hide holds', async () => {
    const account = await connect('x', { accessToken: 'user-token', userId: '2244994945' });
    const ok = await addMention(api.db, account, makeMention({ network: 'x', externalId: '1001' }));
    expect((await hide(ok.mentionId)).json).toMatchObject({ onNetwork: 'hidden' });
    expect(platform.requestsTo('PUT', '/2/tweets/1001/hidden')[0]?.json).toEqual({ hidden: true });

    const refused = await addMention(
      api.db,
      account,
      makeMention({ network: 'x', externalId: '1002' }),
    );
    platform.fail(
      { type: 'respond', response: { status: 403, json: { detail: 'Not your conversation.' } } },
      { path: '/2/tweets/1002/hidden' },
    );
    const answer = await hide(refused.mentionId);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      hidden: { reason: 'spam' },
      onNetwork: 'failed',
      onNetworkError: 'X answered HTTP 403: Not your conversation.',
    });
    const stored = await api.db
      .selectFrom('moderation_actions')
      .select(['on_network', 'on_network_error'])
      .where('mention_id', '=', refused.mentionId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      on_network: 'failed',
      on_network_error: 'X answered HTTP 403: Not your conversation.',
    });
    const row = await api.db
      .selectFrom('mentions')
      .select(['hidden_reason', 'text'])
      .where('id', '=', refused.mentionId)
      .executeTakeFirstOrThrow();
    expect(row.hidden_reason).toBe('spam');
  });

  it('records a Graph API 5xx as failed with its reason', async () => {
    const account = await connect('facebook', metaTestCredentials);
    const comment = createMetaChannel('facebook').normalize(metaFixture('facebook-feed.json'))[0]!;
    const { mentionId } = await addMention(api.db, account, {
      ...comment,
      externalId: `${comment.externalId}9`,
    });
    platform.fail({ type: 'server-error', status: 503 }, { path: `/v21.0/${comment.externalId}9` });
    const answer = await hide(mentionId);
    expect(answer.json).toMatchObject({ hidden: { reason: 'spam' }, onNetwork: 'failed' });
    expect(answer.json.onNetworkError).toContain('503');
  });

  it('keeps Bluesky, Mastodon and paused accounts Earshot-only, asking no network', async () => {
    const before = platform.requests.length;
    const bluesky = await connect('bluesky', { identifier: 'acme.test', appPassword: 'x' });
    const mastodon = await connect('mastodon', { instance: platform.url, accessToken: 't' });
    const paused = await connect('x', { accessToken: 'user-token', userId: '2244994945' });
    await setChannelStatus(api.db, acme.workspaceId, paused.channelAccountId, 'paused', new Date());
    for (const [account, network] of [
      [bluesky, 'bluesky'],
      [mastodon, 'mastodon'],
      [paused, 'x'],
    ] as const) {
      const { mentionId } = await addMention(api.db, account, makeMention({ network }));
      expect((await hide(mentionId)).json).toMatchObject({ onNetwork: 'not_supported' });
    }
    expect(platform.requests.length).toBe(before);
  });
});
