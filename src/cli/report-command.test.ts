import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, templateDumpPath } from '../../test/helpers/database.ts';
import type { TestDatabase } from '../../test/helpers/database.ts';
import { seedWorkspace } from '../../test/helpers/seed.ts';
import { openStore } from '../store/connect.ts';
import type { Store } from '../store/connect.ts';
import { findReportOverview } from '../store/reports-overview.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const samplePath = path.join(root, 'src/channels/import/fixtures/twcs-sample.csv');
const rows: Array<{ inbound: string }> = parse(readFileSync(samplePath), { columns: true });
const range = ['--from', '2017-01-01', '--to', '2018-01-01'];

let directory: string;
let serverDatabase: TestDatabase | undefined;
let workspaceId: string;
let brandId: string;
let workspaceName: string;
const slow = { timeout: 180_000 };

// PGlite is single-process: the test opens the folder only while no CLI runs.
async function withStore<T>(work: (store: Store) => Promise<T>, fromTemplate = false): Promise<T> {
  if (serverDatabase) return work(serverDatabase.store);
  const store = await openStore({
    dataDir: path.join(directory, 'pglite'),
    ...(fromTemplate ? { loadDataDir: new Blob([readFileSync(templateDumpPath)]) } : {}),
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function earshot(...args: string[]) {
  const env = {
    ...process.env,
    EARSHOT_DATA_DIR: directory,
    DATABASE_URL: serverDatabase?.url ?? '',
    LOG_LEVEL: 'silent',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/earshot.js', ...args], {
      cwd: root,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'earshot-report-cli-'));
  if (process.env.DATABASE_URL) serverDatabase = await createTestDatabase();
  await withStore(async (store) => {
    const seeded = await seedWorkspace(store.db, 'Reporting');
    workspaceId = seeded.workspaceId;
    brandId = seeded.brandId;
    const row = await store.db
      .selectFrom('workspaces')
      .select('name')
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    workspaceName = row.name;
    await seedWorkspace(store.db, 'Second');
  }, true);
  const imported = await earshot(
    'import',
    '--format',
    'twcs',
    samplePath,
    '--brand',
    'Reporting Brand',
    '--workspace',
    workspaceName,
  );
  expect(imported.code, imported.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  await serverDatabase?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('earshot report', slow, () => {
  it('prints the same measures as JSON that the store computes', async () => {
    const printed = await earshot('report', '--json', ...range, '--brand', 'Reporting Brand');
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    const report = JSON.parse(printed.stdout) as Awaited<ReturnType<typeof findReportOverview>>;
    // Nothing was triaged, so every customer tweet asked for an answer.
    expect(report.responses.needingReply).toBe(rows.filter((r) => r.inbound === 'True').length);
    expect(report.responses.firstResponse.count).toBeGreaterThan(0);
    expect(report.heatMap).toHaveLength(168);
    const expected = await withStore((store) =>
      findReportOverview(store.db, {
        workspaceId,
        from: new Date('2017-01-01'),
        to: new Date('2018-01-01'),
        timeZone: 'UTC',
        brandId,
      }),
    );
    expect(JSON.parse(JSON.stringify(expected))).toEqual(report);
  });

  it('prints a short summary without --json', async () => {
    const printed = await earshot('report', ...range, '--workspace', workspaceName);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^first response: median \d+\.\d min, p90 /m);
    expect(printed.stdout).toMatch(/^response rate: \d+\.\d % \(\d+ of \d+\)$/m);
  });

  it('says what to fix when the options are wrong', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--brand', 'Nobody'], /no brand named "Nobody" in any workspace/],
      [[], /several workspaces match/],
      [['--workspace', workspaceName, '--from', 'soon'], /--from\/--to: .*ISO 8601/],
      [['--workspace', workspaceName, '--time-zone', 'Mars/Olympus'], /unknown time zone/],
    ];
    for (const [args, message] of cases) {
      const printed = await earshot('report', '--json', ...args);
      expect(printed.code, args.join(' ')).not.toBe(0);
      expect(printed.stderr, args.join(' ')).toMatch(message);
      expect(printed.stdout).toBe('');
    }
  });
});
