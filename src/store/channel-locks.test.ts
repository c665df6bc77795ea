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
});
