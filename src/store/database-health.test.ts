import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import type { TestDatabase } from '../../test/helpers/database.ts';
import { checkDatabase } from './database-health.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

it('is ready when the database answers and its schema is current', async () => {
  expect(await checkDatabase(database.store.db, 2_000)).toEqual({
    ok: true,
    migrations: 'current',
  });
});

it('gives the reason when a query fails', async () => {
  const failing = database.store.db.withPlugin({
    transformQuery() {
      throw new Error('Connection terminated unexpectedly');
    },
    transformResult: async (args) => args.result,
  });
  expect(await checkDatabase(failing, 2_000)).toEqual({
    ok: false,
    reason: 'Connection terminated unexpectedly',
  });
});

it('answers within its timeout when the database does not answer at all', async () => {
  const silent = database.store.db.withPlugin({
    transformQuery: (args) => args.node,
    transformResult: () => new Promise(() => {}),
  });
  expect(await checkDatabase(silent, 200)).toEqual({
    ok: false,
    reason: 'no answer within 200 ms',
  });
});
