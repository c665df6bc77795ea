import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openStore } from '../../src/store/connect.ts';
import type { Store } from '../../src/store/connect.ts';
import { createTestDatabase, templateDump } from './database.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/**
 * A database that a test and the processes it starts (the `earshot` command, crash children)
 * take turns on: a PGlite data folder, which one process at a time may open, so the test opens
 * it only while no child runs; or, on PostgreSQL, a test database they share.
 */
export interface SharedDatabase {
  /** The data folder children get as EARSHOT_DATA_DIR (also holds the test's own files). */
  directory: string;
  /** The postgres:// URL children get as DATABASE_URL (PostgreSQL runs only). */
  url: string | undefined;
  withStore<T>(work: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function createSharedDatabase(name: string): Promise<SharedDatabase> {
  const directory = mkdtempSync(path.join(tmpdir(), `earshot-${name}-`));
  const server = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  const dataDir = path.join(directory, 'pglite');
  return {
    directory,
    url: server?.url,
    async withStore(work) {
      if (server) return work(server.store);
      // A new folder starts from the run's migrated template, as createTestDatabase's copies do.
      const template = existsSync(dataDir) ? undefined : await templateDump();
      const store = await openStore({ dataDir, loadDataDir: template });
      try {
        return await work(store);
      } finally {
        await store.close();
      }
    },
    async close() {
      await server?.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `earshot` command on the shared database; a failing exit is a result. */
export async function runEarshot(
  database: Pick<SharedDatabase, 'directory' | 'url'>,
  args: string[],
  env: Record<string, string> = {},
): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/earshot.js', ...args], {
      cwd: root,
      env: {
        ...process.env,
        EARSHOT_DATA_DIR: database.directory,
        DATABASE_URL: database.url ?? '',
        LOG_LEVEL: 'silent',
        ...env,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CommandResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
