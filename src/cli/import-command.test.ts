import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedDatabase, runEarshot } from '../../test/helpers/cli.ts';
import type { SharedDatabase } from '../../test/helpers/cli.ts';
import { seedWorkspace } from '../../test/helpers/seed.ts';
import type { Store } from '../store/connect.ts';
import { importFormats } from '../pipeline/intake/import-file.ts';
import { importFormatNames, renderProgress } from './import-command.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const samplePath = path.join(root, 'src/channels/import/fixtures/twcs-sample.csv');
const rows: Array<{ tweet_id: string; inbound: string; in_response_to_tweet_id: string }> = parse(
  readFileSync(samplePath),
  { columns: true },
);

let directory: string;
let database: SharedDatabase;
let workspaceName: string;
let workspaceId: string;
// Each run starts a Node process and opens the store: seconds each on a busy machine.
const slow = { timeout: 180_000 };

const withSeedStore = <T>(work: (store: Store) => Promise<T>) => database.withStore(work);
const earshot = (...args: string[]) => runEarshot(database, args);

beforeAll(async () => {
  database = await createSharedDatabase('import-cli');
  directory = database.directory;
  await withSeedStore(async (store) => {
    // Two workspaces with a brand of the same name: the CLI must ask which one.
    const first = await seedWorkspace(store.db, 'Acme');
    await seedWorkspace(store.db, 'Acme');
    workspaceId = first.workspaceId;
    workspaceName = (await store.db
      .selectFrom('workspaces')
      .select('name')
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow())!.name;
  });
}, 180_000);

afterAll(async () => {
  await database?.close();
});

describe('earshot import', slow, () => {
  it('imports the sample and prints a summary that matches the CSV; a re-run stores nothing', async () => {
    const args = ['import', '--format', 'twcs', samplePath, '--brand', 'Acme Brand'];
    const first = await earshot(...args, '--workspace', workspaceName);
    expect(first.stderr).toBe(''); // not a terminal: no progress bar
    expect(first.code).toBe(0);
    const byId = new Map(rows.map((row) => [row.tweet_id, row]));
    const rootOf = (id: string): string => {
      const parent = byId.get(id)?.in_response_to_tweet_id;
      if (!parent) return id;
      return byId.has(parent) ? rootOf(parent) : parent;
    };
    expect(JSON.parse(first.stdout)).toEqual({
      mentions: rows.filter((row) => row.inbound === 'True').length,
      replies: rows.filter((row) => row.inbound === 'False').length,
      conversations: new Set(rows.map((row) => rootOf(row.tweet_id))).size,
      rejected: 0,
      duplicates: 0,
    });

    const again = await earshot(...args, '--workspace', workspaceName);
    expect(JSON.parse(again.stdout)).toEqual({
      mentions: 0,
      replies: 0,
      conversations: 0,
      rejected: 0,
      duplicates: rows.length,
    });
    const stored = await withSeedStore((store) =>
      store.db
        .selectFrom('mentions')
        .select(['external_id', 'from_brand', 'triage', 'language'])
        .where('workspace_id', '=', workspaceId)
        .execute(),
    );
    expect(stored.map((row) => row.external_id).sort()).toEqual([...byId.keys()].sort());
    // Triaged on the way in, like mentions heard live: labels and a detected language.
    for (const row of stored) {
      expect(row.triage, row.external_id).toMatchObject({ sentiment: expect.any(String) });
      expect(row.language, row.external_id).toEqual(expect.any(String));
    }
  });

  it('draws a progress bar on stderr when it is a terminal, the summary still alone on stdout', async () => {
    // util-linux `script` gives the command a terminal; stdout goes to a file.
    const summaryFile = path.join(directory, 'summary.json');
    const quoted = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
    const command = [
      process.execPath,
      'bin/earshot.js',
      'import',
      '--format',
      'twcs',
      samplePath,
      '--brand',
      'Acme Brand',
      '--workspace',
      workspaceName,
    ]
      .map(quoted)
      .join(' ');
    const { stdout: terminal } = await run(
      'script',
      ['-qec', `${command} > ${quoted(summaryFile)}`, '/dev/null'],
      {
        cwd: root,
        env: {
          ...process.env,
          EARSHOT_DATA_DIR: directory,
          DATABASE_URL: database.url ?? '',
        },
      },
    );
    expect(terminal).toMatch(/pass \d \[[#-]+\] +\d+%/);
    expect(Object.keys(JSON.parse(readFileSync(summaryFile, 'utf8')))).toEqual([
      'mentions',
      'conversations',
      'replies',
      'rejected',
      'duplicates',
    ]);
  });

  it('asks for --workspace when several workspaces have the brand', async () => {
    const result = await earshot('import', '--format', 'twcs', samplePath, '--brand', 'Acme Brand');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/several workspaces .*--workspace/);
    expect(result.stdout).toBe('');
  });

  it('names what it cannot find: brand, workspace, format, file', async () => {
    const base = ['import', samplePath];
    const noBrand = await earshot(...base, '--format', 'twcs', '--brand', 'Nobody');
    expect(noBrand.stderr).toContain('no brand named "Nobody"');
    expect(noBrand.stderr).toContain("earshot brand create --name 'Nobody'");
    const noWorkspace = await earshot(
      ...base,
      '--format',
      'twcs',
      '--brand',
      'Acme Brand',
      '--workspace',
      'Elsewhere',
    );
    expect(noWorkspace.stderr).toContain('no workspace named "Elsewhere"');
    const badFormat = await earshot(...base, '--format', 'xlsx', '--brand', 'Acme Brand');
    expect(badFormat.stderr).toContain('unknown --format "xlsx"');
    expect(badFormat.stderr).toContain('twcs');
    const missing = path.join(directory, 'missing.csv');
    const noFile = await earshot('import', missing, '--format', 'twcs', '--brand', 'Acme Brand');
    expect(noFile.stderr).toContain(`${missing}: no such file`);
    for (const result of [noBrand, noWorkspace, badFormat, noFile]) {
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/\n\s+at /); // one line, no stack trace
    }
  });

  it('refuses a file that is not twcs, naming the file and the line', async () => {
    const file = path.join(directory, 'other.csv');
    writeFileSync(file, 'id,text\n1,hello\n');
    const result = await earshot(
      'import',
      file,
      '--format',
      'twcs',
      '--brand',
      'Acme Brand',
      '--workspace',
      workspaceName,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('line 1');
  });
});

it('lists in --help exactly the formats the pipeline reads', () => {
  expect([...importFormatNames]).toEqual(Object.keys(importFormats));
});

describe('renderProgress', () => {
  it('draws the share of the file read and the records stored', () => {
    const line = renderProgress({ pass: 2, bytesRead: 50, fileBytes: 200, records: 12345 }, 8);
    expect(line).toBe('pass 2 [##------]  25%  12,345 records');
  });

  it('never overflows when the file grew while being read', () => {
    const line = renderProgress({ pass: 1, bytesRead: 300, fileBytes: 200, records: 0 }, 4);
    expect(line).toBe('pass 1 [####] 100%  0 records');
  });
});
