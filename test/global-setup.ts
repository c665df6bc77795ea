import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openStore } from '../src/store/connect.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { templateDatabaseName, templateDumpPath } from './helpers/database.ts';

// Migrate once, then let every test file start from a copy: a PGlite data-folder dump, or a
// PostgreSQL template database (as graphile-worker's tests do).
export default async function setup(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${templateDatabaseName} with (force)`);
    await admin.query(`create database ${templateDatabaseName}`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.pathname = `/${templateDatabaseName}`;
    const store = await openStore({ databaseUrl: url.toString() });
    await migrateToLatest(store.db);
    await store.close();
    return;
  }
  const store = await openStore({});
  await migrateToLatest(store.db);
  const dump = await store.dumpDataDir!();
  mkdirSync(path.dirname(templateDumpPath), { recursive: true });
  // Written aside and renamed, so a suite starting at the same moment never reads half a file.
  const partial = `${templateDumpPath}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, templateDumpPath);
  await store.close();
}
