import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, errorBody } from '../../src/api/errors.ts';
import { createRouter } from '../../src/api/openapi.ts';
import { createChannelRoutes } from '../../src/api/routes/channels.routes.ts';
import {
  createChannelRegistry,
  createNetworkSenders,
  credentialsContext,
} from '../../src/pipeline/intake/channel-registry.ts';
import type { ChannelServices } from '../../src/pipeline/intake/channel-registry.ts';
import { startChannelRunner } from '../../src/pipeline/intake/channel-runner.ts';
import { runOutboxOnce } from '../../src/pipeline/outbox/outbox.ts';
import { createSenderResolver } from '../../src/pipeline/outbox/senders.ts';
import { decryptCredentials } from '../../src/security/secrets.ts';
import { markListeningFailed, saveLastHeard } from '../../src/store/channel-health.repository.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { localEgress } from '../helpers/egress.ts';
import { startFakePlatform } from '../helpers/fake-platform.ts';
import type { FakePlatform } from '../helpers/fake-platform.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../src/channels/mastodon/fixtures/${name}`, import.meta.url), 'utf8'),
  );
const verified = fixture('account-verify-credentials.json') as { id: string; acct: string };

let api: TestApi;
let platform: FakePlatform;
let services: ChannelServices;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let admin: Caller;
let viewer: Caller;
/** Which token the instance takes, and whose account it belongs to. */
const tokens = new Map<string, { id: string; acct: string }>();
let channelApp: ReturnType<typeof createRouter>;

const base = () => `/api/v1/workspaces/${acme.workspaceId}/channels`;

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
    },
  };
}

beforeAll(async () => {
  api = await createTestApi();
  platform = await startFakePlatform();
  const account = (authorization: string | undefined) =>
    tokens.get(String(authorization).replace(/^Bearer /, ''));
  platform.route('GET', '/api/v1/accounts/verify_credentials', (request) => {
    const owner = account(request.headers.authorization);
    return owner
      ? { json: { ...verified, ...owner } }
      : { status: 401, json: { error: 'The access token is invalid' } };
  });
  platform.route('GET', '/api/v1/notifications', () => ({ json: [] }));
  platform.route('POST', '/api/v1/statuses', (request) =>
    account(request.headers.authorization)
      ? { json: fixture('status-created.json') }
      : { status: 401, json: { error: 'The access token is invalid' } },
  );
  tokens.set('token-1', { id: verified.id, acct: verified.acct });
  tokens.set('token-2', { id: verified.id, acct: verified.acct });
  tokens.set('token-3', { id: verified.id, acct: verified.acct });
  tokens.set('token-4', { id: verified.id, acct: verified.acct });
  tokens.set('token-of-someone-else', { id: '999999', acct: 'someone' });
  services = {
    registry: createChannelRegistry({ egress: localEgress, mastodon: { pollIntervalMs: 30 } }),
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

const credentials = (token: string) => ({
  instanceUrl: platform.url,
  accessToken: token,
  streaming: false,
});

async function connect(token: string) {
  const created = await call('POST', base(), admin, {
    network: 'mastodon',
    brandId: acme.brandId,
    name: 'Acme on Mastodon',
    credentials: credentials(token),
  });
  expect(created.status, created.text).toBe(201);
  return created.json.id as string;
}

const row = (id: string) =>
  api.db.selectFrom('channel_accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const storedToken = async (id: string) =>
  (
    decryptCredentials(
      services.secretKey,
      (await row(id)).credentials_encrypted!,
      credentialsContext(id),
    ) as { accessToken: string }
  ).accessToken;

describe('editing a channel account', () => {
  it('refuses credentials the network refuses, or of another account, changing nothing', async () => {
    const id = await connect('token-1');
    const before = await row(id);
    const refused = await call('PATCH', `${base()}/${id}`, admin, {
      name: 'Renamed',
      credentials: credentials('token-revoked'),
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: 'invalid_credentials' });
    expect(refused.json.error!.message).toMatch(/mastodon refused the credentials/);
    const another = await call('PATCH', `${base()}/${id}`, admin, {
      credentials: credentials('token-of-someone-else'),
    });
    expect(another.status).toBe(422);
    expect(another.json.error!.message).toMatch(/another mastodon account \(someone\)/);
    const after = await row(id);
    expect(after.name).toBe('Acme on Mastodon');
    expect(after.credentials_encrypted).toBe(before.credentials_encrypted);
    expect(await storedToken(id)).toBe('token-1');
  });

  it('stores good credentials encrypted, clears an error, and restarts the running source with them', async () => {
    // A token of its own: the other tests' accounts are listened to as well.
    const id = await connect('token-4');
    const runner = await startChannelRunner({
      store: api.deps.store,
      services,
      logger: pino({ level: 'silent' }),
      reconcileMs: 60_000,
    });
    try {
      const polledWith = () =>
        platform
          .requestsTo('GET', '/api/v1/notifications')
          .map((request) => request.headers.authorization);
      await expect.poll(polledWith).toContain('Bearer token-4');
      await api.db
        .updateTable('channel_accounts')
        .set({ status: 'error', last_error: 'the token was revoked' })
        .where('id', '=', id)
        .execute();
      const edited = await call('PATCH', `${base()}/${id}`, admin, {
        name: 'Acme support',
        credentials: credentials('token-2'),
      });
      expect(edited.status, edited.text).toBe(200);
      expect(edited.json).toMatchObject({
        id,
        name: 'Acme support',
        status: 'active',
        lastError: null,
      });
      expect(edited.text).not.toContain('token-2');
      expect(await storedToken(id)).toBe('token-2');
      await runner.reconcile();
      await expect.poll(polledWith).toContain('Bearer token-2');
      const seen = platform.requestsTo('GET', '/api/v1/notifications').length;
      await expect
        .poll(() => platform.requestsTo('GET', '/api/v1/notifications').slice(seen))
        .not.toEqual([]);
      // The old source is gone: what comes now comes with the new token only.
      expect(polledWith().slice(seen + 1)).not.toContain('Bearer token-4');
    } finally {
      await runner.stop();
    }
  });

  it('renames without touching the credentials; a paused account stays paused', async () => {
    const id = await connect('token-1');
    await call('POST', `${base()}/${id}/pause`, admin);
    const before = await row(id);
    const renamed = await call('PATCH', `${base()}/${id}`, admin, { name: 'Quiet one' });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.json).toMatchObject({ name: 'Quiet one', status: 'paused' });
    expect((await row(id)).credentials_encrypted).toBe(before.credentials_encrypted);
    const withCredentials = await call('PATCH', `${base()}/${id}`, admin, {
      credentials: credentials('token-3'),
    });
    expect(withCredentials.json).toMatchObject({ status: 'paused' });
  });

  it('answers 400 for an empty edit, 403 to a viewer and 404 for an account elsewhere', async () => {
    const id = await connect('token-1');
    expect((await call('PATCH', `${base()}/${id}`, admin, {})).status).toBe(400);
    expect((await call('PATCH', `${base()}/${id}`, admin, { token: 'x' })).status).toBe(400);
    expect((await call('PATCH', `${base()}/${id}`, viewer, { name: 'No' })).status).toBe(403);
    const foreign = await call(
      'PATCH',
      `/api/v1/workspaces/${other.workspaceId}/channels/${id}`,
      admin,
      { name: 'No' },
    );
    // Not a member there: the other workspace is not found, and nothing of it is touched.
    expect(foreign.status).toBe(404);
    expect((await row(id)).name).toBe('Acme on Mastodon');
    const elsewhere = await call('PATCH', `${base()}/00000000-0000-4000-8000-000000000000`, admin, {
      name: 'No',
    });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json.error?.code).toBe('channel_not_found');
  });
});

describe('removing an account and connecting it again', () => {
  it('brings back the same account, so a reply to what it heard before is sent', async () => {
    const id = await connect('token-1');
    const { conversationId } = await addMention(
      api.db,
      { ...acme, channelAccountId: id },
      { network: 'mastodon', externalId: '110000000000000001', text: 'Where is my order?' },
    );
    expect((await call('DELETE', `${base()}/${id}`, admin)).status).toBe(204);
    const again = await connect('token-2');
    expect(again).toBe(id);
    const listed = await call('GET', base(), admin);
    expect((listed.json.items as Array<{ id: string }>).filter((a) => a.id === id)).toHaveLength(1);

    const agent = await api.login(acme.users.agent);
    const reply = await api.request(
      'POST',
      `/api/v1/workspaces/${acme.workspaceId}/conversations/${conversationId}/replies`,
      {
        as: agent,
        body: { text: 'It ships today.' },
      },
    );
    expect(reply.status, reply.text).toBe(201);
    const posted = platform.requestsTo('POST', '/api/v1/statuses').length;
    await runOutboxOnce({
      db: api.db,
      logger: pino({ level: 'silent' }),
      resolveSender: createSenderResolver(createNetworkSenders(api.db, services)),
    });
    const sent = await api.db
      .selectFrom('replies')
      .select(['status', 'error'])
      .where('id', '=', reply.json.id as string)
      .executeTakeFirstOrThrow();
    expect(sent).toEqual({ status: 'sent', error: null });
    const requests = platform.requestsTo('POST', '/api/v1/statuses').slice(posted);
    expect(requests.map((request) => request.headers.authorization)).toContain('Bearer token-2');
  });
});

describe('/metrics', () => {
  it('counts accounts by network and status, and the seconds since the most silent was heard', async () => {
    const id = await connect('token-1');
    const at = new Date(Date.now() - 90_000);
    await saveLastHeard(api.db, id, at);
    expect(
      await markListeningFailed(api.db, id, 'nothing heard from the network for 60 s', at),
    ).toBe(true);
    const metrics = await api.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    const inError = /earshot_channel_accounts\{network="mastodon",status="error"\} (\d+)/.exec(
      metrics.text,
    );
    expect(Number(inError?.[1])).toBeGreaterThanOrEqual(1);
    const silent = /earshot_channel_seconds_since_heard\{network="mastodon"\} (\d+)/.exec(
      metrics.text,
    );
    expect(Number(silent?.[1])).toBeGreaterThanOrEqual(90);
    expect(metrics.text).not.toContain(id);
  });
});
