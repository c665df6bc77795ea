import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import type { TestDatabase } from '../../test/helpers/database.ts';
import { ChannelLockLost, openChannelLockSession } from './channel-locks.ts';
import { openStore } from './connect.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('channel lock session', () => {
  it('lets a batch commit while it holds the account, and keeps a second session out', async () => {
    const locks = await openChannelLockSession(database.store);
    try {
      expect(await locks.tryLock('account-a')).toBe(true);
      await database.store.db.transaction().execute((tx) => locks.assertHeld(tx, 'account-a'));
      if (database.url) {
        const other = await openStore({ databaseUrl: database.url, poolSize: 1 });
        const rival = await openChannelLockSession(other);
        expect(await rival.tryLock('account-a')).toBe(false);
        await expect(
          database.store.db.transaction().execute((tx) => rival.assertHeld(tx, 'account-a')),
        ).rejects.toBeInstanceOf(ChannelLockLost);
        await rival.close();
        await other.close();
      }
    } finally {
      await locks.unlock('account-a');
      await locks.close();
    }
  });

  it.runIf(Boolean(process.env.DATABASE_URL))(
    'says when its session is terminated, and fences batches from then on',
    async () => {
      const locks = await openChannelLockSession(database.store);
      const lost: Error[] = [];
      locks.onLost((error) => lost.push(error));
      expect(await locks.tryLock('account-b')).toBe(true);
      await sql`select pg_terminate_backend(pid) from pg_locks
        where locktype = 'advisory' and pid <> pg_backend_pid()
          and ((classid::int8 << 32) | objid::int8) = hashtextextended('earshot.channel:account-b', 0)`.execute(
        database.store.db,
      );
      await expect.poll(() => lost.length).toBe(1);
      await expect(
        database.store.db.transaction().execute((tx) => locks.assertHeld(tx, 'account-b')),
      ).rejects.toBeInstanceOf(ChannelLockLost);
      await expect(locks.tryLock('account-b')).rejects.toThrow();
      await locks.close();
    },
  );
});
