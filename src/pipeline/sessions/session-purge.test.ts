import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { seedUser } from '../../../test/helpers/seed.ts';
import { createSession } from '../../store/sessions.repository.ts';
import { startSessionPurge } from './session-purge.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const remaining = async () =>
  (await database.store.db.selectFrom('sessions').select('token_hash').execute())
    .map((row) => row.token_hash)
    .sort();

describe('the session purge', () => {
  it('deletes expired sessions when it starts and on every turn, keeping live ones', async () => {
    const db = database.store.db;
    const user = await seedUser(db);
    let clock = new Date('2026-12-01T12:00:00Z');
    const session = (tokenHash: string, expiresAt: string) =>
      createSession(db, {
        tokenHash,
        userId: user.id,
        csrfToken: 'x',
        expiresAt: new Date(expiresAt),
      });
    await session('expired-yesterday', '2026-11-30T12:00:00Z');
    await session('expires-at-noon', '2026-12-01T12:00:00Z');
    await session('expires-tonight', '2026-12-01T23:00:00Z');
    await session('expires-next-week', '2026-12-08T12:00:00Z');

    const purge = await startSessionPurge({
      store: database.store,
      logger: pino({ level: 'silent' }),
      now: () => clock,
      pollMs: 50,
    });
    try {
      await expect.poll(remaining).toEqual(['expires-next-week', 'expires-tonight']);
      clock = new Date('2026-12-02T00:00:00Z');
      await expect.poll(remaining).toEqual(['expires-next-week']);
    } finally {
      await purge.stop();
    }
  });

  it('deletes sessions unused for the idle timeout when given one', async () => {
    const db = database.store.db;
    const user = await seedUser(db);
    const clock = new Date('2027-01-10T12:00:00Z');
    const session = (tokenHash: string, lastSeen: string) =>
      createSession(db, {
        tokenHash,
        userId: user.id,
        csrfToken: 'x',
        expiresAt: new Date('2027-01-20T00:00:00Z'),
        now: new Date(lastSeen),
      });
    await session('idle-since-yesterday', '2027-01-09T11:00:00Z');
    await session('used-this-morning', '2027-01-10T09:00:00Z');
    const purge = await startSessionPurge({
      store: database.store,
      logger: pino({ level: 'silent' }),
      now: () => clock,
      pollMs: 50,
      idleMs: 12 * 3600_000,
    });
    try {
      await expect
        .poll(async () => (await remaining()).filter((hash) => !hash.startsWith('expire')))
        .toEqual(['used-this-morning']);
    } finally {
      await purge.stop();
    }
  });
});
