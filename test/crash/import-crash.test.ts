import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeTwcsFile } from '../../bench/ingest/generate-twcs.ts';
import type { GeneratedTwcs } from '../../bench/ingest/generate-twcs.ts';
import type { Store } from '../../src/store/connect.ts';
import { testStoreKind } from '../helpers/database.ts';
import { createSharedDatabase } from '../helpers/cli.ts';
import type { SharedDatabase } from '../helpers/cli.ts';
import { seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// At-least-once intake with idempotent storage: a real child process imports a large file and
// is killed with SIGKILL at random moments, then restarted, until one run completes. Every valid
// row must then be stored exactly once, every broken row kept once, and no batch half-applied.
// On PGlite each restart also runs the database's crash recovery on the killed data folder.

const rows = 20_000;
const kills = 4;

let directory: string;
let file: string;
let generated: GeneratedTwcs;
let database: SharedDatabase;
let seeded: SeededWorkspace;

const withStore = <T>(work: (store: Store) => Promise<T>) => database.withStore(work);

beforeAll(async () => {
  database = await createSharedDatabase('crash');
  directory = database.directory;
  file = path.join(directory, 'tweets.csv');
  generated = writeTwcsFile(file, { rows, seed: 7, rejectEvery: 997 });
  seeded = await withStore((store) => seedWorkspace(store.db, 'Crash'));
}, 120_000);

afterAll(async () => {
  await database?.close();
});

interface Run {
  /** Records the child reported stored before it ended. */
  stored: number;
  killed: boolean;
  stdout: string;
}

/** Starts the importer; kills it `killAfterMs` after its first stored batch, if given. */
function runImporter(killAfterMs: number | undefined): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['test/crash/child-import.ts', file, seeded.workspaceId, seeded.brandId],
    {
      env: {
        ...process.env,
        DATABASE_URL: database.url ?? '',
        EARSHOT_DATA_DIR: directory,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  let stored = 0;
  let timer: NodeJS.Timeout | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const counts = [...stdout.matchAll(/^stored (\d+)$/gm)];
    stored = Number(counts.at(-1)?.[1] ?? 0);
    if (stored > 0 && killAfterMs !== undefined && !timer)
      timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ stored, killed: true, stdout });
      else if (code === 0) resolve({ stored, killed: false, stdout });
      else reject(new Error(`importer exited with ${code}: ${stderr}`));
    });
  });
}

it(`stores each of ${rows} rows exactly once across ${kills} SIGKILLs and restarts (${testStoreKind})`, async () => {
  const runs: Run[] = [];
  for (let i = 0; i < kills; i++) {
    const run = await runImporter(Math.floor(Math.random() * 1500));
    runs.push(run);
    if (!run.killed) break; // finished before the kill landed
  }
  const killedMidway = runs.filter((run) => run.killed && run.stored > 0);
  expect(killedMidway.length).toBeGreaterThan(0);

  const last = runs.at(-1)!.killed ? await runImporter(undefined) : runs.at(-1)!;
  const summary = JSON.parse(last.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
  // The last run stored what the killed runs had not, and skipped what they had.
  expect(summary.duplicates! + summary.mentions! + summary.replies!).toBe(generated.ids.length);
  expect(summary.rejected).toBe(generated.rejectedLines.length);

  await withStore(async ({ db }) => {
    const mentions = await db
      .selectFrom('mentions')
      .select(['external_id', 'from_brand'])
      .where('workspace_id', '=', seeded.workspaceId)
      .execute();
    expect(mentions).toHaveLength(generated.ids.length);
    expect(mentions.map((m) => m.external_id).sort()).toEqual([...generated.ids].sort());
    expect(mentions.filter((m) => m.from_brand)).toHaveLength(generated.brandRows);

    const rejected = await db
      .selectFrom('rejected_records')
      .select('line')
      .where('workspace_id', '=', seeded.workspaceId)
      .execute();
    expect(rejected.map((r) => r.line).sort((a, b) => a! - b!)).toEqual(generated.rejectedLines);

    // No half-applied batch: conversations count exactly the mentions they hold, and each
    // conversation was announced once.
    const conversations = await db
      .selectFrom('conversations')
      .select((eb) => [
        eb.fn.countAll<string>().as('n'),
        eb.fn.sum<string>('mention_count').as('held'),
      ])
      .where('workspace_id', '=', seeded.workspaceId)
      .executeTakeFirstOrThrow();
    expect(Number(conversations.held)).toBe(generated.ids.length);
    const created = await db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', seeded.workspaceId)
      .where('type', '=', 'conversation.created')
      .executeTakeFirstOrThrow();
    expect(Number(created.n)).toBe(Number(conversations.n));
    const orphans = await db
      .selectFrom('mentions')
      .leftJoin('conversations', 'conversations.id', 'mentions.conversation_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('mentions.workspace_id', '=', seeded.workspaceId)
      .where('conversations.id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(orphans.n)).toBe(0);
  });
}, 300_000);
