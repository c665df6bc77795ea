import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import type { ReplayItem } from '../../channels/import/replay.ts';
import { setChannelStatus } from '../../store/channel-accounts.repository.ts';
import { openStore } from '../../store/connect.ts';
import type { Store } from '../../store/connect.ts';
import { connectChannel, createChannelRegistry } from './channel-registry.ts';
import type { ChannelServices } from './channel-registry.ts';
import { storeChannelBatch } from './channel-runner-batch.ts';
import { startChannelRunner } from './channel-runner.ts';
import type { ChannelRunner } from './channel-runner.ts';
import { encryptCredentials } from '../../security/secrets.ts';

const logger = pino({ level: 'silent' });
const t0 = Date.parse('2026-11-23T09:00:00Z');
const post = (n: number) => ({
  id: `post-${n}`,
  text: `Order ${n} never arrived`,
  author: { id: `customer-${n}`, handle: `customer${n}` },
  postedAt: new Date(t0 + n * 1000).toISOString(),
});
/** Five events: index 2 is not a mention anyone can read (no text). */
const items: ReplayItem[] = [0, 1, 2, 3, 4].map((n) => ({
  at: new Date(t0 + n * 1000),
  raw: n === 2 ? { id: 'post-2', author: { id: 'c', handle: 'c' } } : post(n),
}));

let database: TestDatabase;
let services: ChannelServices;
const runners: ChannelRunner[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  services = {
    registry: createChannelRegistry({ replay: { items } }),
    secretKey: randomBytes(32),
  };
});
afterAll(async () => {
  for (const runner of runners) await runner.stop();
  await database?.close();
});

async function run(store: Store = database.store) {
  const runner = await startChannelRunner({
    store,
    services,
    logger,
    reconcileMs: 60_000,
    restartDelayMs: () => 20,
  });
  runners.push(runner);
  return runner;
}

/** A workspace of its own per test, so mentions of the same replay never dedupe across tests. */
async function replayAccount(): Promise<{ seeded: SeededWorkspace; accountId: string }> {
  const seeded = await seedWorkspace(database.store.db, 'Runner');
  const outcome = await connectChannel(database.store.db, services, {
    workspaceId: seeded.workspaceId,
    brandId: seeded.brandId,
    network: 'replay',
    name: 'Replay',
    credentials: { speed: 1_000_000 },
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
const mentionsOf = (id: string) =>
  database.store.db
    .selectFrom('mentions')
    .select('external_id')
    .where('channel_account_id', '=', id)
    .orderBy('external_id')
    .execute()
    .then((rows) => rows.map((row) => row.external_id));
const rejectedOf = (id: string) =>
  database.store.db
    .selectFrom('rejected_records')
    .select(['reason', 'payload'])
    .where('channel_account_id', '=', id)
    .execute();

describe('the channel runner', () => {
  it("stores an account's events with its cursor and last event; unreadable ones become rejected records", async () => {
    const { accountId } = await replayAccount();
    const runner = await run();
    await expect.poll(async () => (await account(accountId)).cursor).toBe('4');
    expect(await mentionsOf(accountId)).toEqual(['post-0', 'post-1', 'post-3', 'post-4']);
    const rejected = await rejectedOf(accountId);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatch(/replay event: .*text/);
    expect(JSON.parse(rejected[0]!.payload)).toMatchObject({ id: 'post-2' });
    expect((await account(accountId)).last_event_at).toBeInstanceOf(Date);
    expect(runner.running()).toContain(accountId);
    await runner.stop();
  });

  it('resumes from the stored cursor', async () => {
    const { accountId } = await replayAccount();
    await database.store.db
      .updateTable('channel_accounts')
      .set({ cursor: '2' })
      .where('id', '=', accountId)
      .execute();
    const runner = await run();
    await expect.poll(async () => (await account(accountId)).cursor).toBe('4');
    expect(await mentionsOf(accountId)).toEqual(['post-3', 'post-4']);
    await runner.stop();
  });

  it('keeps the cursor where it was when the batch cannot be stored, rejected records included', async () => {
    const { seeded, accountId } = await replayAccount();
    const events = [
      { raw: post(7), cursor: '7' },
      { raw: { broken: true }, cursor: '8' },
    ];
    const broken = { id: accountId, workspaceId: seeded.workspaceId, brandId: randomUUID() };
    const channel = services.registry.get('replay')!.channel;
    await expect(
      storeChannelBatch(
        database.store.db,
        { ...broken, network: 'replay' },
        channel,
        events,
        new Date(),
      ),
    ).rejects.toThrow();
    expect((await account(accountId)).cursor).toBeNull();
    expect(await rejectedOf(accountId)).toEqual([]);
    expect(await mentionsOf(accountId)).toEqual([]);
  });

  it('stops listening to a paused account and starts again on resume', async () => {
    const { accountId } = await replayAccount();
    const runner = await run();
    expect(runner.running()).toContain(accountId);
    const setStatus = (status: 'active' | 'paused') =>
      database.store.db
        .updateTable('channel_accounts')
        .set({ status })
        .where('id', '=', accountId)
        .execute();
    await setStatus('paused');
    await runner.reconcile();
    expect(runner.running()).not.toContain(accountId);
    await setStatus('active');
    await runner.reconcile();
    expect(runner.running()).toContain(accountId);
    await runner.stop();
  });

  it('is woken by NOTIFY when an account is connected, paused or resumed, without polling', async () => {
    const runner = await run();
    const { seeded, accountId } = await replayAccount();
    const wait = { timeout: 15_000, interval: 50 };
    await expect.poll(() => runner.running(), wait).toContain(accountId);
    await setChannelStatus(database.store.db, seeded.workspaceId, accountId, 'paused', new Date());
    await expect.poll(() => runner.running(), wait).not.toContain(accountId);
    await setChannelStatus(database.store.db, seeded.workspaceId, accountId, 'active', new Date());
    await expect.poll(() => runner.running(), wait).toContain(accountId);
    await runner.stop();
  });

  it('records a failing source and restarts it with backoff from the stored cursor', async () => {
    const { accountId } = await replayAccount();
    await database.store.db
      .updateTable('channel_accounts')
      .set({ cursor: 'garbage' })
      .where('id', '=', accountId)
      .execute();
    const runner = await run();
    await expect
      .poll(async () => (await account(accountId)).last_error)
      .toMatch(/replay cursor must be an item index, got garbage/);
    expect((await account(accountId)).status).toBe('active');
    expect(await mentionsOf(accountId)).toEqual([]);
    // Fixed while the runner keeps retrying: the next restart reads the new cursor.
    await database.store.db
      .updateTable('channel_accounts')
      .set({ cursor: '1' })
      .where('id', '=', accountId)
      .execute();
    await expect.poll(() => mentionsOf(accountId)).toEqual(['post-3', 'post-4']);
    await runner.stop();
  });

  it('puts an account whose credentials cannot be decrypted in error, without listening', async () => {
    const { accountId } = await replayAccount();
    await database.store.db
      .updateTable('channel_accounts')
      .set({ credentials_encrypted: encryptCredentials(randomBytes(32), { speed: 1 }) })
      .where('id', '=', accountId)
      .execute();
    const runner = await run();
    const row = await account(accountId);
    expect(row.status).toBe('error');
    expect(row.last_error).toMatch(/secret key/);
    expect(runner.running()).not.toContain(accountId);
    await runner.stop();
  });

  it('lets only one runner listen to an account; another takes over when it stops', async () => {
    const { accountId } = await replayAccount();
    // On PostgreSQL the second runner is another pool (as another process would be); PGlite
    // has one session, so both share the store.
    const otherStore = database.url
      ? await openStore({ databaseUrl: database.url, poolSize: 2 })
      : database.store;
    try {
      const first = await run();
      const second = await run(otherStore);
      await second.reconcile();
      expect(first.running()).toContain(accountId);
      expect(second.running()).not.toContain(accountId);
      await first.stop();
      await second.reconcile();
      expect(second.running()).toContain(accountId);
      await expect.poll(async () => (await account(accountId)).cursor).toBe('4');
      await second.stop();
      // Heard once: the replay ran again from the stored cursor and found nothing new.
      expect(await mentionsOf(accountId)).toEqual(['post-0', 'post-1', 'post-3', 'post-4']);
    } finally {
      if (otherStore !== database.store) await otherStore.close();
    }
  });
});
