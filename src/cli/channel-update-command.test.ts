import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedDatabase, runEarshot } from '../../test/helpers/cli.ts';
import type { SharedDatabase } from '../../test/helpers/cli.ts';
import { startFakePlatform } from '../../test/helpers/fake-platform.ts';
import type { FakePlatform } from '../../test/helpers/fake-platform.ts';
import { seedWorkspace } from '../../test/helpers/seed.ts';

// Each run starts a Node process and opens the store: seconds each on a busy machine.
const slow = { timeout: 480_000 };
const verified = JSON.parse(
  readFileSync(
    new URL('../channels/mastodon/fixtures/account-verify-credentials.json', import.meta.url),
    'utf8',
  ),
) as { id: string; acct: string };

let database: SharedDatabase;
let platform: FakePlatform;
let workspaceName: string;
/** Whether the instance answers polls, or fails them with 503. */
let polls: 'ok' | 'fail' = 'ok';

const earshot = (...args: string[]) =>
  runEarshot(database, args, { EARSHOT_ALLOW_PRIVATE_EGRESS: 'true' });
const file = (name: string, credentials: unknown) => {
  const where = path.join(database.directory, name);
  writeFileSync(where, JSON.stringify(credentials));
  return where;
};
const mastodon = (accessToken: string) => ({
  instanceUrl: platform.url,
  accessToken,
  streaming: false,
});

beforeAll(async () => {
  database = await createSharedDatabase('channel-update-cli');
  platform = await startFakePlatform();
  platform.route('GET', '/api/v1/accounts/verify_credentials', (request) =>
    request.headers.authorization === 'Bearer token-revoked'
      ? { status: 401, json: { error: 'The access token is invalid' } }
      : { json: verified },
  );
  platform.route('GET', '/api/v1/notifications', () =>
    polls === 'ok' ? { json: [] } : { status: 503, json: { error: 'Service Unavailable' } },
  );
  workspaceName = await database.withStore(async (store) => {
    const seeded = await seedWorkspace(store.db, 'Acme');
    const row = await store.db
      .selectFrom('workspaces')
      .select('name')
      .where('id', '=', seeded.workspaceId)
      .executeTakeFirstOrThrow();
    return row.name;
  });
}, 180_000);

afterAll(async () => {
  await platform?.close();
  await database?.close();
});

describe('earshot channel update and test', slow, () => {
  it('names every credential field, self-hosted servers included, in --help', async () => {
    const help = await earshot('channel', '--help');
    expect(help.stdout).toMatch(/update/);
    expect(help.stdout).toMatch(
      /self-hosted servers included .*\n.*earshot channel connect --help/,
    );
    const connect = await earshot('channel', 'connect', '--help');
    for (const field of ['firehoseUrl', 'plcUrl', 'service', 'instanceUrl', 'userId'])
      expect(connect.stdout).toContain(field);
    expect(connect.stdout).toMatch(/Self-hosted/);
  });

  it('edits an account in place, refusing credentials the network refuses without changing anything', async () => {
    const workspace = ['--workspace', workspaceName];
    const connected = await earshot(
      'channel',
      'connect',
      ...workspace,
      '--brand',
      'Acme Brand',
      '--network',
      'mastodon',
      '--name',
      'Acme on Mastodon',
      '--credentials',
      file('first.json', mastodon('token-1')),
    );
    expect(connected.stderr).toBe('');
    const { id } = JSON.parse(connected.stdout) as { id: string };

    const refused = await earshot(
      'channel',
      'update',
      id,
      ...workspace,
      '--name',
      'Renamed',
      '--credentials',
      file('revoked.json', mastodon('token-revoked')),
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/mastodon refused the credentials/);
    expect(refused.stderr).not.toContain('token-revoked');

    const nothing = await earshot('channel', 'update', id, ...workspace);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/give --name, --credentials, or both/);

    const updated = await earshot(
      'channel',
      'update',
      id,
      ...workspace,
      '--name',
      'Acme support',
      '--credentials',
      file('second.json', mastodon('token-2')),
    );
    expect(updated.stderr).toBe('');
    expect(JSON.parse(updated.stdout)).toMatchObject({
      id,
      name: 'Acme support',
      status: 'active',
    });
    expect(updated.stdout).not.toContain('token-2');

    // `channel test` opens the listening connection: a poll answered is ok, a failing one is not.
    const tested = await earshot('channel', 'test', id, ...workspace);
    expect(tested.code).toBe(0);
    expect(JSON.parse(tested.stdout)).toMatchObject({ ok: true, listening: { ok: true } });
    const auth = platform.requestsTo('GET', '/api/v1/notifications').at(-1)?.headers.authorization;
    expect(auth).toBe('Bearer token-2');
    polls = 'fail';
    const failing = await earshot('channel', 'test', id, ...workspace);
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stdout)).toMatchObject({
      ok: false,
      error: null,
      listening: { ok: false, error: expect.stringMatching(/Service Unavailable/) },
    });
  });
});
