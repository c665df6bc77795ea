import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { readConfig } from '../../src/config.ts';
import type { Network } from '../../src/domain/network.ts';
import { defaultWebRoot, startEarshot } from '../../src/api/server.ts';
import type { RunningEarshot } from '../../src/api/server.ts';
import { ensureWebBuild } from '../../scripts/ensure-web-build.ts';
import { createTestDatabase } from './database.ts';
import { addMention, seedWorkspace } from './seed.ts';
import type { SeededWorkspace } from './seed.ts';

export interface TestApp {
  baseUrl: string;
  running: RunningEarshot;
  seeded: SeededWorkspace;
  owner: { email: string; password: string };
  workspaceId: string;
  /** The test database's postgres:// URL, for other processes (PostgreSQL runs only). */
  databaseUrl: string | undefined;
  addMention(input: {
    text: string;
    handle?: string;
    network?: string;
    /** The post's link on the network. */
    url?: string;
    /** A private message (a DM) rather than a public post. */
    isPrivate?: boolean;
    /** An answer in the thread that starts with this post (its `externalId`). */
    rootExternalId?: string;
    /** A direct answer to this post (its `externalId`): a share of a campaign's post. */
    parentExternalId?: string;
    /** The post's own id on the network; made up when absent. */
    externalId?: string;
    /** The brand wrote it (its own post, heard back). */
    fromBrand?: boolean;
  }): Promise<{ conversationId: string; externalId: string }>;
  close(): Promise<void>;
}

/**
 * The real server on a random 127.0.0.1 port over a fresh test database, with the built web
 * app: what browser tests drive.
 */
export async function startTestApp(
  options: {
    web?: boolean;
    /** EARSHOT_ALLOW_PRIVATE_EGRESS=true: the test's channels talk to a local fake platform. */
    allowPrivateEgress?: boolean;
  } = {},
): Promise<TestApp> {
  if (options.web !== false) await ensureWebBuild();
  const database = await createTestDatabase();
  const seeded = await seedWorkspace(database.store.db);
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    EARSHOT_DEMO: 'false',
    LOG_LEVEL: 'silent',
    // A key of the test's own: nothing is written into a data folder.
    EARSHOT_SECRET_KEY: randomBytes(32).toString('hex'),
    EARSHOT_ALLOW_PRIVATE_EGRESS: options.allowPrivateEgress ? 'true' : 'false',
  });
  const running = await startEarshot({
    config,
    logger: pino({ level: 'silent' }),
    store: database.store,
    webRoot: options.web === false ? undefined : defaultWebRoot,
  });
  return {
    baseUrl: running.url,
    running,
    seeded,
    owner: { email: seeded.users.owner.email, password: seeded.users.owner.password },
    workspaceId: seeded.workspaceId,
    databaseUrl: database.url,
    async addMention(input) {
      const network = (input.network ?? 'bluesky') as Network;
      const { conversationId, mention } = await addMention(database.store.db, seeded, {
        text: input.text,
        network,
        ...(input.url ? { url: input.url } : {}),
        ...(input.isPrivate ? { isPrivate: true } : {}),
        ...(input.rootExternalId ? { rootExternalId: input.rootExternalId } : {}),
        ...(input.parentExternalId ? { parentExternalId: input.parentExternalId } : {}),
        ...(input.externalId ? { externalId: input.externalId } : {}),
        ...(input.fromBrand ? { fromBrand: true } : {}),
        ...(input.handle
          ? {
              author: {
                externalId: `did:plc:${input.handle}`,
                handle: input.handle,
                followers: 100,
              },
            }
          : {}),
      });
      return { conversationId, externalId: mention.externalId };
    },
    async close() {
      await running.close();
      await database.close();
    },
  };
}
