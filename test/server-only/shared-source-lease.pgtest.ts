import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { RichText } from '@atproto/api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createChannelRegistry } from '../../src/pipeline/intake/channel-registry.ts';
import { connectFromFirehoseStart } from '../helpers/bluesky-connect.ts';
import { startLocalBlueskyNetwork } from '../helpers/bluesky-network.ts';
import type { LocalBlueskyAccount, LocalBlueskyNetwork } from '../helpers/bluesky-network.ts';
import { createTestDatabase } from '../helpers/database.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { localEgress } from '../helpers/egress.ts';
import { seedWorkspace } from '../helpers/seed.ts';

// Two Earshot processes on one PostgreSQL and one relay (a real local PDS firehose): exactly one
// consumes it; killed with SIGKILL mid-stream, the other takes over within 15 s from the stored
// cursor, and every post is stored once: none lost, none doubled.
let network: LocalBlueskyNetwork;
let database: TestDatabase;
let brand: LocalBlueskyAccount;
let customer: LocalBlueskyAccount;
const secretKey = randomBytes(32);
const children: ChildProcess[] = [];

interface RunnerProcess {
  child: ChildProcess;
  /** The shared sources it said it consumes, last report. */
  consuming(): string[];
}

function startRunner(): RunnerProcess {
  const child = spawn(
    process.execPath,
    ['test/server-only/child-runner.ts', database.url!, secretKey.toString('hex')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  let last: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    last = JSON.parse(line) as string[];
  });
  return { child, consuming: () => last };
}

beforeAll(async () => {
  [network, database] = await Promise.all([
    startLocalBlueskyNetwork({ sequencerMaxBackoffMs: 50 }),
    createTestDatabase(),
  ]);
  [brand, customer] = await Promise.all([
    network.createAccount('leaseco'),
    network.createAccount('lena'),
  ]);
}, 180_000);
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await network?.close();
  await database?.close();
});

it('one process consumes a relay; when it dies another resumes from the stored cursor', async () => {
  const db = database.store.db;
  const seeded = await seedWorkspace(db, 'Lease');
  // From the start of the firehose: nothing posted below can slip past the first consumer.
  await connectFromFirehoseStart(
    db,
    { registry: createChannelRegistry({ egress: localEgress }), secretKey },
    network,
    { workspaceId: seeded.workspaceId, brandId: seeded.brandId, name: 'Lease Co' },
    brand,
  );
  const key = `bluesky:${network.firehoseUrl}`;

  const first = startRunner();
  await expect.poll(() => first.consuming(), { timeout: 30_000 }).toEqual([key]);
  const second = startRunner();
  // The second waits: it tries the lease every second and never gets it while the first lives.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(second.consuming()).toEqual([]);
  expect(first.consuming()).toEqual([key]);
  // The PDS has one subscriber.
  expect(network.network.pds.ctx.sequencer.listenerCount('events')).toBe(1);

  const mention = async (n: number) => {
    const rich = new RichText({ text: `@${brand.handle} question ${n}` });
    await rich.detectFacets(customer.agent);
    return (await customer.agent.post({ text: rich.text, facets: rich.facets })).uri;
  };
  const storedUris = async () =>
    (
      await db
        .selectFrom('mentions')
        .select('external_id')
        .where('workspace_id', '=', seeded.workspaceId)
        .execute()
    ).map((row) => row.external_id);

  const before: string[] = [];
  for (let n = 0; n < 5; n += 1) before.push(await mention(n));
  await expect
    .poll(async () => (await storedUris()).sort(), { timeout: 20_000 })
    .toEqual([...before].sort());
  const storedCursor = await db
    .selectFrom('shared_source_cursors')
    .select('cursor')
    .where('source_key', '=', key)
    .executeTakeFirstOrThrow();
  expect(Number(storedCursor.cursor)).toBeGreaterThan(0);

  // The first dies mid-stream: posts keep coming while nobody consumes.
  const during: string[] = [];
  const posting = (async () => {
    for (let n = 5; n < 15; n += 1) {
      during.push(await mention(n));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 300));
  first.child.kill('SIGKILL');
  const killedAt = Date.now();
  await expect.poll(() => second.consuming(), { timeout: 15_000, interval: 100 }).toEqual([key]);
  expect(Date.now() - killedAt).toBeLessThan(15_000);
  await posting;

  const all = [...before, ...during];
  await expect
    .poll(async () => (await storedUris()).sort(), { timeout: 20_000 })
    .toEqual([...all].sort());
  // Nothing doubled: each post is one mention, and the cursor moved on past them all.
  const uris = await storedUris();
  expect(new Set(uris).size).toBe(uris.length);
  expect(uris).toHaveLength(15);
  const cursorAfter = await db
    .selectFrom('shared_source_cursors')
    .select('cursor')
    .where('source_key', '=', key)
    .executeTakeFirstOrThrow();
  expect(Number(cursorAfter.cursor)).toBeGreaterThan(Number(storedCursor.cursor));
  second.child.kill('SIGTERM');
}, 240_000);
