import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelLockLost, openChannelLockSession } from '../../src/store/channel-locks.ts';
import { createTestDatabase } from '../helpers/database.ts';
import type { TestDatabase } from '../helpers/database.ts';

// PostgreSQL only: a session of its own that another backend can terminate (PGlite has one).
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('channel lock session on PostgreSQL', () => {
  it('says when its session is terminated, and fences batches from then on', async () => {
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
  });
});
