import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeTwcsFile } from '../../bench/ingest/generate-twcs.ts';
import type { Store } from '../../src/store/connect.ts';
import { createSharedDatabase, runEarshot } from '../helpers/cli.ts';
import type { SharedDatabase } from '../helpers/cli.ts';
import { seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';
import { startServerProcess } from '../helpers/server-process.ts';

// PGlite lets one process open its data folder. With `earshot start` running, every command
// used to open the folder anyway: imports and new users "succeeded" and vanished, `channel pause`
// aborted. Now each stops with a message naming the server, and works once the server is gone.
// PGlite only: on PostgreSQL (DATABASE_URL) several processes share the database by design.

vi.setConfig({ testTimeout: 600_000 });

let database: SharedDatabase;
let inputs: string;
let seeded: SeededWorkspace;
let workspaceName: string;
let brandName: string;
const withStore = <T>(work: (store: Store) => Promise<T>) => database.withStore(work);

beforeAll(async () => {
  if (process.env.DATABASE_URL) return;
  database = await createSharedDatabase('folder');
  inputs = mkdtempSync(path.join(tmpdir(), 'earshot-folder-inputs-'));
  ({ seeded, workspaceName, brandName } = await withStore(async ({ db }) => {
    const workspace = await seedWorkspace(db, 'Folder');
    const names = await db
      .selectFrom('workspaces')
      .innerJoin('brands', 'brands.workspace_id', 'workspaces.id')
      .select(['workspaces.name as workspace', 'brands.name as brand'])
      .where('brands.id', '=', workspace.brandId)
      .executeTakeFirstOrThrow();
    return { seeded: workspace, workspaceName: names.workspace, brandName: names.brand };
  }));
}, 180_000);

afterAll(async () => {
  await database?.close();
  if (inputs) rmSync(inputs, { recursive: true, force: true });
});

/** What the commands below change, read with no process running. */
const snapshot = () =>
  withStore(async ({ db }) => ({
    mentions: (
      await db
        .selectFrom('mentions')
        .select(db.fn.countAll<string>().as('n'))
        .where('workspace_id', '=', seeded.workspaceId)
        .executeTakeFirstOrThrow()
    ).n,
    users: (await db.selectFrom('users').select('email').orderBy('email').execute()).map(
      (u) => u.email,
    ),
    workspaces: (await db.selectFrom('workspaces').select('name').orderBy('name').execute()).map(
      (w) => w.name,
    ),
    account: (
      await db
        .selectFrom('channel_accounts')
        .select('status')
        .where('id', '=', seeded.channelAccountId)
        .executeTakeFirstOrThrow()
    ).status,
  }));

describe('one writer per embedded data folder', () => {
  it('refuses every command while a server holds the folder, changes nothing, and works after', async () => {
    const file = path.join(inputs, 'tweets.csv');
    const generated = writeTwcsFile(file, { rows: 30, seed: 3 });
    const commands = {
      import: [
        'import',
        file,
        '--format',
        'twcs',
        '--brand',
        brandName,
        '--workspace',
        workspaceName,
      ],
      user: [
        'user',
        'create',
        '--email',
        'new-agent@example.test',
        '--password',
        'a-long-password-1',
      ],
      workspace: [
        'workspace',
        'create',
        '--name',
        'Second client',
        '--owner',
        seeded.users.owner.email,
      ],
      pause: ['channel', 'pause', seeded.channelAccountId, '--workspace', workspaceName],
      list: ['channel', 'list', '--workspace', workspaceName],
    };
    const before = await snapshot();

    const server = await startServerProcess(database.directory);
    try {
      for (const [name, args] of Object.entries(commands)) {
        const result = await runEarshot(database, args);
        expect(result.code, `${name}: ${result.stdout}${result.stderr}`).not.toBe(0);
        expect(result.stdout, name).toBe('');
        expect(result.stderr, name).toContain(
          `is in use by Earshot (pid ${server.pid}, "earshot start"`,
        );
        expect(result.stderr, name).toMatch(/changed nothing\. Stop that server .*kill \d+/);
      }
      // The server still holds its folder and still answers.
      expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(existsSync(path.join(database.directory, 'earshot.pid'))).toBe(false);
    expect(await snapshot()).toEqual(before);

    for (const [name, args] of Object.entries(commands)) {
      const result = await runEarshot(database, args);
      expect(result.code, `${name}: ${result.stderr}`).toBe(0);
    }
    const after = await snapshot();
    expect(Number(after.mentions)).toBe(Number(before.mentions) + generated.ids.length);
    expect(after.users).toContain('new-agent@example.test');
    expect(after.workspaces).toContain('Second client');
    expect(after.account).toBe('paused');
    expect(existsSync(path.join(database.directory, 'earshot.pid'))).toBe(false);
  });

  it('releases the folder when a command is interrupted (Ctrl-C)', async () => {
    const file = path.join(inputs, 'many.csv');
    writeTwcsFile(file, { rows: 20_000, seed: 5 });
    const lockFile = path.join(database.directory, 'earshot.pid');
    const child = spawn(
      process.execPath,
      ['bin/earshot.js', 'import', file, '--format', 'twcs', '--brand', brandName, '--no-triage'],
      {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, EARSHOT_DATA_DIR: database.directory, DATABASE_URL: '' },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await vi.waitFor(() => expect(readFileSync(lockFile, 'utf8')).toContain(`"pid":${child.pid}`), {
      timeout: 60_000,
      interval: 20,
    });
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('creates every file in a new data folder for its owner only', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-modes-'));
    try {
      const server = await startServerProcess(dataDir, {
        EARSHOT_ADMIN_EMAIL: 'owner@example.test',
        EARSHOT_ADMIN_PASSWORD: 'a-long-password-1',
      });
      try {
        await server.login('owner@example.test', 'a-long-password-1'); // a write: a session
        expect(groupOrOtherAccessible(dataDir)).toEqual([]);
      } finally {
        await server.stop();
      }
      expect(groupOrOtherAccessible(dataDir)).toEqual([]);
      expect(lstatSync(dataDir).mode & 0o777).toBe(0o700);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

function groupOrOtherAccessible(dataDir: string): string[] {
  return readdirSync(dataDir, { recursive: true })
    .map((name) => path.join(dataDir, String(name)))
    .filter((entry) => (lstatSync(entry).mode & 0o077) !== 0);
}
