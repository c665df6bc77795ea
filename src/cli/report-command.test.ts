import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedDatabase, runEarshot } from '../../test/helpers/cli.ts';
import type { SharedDatabase } from '../../test/helpers/cli.ts';
import { seedWorkspace } from '../../test/helpers/seed.ts';
import type { Store } from '../store/connect.ts';
import { findReportOverview } from '../store/reporting/reports/reports-overview.ts';

const root = path.resolve(import.meta.dirname, '../..');
const samplePath = path.join(root, 'src/channels/import/fixtures/twcs-sample.csv');
const rows: Array<{ inbound: string }> = parse(readFileSync(samplePath), { columns: true });
const range = ['--from', '2017-01-01', '--to', '2018-01-01'];

let database: SharedDatabase;
let workspaceId: string;
let brandId: string;
let workspaceName: string;
const slow = { timeout: 180_000 };

const withStore = <T>(work: (store: Store) => Promise<T>) => database.withStore(work);
const earshot = (...args: string[]) => runEarshot(database, args);

beforeAll(async () => {
  database = await createSharedDatabase('report-cli');
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
  });
  const imported = await earshot(
    'import',
    '--format',
    'twcs',
    samplePath,
    '--brand',
    'Reporting Brand',
    '--workspace',
    workspaceName,
    // Untriaged, every customer tweet asks for an answer: a count the test can make itself.
    '--no-triage',
  );
  expect(imported.code, imported.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  await database?.close();
});

describe('earshot report', slow, () => {
  it('prints the same measures as JSON that the store computes', async () => {
    const printed = await earshot('report', '--json', ...range, '--brand', 'Reporting Brand');
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    const report = JSON.parse(printed.stdout) as Awaited<ReturnType<typeof findReportOverview>>;
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
