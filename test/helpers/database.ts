import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { templateNames } from './template-names.ts';
import { openStore } from '../../src/store/connect.ts';
import type { Store } from '../../src/store/connect.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

// Named per test run (the global setup provides the run's id), so two suites running at once on
// one machine or one PostgreSQL server never share — or drop — each other's template. Vitest is
// imported only when asked: scripts outside it (npm run screenshots) use these helpers too.
async function runTemplates() {
  const { inject } = await import('vitest');
  return templateNames(inject('earshotTestRun'));
}

/** The run's migrated PGlite template, to open a data folder from. */
export async function templateDump(): Promise<Blob> {
  return new Blob([readFileSync((await runTemplates()).templateDumpPath)]);
}

/** The store the suite runs on: PostgreSQL when DATABASE_URL is set, otherwise PGlite. */
export const testStoreKind: 'postgres' | 'pglite' = process.env.DATABASE_URL
  ? 'postgres'
  : 'pglite';

export interface TestDatabase {
  store: Store;
  /** A postgres:// URL other processes can use (PostgreSQL only). */
  url: string | undefined;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a copy of the template made by
 * test/global-setup.ts, dropped again by close().
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!process.env.VITEST && !databaseUrl) {
    // Outside a test run there is no template: migrate a fresh in-memory database.
    const store = await openStore({});
    await migrateToLatest(store.db);
    return { store, url: undefined, close: () => store.close() };
  }
  if (!databaseUrl) {
    const store = await openStore({ loadDataDir: await templateDump() });
    return { store, url: undefined, close: () => store.close() };
  }
  const name = `earshot_test_${randomBytes(6).toString('hex')}`;
  const { templateDatabaseName } = await runTemplates();
  await adminQuery(databaseUrl, `create database ${name} template ${templateDatabaseName}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    store,
    url: url.toString(),
    async close() {
      await store.close();
      await adminQuery(databaseUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(databaseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Two files cloning the template at once make PostgreSQL refuse one ("being accessed by
    // other users"); retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(statement);
        return;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('being accessed')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
      }
    }
  } finally {
    await client.end();
  }
}
