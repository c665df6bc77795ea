import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import { updateBrand } from '../../app/brands/brands.ts';
import { createBrand } from '../../store/brands.repository.ts';
import type { Channel, SourceOptions } from '../../channels/channel.ts';
import type { Network } from '../../domain/network.ts';
import { connectChannel, createChannelRegistry } from './channel-registry.ts';
import type { ChannelServices } from './channel-registry.ts';
import { startChannelRunner } from './channel-runner.ts';

const logger = pino({ level: 'silent' });
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/**
 * The replay network with a listen of our own: it records each start and keeps the options, so
 * the test reads `terms()` the way a poller would, from a source that is never restarted.
 */
function recordingServices() {
  const real = createChannelRegistry().get('replay')!;
  const started: SourceOptions[] = [];
  const channel: Channel<unknown> = {
    ...real.channel,
    async listen(_credentials, options) {
      started.push(options);
      return { close: async () => {} };
    },
  };
  const services: ChannelServices = {
    registry: new Map<Network, typeof real>([['replay', { ...real, channel }]]),
    secretKey: randomBytes(32),
  };
  return { services, started };
}

async function connectedBrand(services: ChannelServices, name: string) {
  const seeded = await seedWorkspace(database.store.db, name);
  await updateBrand(database.store.db, seeded.workspaceId, seeded.brandId, {
    keywords: ['acme'],
    hashtags: [],
  });
  const outcome = await connectChannel(database.store.db, services, {
    workspaceId: seeded.workspaceId,
    brandId: seeded.brandId,
    network: 'replay',
    name: 'Replay',
    credentials: { speed: 1 },
  });
  if (!outcome.ok) throw new Error(outcome.message);
  return seeded;
}

describe('listening terms fed to running sources', () => {
  it("gives a source its brand's terms and a change at once (LISTEN), without restarting it", async () => {
    const { services, started } = recordingServices();
    const seeded = await connectedBrand(services, 'Feed');
    const runner = await startChannelRunner({ store: database.store, services, logger });
    try {
      await expect.poll(() => started.length).toBe(1);
      expect(started[0]!.terms()).toMatchObject([{ keywords: ['acme'], hashtags: [] }]);
      await updateBrand(database.store.db, seeded.workspaceId, seeded.brandId, {
        keywords: ['acme', 'acme cloud'],
        hashtags: ['acme'],
        exclusions: ['acme anvils'],
        languages: ['en'],
      });
      await expect
        .poll(() => started[0]!.terms()[0], { timeout: 5_000 })
        .toMatchObject({
          handles: expect.any(Array),
          keywords: ['acme', 'acme cloud'],
          hashtags: ['acme'],
          exclusions: ['acme anvils'],
          languages: ['en'],
        });
      expect(started).toHaveLength(1);
    } finally {
      await runner.stop();
    }
  });

  it("gives a source its workspace's competitors' terms after its brand's, and a competitor added later", async () => {
    const { services, started } = recordingServices();
    const seeded = await connectedBrand(services, 'Rivals');
    await createBrand(database.store.db, seeded.workspaceId, {
      name: 'Contoso',
      handles: ['@contoso'],
      keywords: ['contoso'],
      isCompetitor: true,
    });
    const elsewhere = await seedWorkspace(database.store.db, 'Rivals elsewhere');
    await createBrand(database.store.db, elsewhere.workspaceId, {
      name: 'Not ours to hear',
      handles: [],
      keywords: ['fabrikam'],
      isCompetitor: true,
    });
    const runner = await startChannelRunner({ store: database.store, services, logger });
    try {
      await expect.poll(() => started.length).toBe(1);
      const source = started[0]!;
      expect(source.terms().map((terms) => terms.keywords)).toEqual([['acme'], ['contoso']]);
      await createBrand(database.store.db, seeded.workspaceId, {
        name: 'Adatum',
        handles: [],
        keywords: ['adatum'],
        isCompetitor: true,
      });
      await expect
        .poll(() => source.terms().map((terms) => terms.keywords), { timeout: 5_000 })
        .toEqual([['acme'], ['adatum'], ['contoso']]);
      expect(started).toHaveLength(1);
    } finally {
      await runner.stop();
    }
  });

  it('reloads the terms on its own when no change is told (a store without LISTEN)', async () => {
    const { services, started } = recordingServices();
    const seeded = await connectedBrand(services, 'Polled');
    const runner = await startChannelRunner({
      // The store as it is, less LISTEN: only the feed's own reloading can carry the change.
      store: { ...database.store, listen: undefined, onListenRestored: undefined },
      services,
      logger,
      reconcileMs: 60_000,
      termsRefreshMs: 50,
    });
    try {
      await expect.poll(() => started.length).toBe(1);
      await updateBrand(database.store.db, seeded.workspaceId, seeded.brandId, {
        exclusions: ['acme anvils'],
      });
      await expect
        .poll(() => started[0]!.terms()[0]?.exclusions, { timeout: 5_000 })
        .toEqual(['acme anvils']);
      expect(started).toHaveLength(1);
    } finally {
      await runner.stop();
    }
  });
});
