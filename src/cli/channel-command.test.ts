import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedDatabase, runEarshot } from '../../test/helpers/cli.ts';
import type { SharedDatabase } from '../../test/helpers/cli.ts';
import { seedWorkspace } from '../../test/helpers/seed.ts';
import { insertRejectedRecords } from '../store/rejected-records.repository.ts';
import type { Store } from '../store/connect.ts';
import { CliError } from './environment.ts';
import { readCredentialsFile } from './channel-command.ts';

const secret = 'cli-secret-0123456789abcdef0123456789';
// Each run starts a Node process and opens the store: seconds each on a busy machine.
const slow = { timeout: 480_000 };

let directory: string;
let database: SharedDatabase;
let workspaceName: string;

const withSeedStore = <T>(work: (store: Store) => Promise<T>) => database.withStore(work);
const earshot = (...args: string[]) => runEarshot(database, args);

beforeAll(async () => {
  database = await createSharedDatabase('channel-cli');
  directory = database.directory;
  workspaceName = await withSeedStore(async (store) => {
    const seeded = await seedWorkspace(store.db, 'Acme');
    const row = await store.db
      .selectFrom('workspaces')
      .select('name')
      .where('id', '=', seeded.workspaceId)
      .executeTakeFirstOrThrow();
    return row.name;
  });
  writeFileSync(path.join(directory, 'webhook.json'), JSON.stringify({ name: 'Form', secret }));
  writeFileSync(path.join(directory, 'broken.json'), '{"name": "Form",');
  writeFileSync(path.join(directory, 'short.json'), JSON.stringify({ name: 'Form', secret: 'x' }));
}, 180_000);

afterAll(async () => {
  await database?.close();
});

describe('reading a credentials file', () => {
  it('names the file and the problem, never the content', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'earshot-credentials-'));
    try {
      const file = (name: string, text: string) => {
        writeFileSync(path.join(dir, name), text);
        return path.join(dir, name);
      };
      expect(readCredentialsFile(file('ok.json', '{"token":"t"}'))).toEqual({ token: 't' });
      const bad = file('bad.json', '{"token": "hunter2"');
      expect(() => readCredentialsFile(bad)).toThrow(CliError);
      expect(() => readCredentialsFile(bad)).toThrow(/bad\.json is not valid JSON/);
      expect(() => readCredentialsFile(file('list.json', '["hunter2"]'))).toThrow(
        /must hold a JSON object/,
      );
      expect(() => readCredentialsFile(path.join(dir, 'missing.json'))).toThrow(
        /cannot read --credentials .*missing\.json: ENOENT/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('earshot channel', slow, () => {
  it('explains each sub-command with --help', async () => {
    const help = await earshot('channel', '--help');
    expect(help.code).toBe(0);
    for (const command of ['list', 'connect', 'test', 'pause', 'resume', 'remove', 'rejected'])
      expect(help.stdout).toContain(command);
    const connect = await earshot('channel', 'connect', '--help');
    expect(connect.stdout).toMatch(/--credentials <file>/);
  });

  it('connects, lists, tests, pauses and removes an account without ever printing its secret', async () => {
    const workspace = ['--workspace', workspaceName];
    const connected = await earshot(
      'channel',
      'connect',
      ...workspace,
      '--brand',
      'Acme Brand',
      '--network',
      'webhook',
      '--name',
      'Contact form',
      '--credentials',
      path.join(directory, 'webhook.json'),
    );
    expect(connected.stderr).toBe('');
    expect(connected.code).toBe(0);
    const account = JSON.parse(connected.stdout) as { id: string; status: string };
    expect(account).toMatchObject({ network: 'webhook', name: 'Contact form', status: 'active' });

    const listed = await earshot('channel', 'list', ...workspace);
    const ids = listed.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toContain(account.id);

    const tested = await earshot('channel', 'test', account.id, ...workspace);
    expect(JSON.parse(tested.stdout)).toMatchObject({ ok: true, error: null });
    const paused = await earshot('channel', 'pause', account.id, ...workspace);
    expect(JSON.parse(paused.stdout)).toMatchObject({ status: 'paused' });
    const removed = await earshot('channel', 'remove', account.id, ...workspace);
    expect(JSON.parse(removed.stdout)).toEqual({ removed: account.id });
    const gone = await earshot('channel', 'pause', account.id, ...workspace);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`no channel account ${account.id} in this workspace`);

    for (const output of [connected, listed, tested, paused, removed])
      expect(output.stdout + output.stderr).not.toContain(secret);
    // With no EARSHOT_SECRET_KEY, the key was generated into the data folder.
    expect(readFileSync(path.join(directory, 'secret.key'), 'utf8').trim()).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it('lists rejected records a page at a time, with the reason and a preview', async () => {
    await withSeedStore(async (store) => {
      const { id } = await store.db
        .selectFrom('workspaces')
        .select('id')
        .where('name', '=', workspaceName)
        .executeTakeFirstOrThrow();
      await insertRejectedRecords(store.db, id, null, [
        { source: 'twcs:a.csv', line: 7, reason: 'line 7: 3 columns', payload: 'x'.repeat(500) },
        { source: 'twcs:a.csv', line: 8, reason: 'line 8: no date', payload: '{"line":8}' },
      ]);
    });
    const first = await earshot(
      'channel',
      'rejected',
      '--workspace',
      workspaceName,
      '--limit',
      '1',
      '--preview',
      '10',
    );
    expect(first.code).toBe(0);
    const [record] = first.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(record).toMatchObject({ source: 'twcs:a.csv', preview: expect.any(String) });
    const next = /more: --after (\S+)/.exec(first.stderr)?.[1];
    expect(next).toBeDefined();
    const second = await earshot(
      'channel',
      'rejected',
      '--workspace',
      workspaceName,
      '--after',
      next!,
    );
    const rest = second.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const all = [record, ...rest];
    expect(all.map((r: { line: number }) => r.line).sort()).toEqual([7, 8]);
    const long = all.find((r: { line: number }) => r.line === 7);
    expect(long.preview === 'x'.repeat(10) || long.preview === 'x'.repeat(200)).toBe(true);
    expect(long.payloadLength).toBe(500);
    const bad = await earshot('channel', 'rejected', '--workspace', workspaceName, '--limit', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--limit must be a whole number/);
  });

  it('refuses bad input with one clear line: file, JSON, fields, network', async () => {
    const connect = (network: string, file: string) =>
      earshot(
        'channel',
        'connect',
        '--workspace',
        workspaceName,
        '--brand',
        'Acme Brand',
        '--network',
        network,
        '--name',
        'Form',
        '--credentials',
        path.join(directory, file),
      );
    const missing = await connect('webhook', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read --credentials .*nope\.json: ENOENT/);
    const broken = await connect('webhook', 'broken.json');
    expect(broken.stderr).toMatch(/broken\.json is not valid JSON/);
    const short = await connect('webhook', 'short.json');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/invalid webhook credentials: secret: /);
    const network = await connect('myspace', 'webhook.json');
    expect(network.stderr).toMatch(/--network must be one of bluesky, .*not "myspace"/);
  });
});
