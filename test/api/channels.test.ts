import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, errorBody } from '../../src/api/errors.ts';
import { createRouter } from '../../src/api/openapi.ts';
import { createChannelRoutes } from '../../src/api/routes/channels.routes.ts';
import { createChannelRegistry } from '../../src/pipeline/intake/channel-registry.ts';
import type { ChannelServices } from '../../src/pipeline/intake/channel-registry.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { startFakePlatform } from '../helpers/fake-platform.ts';
import type { FakePlatform } from '../helpers/fake-platform.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';
import { localEgress } from '../helpers/egress.ts';

const verified = JSON.parse(
  readFileSync(
    new URL(
      '../../src/channels/mastodon/fixtures/account-verify-credentials.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { acct: string };

let api: TestApi;
let platform: FakePlatform;
let services: ChannelServices;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let admin: Caller;
let viewer: Caller;
let now = new Date('2026-11-23T12:00:00Z');
let mastodonAnswer: { status: number; json: unknown } = { status: 200, json: verified };
let channelApp: ReturnType<typeof createRouter>;

const secret = 'whsec-0123456789abcdef0123456789abcdef';
const base = () => `/api/v1/workspaces/${acme.workspaceId}/channels`;

/** Calls the channel routes as the real app would serve them (see the report to the lead). */
async function call(method: string, path: string, as: Caller, body?: unknown) {
  const headers: Record<string, string> = { cookie: as.cookie! };
  if (method !== 'GET') headers['x-csrf-token'] = as.csrfToken!;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await channelApp.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    json: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & {
      error?: { code: string; message: string };
      items?: Array<Record<string, unknown>>;
    },
  };
}

beforeAll(async () => {
  api = await createTestApi({ now: () => now });
  platform = await startFakePlatform();
  platform.route('GET', '/api/v1/accounts/verify_credentials', () => mastodonAnswer);
  services = {
    registry: createChannelRegistry({ egress: localEgress }),
    secretKey: randomBytes(32),
  };
  channelApp = createRouter();
  channelApp.use('*', async (c, next) => {
    c.set('deps', api.deps);
    await next();
  });
  channelApp.route('/', createChannelRoutes(services));
  channelApp.onError((error, c) => {
    if (error instanceof ApiError)
      return c.json(errorBody(error.code, error.message, error.details), error.status);
    throw error;
  });
  acme = await seedWorkspace(api.db, 'Acme');
  other = await seedWorkspace(api.db, 'Other');
  admin = await api.login(acme.users.admin);
  viewer = await api.login(acme.users.viewer);
});
afterAll(async () => {
  await platform?.close();
  await api?.close();
});

const mastodon = (token: string) => ({
  network: 'mastodon',
  brandId: acme.brandId,
  name: 'Acme on Mastodon',
  credentials: { instanceUrl: platform.url, accessToken: token, hashtags: ['acme'] },
});

describe('connecting a channel account', () => {
  it('checks the credentials with the network, stores them encrypted and never returns them', async () => {
    mastodonAnswer = { status: 200, json: verified };
    const created = await call('POST', base(), admin, mastodon('token-very-secret-1'));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      network: 'mastodon',
      name: 'Acme on Mastodon',
      handle: verified.acct,
      status: 'active',
      lastEventAt: null,
      lagSeconds: null,
    });
    expect(created.text).not.toContain('token-very-secret-1');
    const verify = platform.requestsTo('GET', '/api/v1/accounts/verify_credentials').at(-1)!;
    expect(verify.headers.authorization).toBe('Bearer token-very-secret-1');

    const row = await api.db
      .selectFrom('channel_accounts')
      .select('credentials_encrypted')
      .where('id', '=', created.json.id as string)
      .executeTakeFirstOrThrow();
    expect(row.credentials_encrypted).toMatch(/^v1:/);
    expect(row.credentials_encrypted).not.toContain('token-very-secret-1');

    const listed = await call('GET', base(), viewer);
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain('token-very-secret-1');
    expect(listed.text).not.toContain('credentials');
    expect(listed.json.items!.map((item) => item.id)).toContain(created.json.id);
  });

  it('answers 422 egress_refused for a channel URL at an internal address, without the opt-in', async () => {
    // The registry of an installation that did not opt in (EARSHOT_ALLOW_PRIVATE_EGRESS unset).
    const strict: ChannelServices = {
      registry: createChannelRegistry(),
      secretKey: services.secretKey,
    };
    const strictApp = createRouter();
    strictApp.use('*', async (c, next) => {
      c.set('deps', api.deps);
      await next();
    });
    strictApp.route('/', createChannelRoutes(strict));
    strictApp.onError((error, c) =>
      error instanceof ApiError
        ? c.json(errorBody(error.code, error.message, error.details), error.status)
        : c.text('unexpected', 500),
    );
    const before = platform.requestsTo('GET', '/api/v1/accounts/verify_credentials').length;
    const accounts = await api.db.selectFrom('channel_accounts').select('id').execute();
    for (const [network, credentials, field] of [
      ['mastodon', { instanceUrl: platform.url, accessToken: 't' }, 'instanceUrl'],
      ['mastodon', { instanceUrl: 'https://169.254.169.254', accessToken: 't' }, 'instanceUrl'],
      [
        'bluesky',
        { service: 'https://[::1]:2583', identifier: 'acme.test', appPassword: 'p' },
        'service',
      ],
      [
        'webhook',
        { name: 'Shop', secret: 's'.repeat(32), replyUrl: 'https://10.0.0.7/r' },
        'replyUrl',
      ],
    ] as const) {
      const answer = await strictApp.request(base(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: admin.cookie!,
          'x-csrf-token': admin.csrfToken!,
        },
        body: JSON.stringify({ network, brandId: acme.brandId, name: 'Inside', credentials }),
      });
      const body = (await answer.json()) as { error: { code: string; message: string } };
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect(body.error.code).toBe('egress_refused');
      expect(body.error.message).toContain(`${field}: `);
      expect(body.error.message).toContain('EARSHOT_ALLOW_PRIVATE_EGRESS');
    }
    // Nothing was asked of the (local) instance, and nothing was stored.
    expect(platform.requestsTo('GET', '/api/v1/accounts/verify_credentials')).toHaveLength(before);
    expect(await api.db.selectFrom('channel_accounts').select('id').execute()).toHaveLength(
      accounts.length,
    );
  });

  it("answers 422 with the network's reason when it refuses the credentials, storing nothing", async () => {
    mastodonAnswer = { status: 401, json: { error: 'The access token is invalid' } };
    const before = await api.db.selectFrom('channel_accounts').select('id').execute();
    const refused = await call('POST', base(), admin, mastodon('revoked-token'));
    expect(refused.status).toBe(422);
    expect(refused.json.error!.code).toBe('invalid_credentials');
    expect(refused.json.error!.message).toContain('mastodon refused the credentials');
    expect(refused.json.error!.message).toContain('The access token is invalid');
    expect(refused.text).not.toContain('revoked-token');
    expect(await api.db.selectFrom('channel_accounts').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it("answers 422 naming the fields that do not fit the network's schema, without echoing them", async () => {
    const refused = await call('POST', base(), admin, {
      network: 'webhook',
      brandId: acme.brandId,
      name: 'Contact form',
      credentials: { name: 'Contact form', secret: 'short-secret-value' },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error!.message).toMatch(/invalid webhook credentials: secret: /);
    expect(refused.text).not.toContain('short-secret-value');
  });

  it('answers 404 for a brand of another workspace and 400 for an unknown network', async () => {
    const foreign = await call('POST', base(), admin, {
      ...mastodon('x'),
      brandId: other.brandId,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error!.code).toBe('brand_not_found');
    const unknown = await call('POST', base(), admin, { ...mastodon('x'), network: 'myspace' });
    expect(unknown.status).toBe(400);
  });

  it('is refused to a viewer', async () => {
    const refused = await call('POST', base(), viewer, mastodon('token'));
    expect(refused.status).toBe(403);
  });
});

describe("an account's life", () => {
  let channelId: string;
  beforeAll(async () => {
    const created = await call('POST', base(), admin, {
      network: 'webhook',
      brandId: acme.brandId,
      name: 'Contact form',
      credentials: { name: 'Shop contact form', secret },
    });
    expect(created.status).toBe(201);
    channelId = created.json.id as string;
  });
  const path = (suffix = '') => `${base()}/${channelId}${suffix}`;

  it('shows health: last event, lag from now, and the last error with its time', async () => {
    await api.db
      .updateTable('channel_accounts')
      .set({
        last_event_at: new Date('2026-11-23T11:58:30Z'),
        last_error: 'relay closed the connection',
        last_error_at: new Date('2026-11-23T11:59:00Z'),
      })
      .where('id', '=', channelId)
      .execute();
    const listed = await call('GET', base(), viewer);
    expect(listed.json.items!.find((item) => item.id === channelId)).toMatchObject({
      lastEventAt: '2026-11-23T11:58:30.000Z',
      lagSeconds: 90,
      lastError: 'relay closed the connection',
      lastErrorAt: '2026-11-23T11:59:00.000Z',
    });
  });

  it('pauses and resumes', async () => {
    const paused = await call('POST', path('/pause'), admin);
    expect(paused.status).toBe(200);
    expect(paused.json.status).toBe('paused');
    const resumed = await call('POST', path('/resume'), admin);
    expect(resumed.json.status).toBe('active');
  });

  it('tests stored credentials again and records the outcome', async () => {
    const tested = await call('POST', path('/test'), admin);
    expect(tested.status).toBe(200);
    expect(tested.json).toMatchObject({ ok: true, error: null });
    expect(tested.json.channel).toMatchObject({ lastError: null, status: 'active' });
  });

  it('records a failed test: an account whose credentials cannot be read goes to error', async () => {
    mastodonAnswer = { status: 200, json: verified };
    const created = await call('POST', base(), admin, mastodon('token-2'));
    const id = created.json.id as string;
    mastodonAnswer = { status: 401, json: { error: 'The access token was revoked' } };
    now = new Date('2026-11-23T12:05:00Z');
    const failed = await call('POST', `${base()}/${id}/test`, admin);
    expect(failed.json.ok).toBe(false);
    expect(failed.json.error).toContain('The access token was revoked');
    expect(failed.json.channel).toMatchObject({
      status: 'error',
      lastErrorAt: '2026-11-23T12:05:00.000Z',
    });
    mastodonAnswer = { status: 200, json: verified };
    const passed = await call('POST', `${base()}/${id}/test`, admin);
    expect(passed.json.channel).toMatchObject({ status: 'active', lastError: null });

    // Credentials sealed under another key (a lost EARSHOT_SECRET_KEY) give a clear error.
    const stranger: ChannelServices = { ...services, secretKey: randomBytes(32) };
    const lost = createRouter();
    lost.use('*', async (c, next) => {
      c.set('deps', api.deps);
      await next();
    });
    lost.route('/', createChannelRoutes(stranger));
    const response = await lost.request(`${base()}/${id}/test`, {
      method: 'POST',
      headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken! },
    });
    const body = (await response.json()) as { ok: boolean; error: string };
    expect(body.ok).toBe(false);
    expect(body.error).toMatch(/secret key/);
  });

  it('removes an account: gone from the list, credentials wiped, mentions kept; again is a no-op', async () => {
    const { mentionId } = await addMention(api.db, { ...acme, channelAccountId: channelId });
    const removed = await call('DELETE', path(), admin);
    expect(removed.status).toBe(204);
    const listed = await call('GET', base(), viewer);
    expect(listed.json.items!.map((item) => item.id)).not.toContain(channelId);
    const row = await api.db
      .selectFrom('channel_accounts')
      .select('credentials_encrypted')
      .where('id', '=', channelId)
      .executeTakeFirstOrThrow();
    expect(row.credentials_encrypted).toBeNull();
    const mention = await api.db
      .selectFrom('mentions')
      .select('channel_account_id')
      .where('id', '=', mentionId)
      .executeTakeFirstOrThrow();
    expect(mention.channel_account_id).toBe(channelId);
    expect((await call('DELETE', path(), admin)).status).toBe(204);
    const pausedAfter = await call('POST', path('/pause'), admin);
    expect(pausedAfter.status).toBe(404);
    expect(pausedAfter.json.error!.code).toBe('channel_not_found');
  });

  it("answers 404 for another workspace's account named under one's own workspace", async () => {
    const foreign = await call('POST', `${base()}/${other.channelAccountId}/pause`, admin);
    expect(foreign.status).toBe(404);
    expect(foreign.json.error!.code).toBe('channel_not_found');
  });
});
