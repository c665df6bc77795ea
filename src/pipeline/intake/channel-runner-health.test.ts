import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { localEgress } from '../../../test/helpers/egress.ts';
import { startFakePlatform } from '../../../test/helpers/fake-platform.ts';
import type { FakePlatform } from '../../../test/helpers/fake-platform.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import { renderChannelMetrics } from '../../api/channel-metrics.ts';
import { setChannelStatus } from '../../store/channel-accounts.repository.ts';
import { connectChannel, createChannelRegistry } from './channel-registry.ts';
import type { ChannelServices } from './channel-registry.ts';
import { startChannelRunner } from './channel-runner.ts';
import type { ChannelRunner } from './channel-runner.ts';

const logger = pino({ level: 'silent' });
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../channels/mastodon/fixtures/${name}`, import.meta.url), 'utf8'),
  );
/** Short windows instead of 30 s and 60 s; the runner judges every 50 ms. */
const health = { errorWindowMs: 400, silenceWindowMs: 600, checkMs: 50 };
const wait = { timeout: 10_000, interval: 50 };

let database: TestDatabase;
let platform: FakePlatform;
let services: ChannelServices;
let runner: ChannelRunner | undefined;
/** How the instance answers polls: normally, with 503, or never (a hung connection). */
let mode: 'ok' | 'fail' | 'hang' = 'ok';
let release = () => {};

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());
beforeEach(async () => {
  platform = await startFakePlatform();
  platform.route('GET', '/api/v1/accounts/verify_credentials', () => ({
    json: fixture('account-verify-credentials.json'),
  }));
  mode = 'ok';
  const hung = new Promise<void>((resolve) => (release = resolve));
  platform.route('GET', '/api/v1/notifications', async () => {
    if (mode === 'hang') await hung;
    if (mode === 'fail') return { status: 503, json: { error: 'Service Unavailable' } };
    return { json: [] };
  });
  // The seeded brand's handle and keywords are searched on every poll too.
  platform.route('GET', '/api/v2/search', () => ({
    json: { accounts: [], statuses: [], hashtags: [] },
  }));
  services = {
    registry: createChannelRegistry({
      egress: localEgress,
      mastodon: { pollIntervalMs: 40, timeoutMs: 30_000 },
    }),
    secretKey: randomBytes(32),
  };
});
afterEach(async () => {
  release();
  await runner?.stop();
  runner = undefined;
  await platform.close();
});

async function mastodonAccount() {
  const seeded = await seedWorkspace(database.store.db, 'Health');
  const outcome = await connectChannel(database.store.db, services, {
    workspaceId: seeded.workspaceId,
    brandId: seeded.brandId,
    network: 'mastodon',
    name: 'Support on Mastodon',
    credentials: { instanceUrl: platform.url, accessToken: 'token-1', streaming: false },
  });
  if (!outcome.ok) throw new Error(outcome.message);
  return { seeded, accountId: outcome.account.id };
}

const account = (id: string) =>
  database.store.db
    .selectFrom('channel_accounts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const alertsOf = (workspaceId: string) =>
  database.store.db
    .selectFrom('alerts')
    .select(['kind', 'summary', 'data'])
    .where('workspace_id', '=', workspaceId)
    .execute();

async function run() {
  runner = await startChannelRunner({
    store: database.store,
    services,
    logger,
    reconcileMs: 60_000,
    restartDelayMs: () => 20,
    health,
  });
  return runner;
}

describe('channel health in the runner', () => {
  it('turns an account whose instance keeps failing to error with the reason, raises an alert, and recovers by itself', async () => {
    const { seeded, accountId } = await mastodonAccount();
    mode = 'fail';
    await run();
    await expect.poll(async () => (await account(accountId)).status, wait).toBe('error');
    const failed = await account(accountId);
    // The reason: the monitor's verdict, or the source's latest error recorded since.
    expect(failed.last_error).toMatch(/Service Unavailable/);
    expect(failed.listening_failed_at).toBeInstanceOf(Date);
    const alerts = await alertsOf(seeded.workspaceId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'channel_error',
      data: { channelId: accountId, network: 'mastodon' },
    });
    expect(alerts[0]!.summary).toMatch(
      /^mastodon account "Support on Mastodon" is not listening: cannot connect for \d+ s: Service Unavailable$/,
    );
    expect(await renderChannelMetrics(database.store.db, new Date())).toMatch(
      /earshot_channel_accounts\{network="mastodon",status="error"\} [1-9]/,
    );

    // The instance answers again: nobody acts, the account is active again.
    mode = 'ok';
    await expect.poll(async () => (await account(accountId)).status, wait).toBe('active');
    const recovered = await account(accountId);
    expect(recovered.last_error).toBeNull();
    expect(recovered.listening_failed_at).toBeNull();
    expect(recovered.last_heard_at).toBeInstanceOf(Date);
    expect(await alertsOf(seeded.workspaceId)).toHaveLength(1);
  });

  it('turns an account that went silent to error, and back to active when it is heard again', async () => {
    const { accountId } = await mastodonAccount();
    await run();
    await expect
      .poll(async () => (await account(accountId)).last_heard_at, wait)
      .toBeInstanceOf(Date);
    expect((await account(accountId)).status).toBe('active');
    mode = 'hang';
    await expect.poll(async () => (await account(accountId)).status, wait).toBe('error');
    expect((await account(accountId)).last_error).toMatch(/^nothing heard from the network for/);
    const metrics = await renderChannelMetrics(database.store.db, new Date());
    expect(metrics).toMatch(/earshot_channel_seconds_since_heard\{network="mastodon"\} \d+/);
    mode = 'ok';
    release();
    await expect.poll(async () => (await account(accountId)).status, wait).toBe('active');
  });

  it('leaves an account a person paused while in error paused', async () => {
    const { seeded, accountId } = await mastodonAccount();
    mode = 'fail';
    const running = await run();
    await expect.poll(async () => (await account(accountId)).status, wait).toBe('error');
    await setChannelStatus(database.store.db, seeded.workspaceId, accountId, 'paused', new Date());
    await running.reconcile();
    expect(running.running()).not.toContain(accountId);
    mode = 'ok';
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await account(accountId)).status).toBe('paused');
  });
});
