import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStore } from '../src/store/connect.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { findChromium } from './browser/chromium.ts';
import { templateNames } from './helpers/template-names.ts';

async function adminQuery(databaseUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

// Migrate once, then let every test file start from a copy: a PGlite data-folder dump, or a
// PostgreSQL template database (as graphile-worker's tests do). Both are this run's own.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Unpack the npm Chromium once, before the browser test files start (when no other is found);
  // a browser test that still finds none fails with the reason.
  try {
    findChromium();
  } catch {
    // reported by the browser tests themselves
  }
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  project.provide('earshotTestRun', runId);
  const { templateDatabaseName, templateDumpPath } = templateNames(runId);
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    await adminQuery(databaseUrl, `create database ${templateDatabaseName}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${templateDatabaseName}`;
    const store = await openStore({ databaseUrl: url.toString() });
    await migrateToLatest(store.db);
    await store.close();
    return () =>
      adminQuery(databaseUrl, `drop database if exists ${templateDatabaseName} with (force)`);
  }
  const store = await openStore({});
  await migrateToLatest(store.db);
  const dump = await store.dumpDataDir!();
  mkdirSync(path.dirname(templateDumpPath), { recursive: true });
  // Written aside and renamed, so no test file ever reads half a file.
  const partial = `${templateDumpPath}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, templateDumpPath);
  await store.close();
  return async () => rmSync(templateDumpPath, { force: true });
}
