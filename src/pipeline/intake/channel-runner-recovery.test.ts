import { randomBytes } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import type { ReplayItem } from '../../channels/import/replay.ts';
import { connectChannel, createChannelRegistry } from './channel-registry.ts';
import type { ChannelServices } from './channel-registry.ts';
import { startChannelRunner } from './channel-runner.ts';

// A query that fails (the database away for a moment) must not leave the runner idle until its
// next poll: it retries with backoff by itself.

let database: TestDatabase;
let services: ChannelServices;
const items: ReplayItem[] = [
  {
    at: new Date('2026-11-23T09:00:00Z'),
    raw: {
      id: 'post-1',
      text: 'Where is my order?',
      author: { id: 'c1', handle: 'c1' },
      postedAt: '2026-11-23T09:00:00Z',
    },
  },
];

beforeAll(async () => {
  database = await createTestDatabase();
  services = { registry: createChannelRegistry({ replay: { items } }), secretKey: randomBytes(32) };
});
afterAll(async () => database?.close());

/** Fails the next `count` queries as a lost connection would. */
function failingQueries(count: number): KyselyPlugin {
  let left = count;
  return {
    transformQuery(args) {
      if (left > 0) {
        left -= 1;
        throw new Error('Connection terminated unexpectedly');
      }
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}

it('retries a pass that failed on a database error, without waiting for its next poll', async () => {
  const seeded = await seedWorkspace(database.store.db, 'Recovery');
  const outcome = await connectChannel(database.store.db, services, {
    workspaceId: seeded.workspaceId,
    brandId: seeded.brandId,
    network: 'replay',
    name: 'Replay',
    credentials: { speed: 1_000_000 },
  });
  if (!outcome.ok) throw new Error(outcome.message);
  const logged: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
  const runner = await startChannelRunner({
    store: { ...database.store, db: database.store.db.withPlugin(failingQueries(1)) },
    services,
    logger,
    reconcileMs: 600_000,
  });
  try {
    await expect.poll(() => runner.running()).toContain(outcome.account.id);
    expect(logged.filter((line) => line.includes('channel reconcile failed'))).toHaveLength(1);
    expect(logged.filter((line) => line.includes('channel runner recovered'))).toHaveLength(1);
  } finally {
    await runner.stop();
  }
});
