import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  connectChannel,
  createChannelRegistry,
} from '../../src/pipeline/intake/channel-registry.ts';
import { createTestDatabase } from '../helpers/database.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';
import type { TcpProxy } from '../helpers/tcp-proxy.ts';
import { localEgress } from '../helpers/egress.ts';

// A real `earshot start` whose database connections die under it — a network cut through a
// proxy, then every backend terminated — stays up, says it is not ready while the database is
// gone, and resumes every worker once it is back: realtime, outbox, channel runner.

const root = path.resolve(import.meta.dirname, '../..');
const appName = `earshot-blip-${process.pid}`;
let database: TestDatabase;
let proxy: TcpProxy;
let child: ChildProcess;
let baseUrl: string;
let seeded: SeededWorkspace;
let webhookAccount: { id: string; conversationId: string };
let replayAccountId: string;
let dataDir: string;
let stderr = '';
/** The child's stdout: its banner, then its JSON logs. */
let output = '';
const received = new Map<string, number>();

const receiver = createServer((request, response) => {
  const key = String(request.headers['idempotency-key']);
  received.set(key, (received.get(key) ?? 0) + 1);
  request.resume().on('end', () => response.writeHead(200).end(JSON.stringify({ id: key })));
});

async function startChild(url: string, secretKey: string): Promise<void> {
  child = spawn(process.execPath, ['bin/earshot.js', 'start', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: url,
      EARSHOT_DATA_DIR: dataDir,
      EARSHOT_SECRET_KEY: secretKey,
      EARSHOT_DEMO: 'false',
      EARSHOT_ALLOW_PRIVATE_EGRESS: 'true',
      LOG_LEVEL: 'warn',
    },
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  baseUrl = await new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /running at http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => reject(new Error(`earshot exited with ${code}: ${stderr}`)));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database.store;
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  seeded = await seedWorkspace(db);
  const secretKey = randomBytes(32).toString('hex');
  const services = {
    registry: createChannelRegistry({ egress: localEgress }),
    secretKey: Buffer.from(secretKey, 'hex'),
  };
  const connect = async (network: 'webhook' | 'replay', credentials: unknown) => {
    const outcome = await connectChannel(db, services, {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      network,
      name: network,
      credentials,
    });
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.account.id;
  };
  const webhookId = await connect('webhook', {
    name: 'Form',
    secret: 'a-secret-long-enough-to-sign-webhook-bodies',
    replyUrl: `${receiverUrl}/replies`,
  });
  const heard = await addMention(
    db,
    { ...seeded, channelAccountId: webhookId },
    { network: 'webhook', externalId: 'form-1' },
  );
  webhookAccount = { id: webhookId, conversationId: heard.conversationId };
  // A day of demo traffic in under three minutes: mentions keep coming all through the test.
  replayAccountId = await connect('replay', { speed: 600, minutes: 24 * 60 });

  const target = new URL(database.url!);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(database.url!);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  viaProxy.searchParams.set('application_name', appName);
  dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-blip-'));
  await startChild(viaProxy.toString(), secretKey);
});

afterAll(async () => {
  if (process.env.BLIP_DEBUG) console.log(output, stderr);
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await proxy?.close();
  receiver.close();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function ready(): Promise<{ status: number; body: { checks?: Record<string, string> } }> {
  const response = await fetch(`${baseUrl}/ready`, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: (await response.json()) as never };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function replayMentions(): Promise<number> {
  const { rows } = await sql<{ count: string }>`
    select count(*) as count from mentions where channel_account_id = ${replayAccountId}`.execute(
    database.store.db,
  );
  return Number(rows[0]!.count);
}

async function login(): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: seeded.users.agent.email,
      password: seeded.users.agent.password,
    }),
  });
  expect(response.status).toBe(200);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrfToken };
}

/** An open /api/v1/events stream: read until some text arrives, or until it ends. */
async function openEvents(cookie: string) {
  const controller = new AbortController();
  const stream = await fetch(`${baseUrl}/api/v1/events?workspace=${seeded.workspaceId}`, {
    headers: { cookie },
    signal: controller.signal,
  });
  const reader = stream.body!.getReader();
  let text = '';
  const events = {
    async readUntil(needle: string) {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before "${needle}"`);
        text += new TextDecoder().decode(value);
      }
    },
    /** Whether the server ends the stream within 10 s. */
    async ended(): Promise<boolean> {
      const ending = (async () => {
        while (!(await reader.read()).done);
        return true;
      })();
      return Promise.race([ending, sleep(10_000).then(() => false)]);
    },
    close: () => controller.abort(),
  };
  await events.readUntil('event: ready');
  return events;
}

/** Sends a reply over a new event stream: realtime, outbox and channel runner must be back. */
async function expectEverythingResumed(label: string): Promise<void> {
  const { cookie, csrfToken } = await login();
  const events = await openEvents(cookie);
  const key = `${label}-${randomBytes(4).toString('hex')}`;
  const reply = await fetch(
    `${baseUrl}/api/v1/workspaces/${seeded.workspaceId}/conversations/${webhookAccount.conversationId}/replies`,
    {
      method: 'POST',
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify({ text: `after the ${label}, we are here` }),
    },
  );
  expect(reply.status).toBe(201);
  // Realtime: the reply's notice came back through this process's LISTEN connection.
  await events.readUntil(`"type":"reply.`);
  events.close();
  // Outbox: the reply reaches the receiver, exactly once.
  await expect
    .poll(() => [...received.entries()].filter(([k]) => k.includes(label)))
    .toHaveLength(1);
  await sleep(1500);
  const sent = [...received.entries()].filter(([k]) => k.includes(label));
  expect(sent.map(([, count]) => count)).toEqual([1]);
  // Channel runner: the replay source was restarted and stores new mentions again.
  const before = await replayMentions();
  await expect.poll(replayMentions, { timeout: 30_000 }).toBeGreaterThan(before);
  const { rows } = await sql<{ duplicates: string }>`
    select count(*) - count(distinct external_id) as duplicates from mentions
    where channel_account_id = ${replayAccountId}`.execute(database.store.db);
  expect(Number(rows[0]!.duplicates)).toBe(0);
}

it(
  'keeps running through a slow and then a 30 s cut link to PostgreSQL, is not ready during it, and resumes',
  { timeout: 150_000 },
  async () => {
    await expect.poll(async () => (await ready()).status).toBe(200);
    await expect.poll(replayMentions, { timeout: 30_000 }).toBeGreaterThan(0);
    // A database that answers too slowly: /ready says so within its bound instead of hanging.
    proxy.delay(4000);
    const askedAt = Date.now();
    const slow = await ready();
    expect(slow.status).toBe(503);
    expect(slow.body.checks?.database).toMatch(/no answer within/);
    expect(Date.now() - askedAt).toBeLessThan(4000);
    proxy.restore();
    await expect.poll(async () => (await ready()).status).toBe(200);
    const openBefore = await openEvents((await login()).cookie);
    proxy.cut();
    await sleep(2000);
    const during = await ready();
    expect(during.status).toBe(503);
    expect(during.body.checks?.database).toMatch(/\w/);
    // The outage: 30 s without the database.
    await sleep(28_000);
    expect(child.exitCode).toBe(null);
    expect((await ready()).status).toBe(503);
    proxy.restore();
    const restoredAt = Date.now();
    await expect.poll(async () => (await ready()).status, { timeout: 10_000 }).toBe(200);
    expect(Date.now() - restoredAt).toBeLessThan(10_000);
    // A stream open through the outage may have missed events: it ends, so the browser refetches.
    expect(await openBefore.ended()).toBe(true);
    await expectEverythingResumed('cut');
    expect(child.exitCode).toBe(null);
    // Each worker logged the outage once, not once per retry.
    for (const worker of ['outbox', 'SLA scheduler', 'report facts'])
      expect(output.split(`"${worker} pass failed; retrying"`).length - 1).toBeLessThanOrEqual(1);
  },
);

it('keeps running when every one of its database sessions is terminated, and resumes', async () => {
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where application_name = ${appName}`.execute(
    database.store.db,
  );
  expect(rows.length).toBeGreaterThan(1);
  const openBefore = await openEvents((await login()).cookie);
  await sql`select pg_terminate_backend(pid) from pg_stat_activity
    where application_name = ${appName}`.execute(database.store.db);
  await sleep(2000);
  expect(child.exitCode).toBe(null);
  await expect.poll(async () => (await ready()).status, { timeout: 10_000 }).toBe(200);
  expect(await openBefore.ended()).toBe(true);
  await expectEverythingResumed('terminate');
  expect(child.exitCode).toBe(null);
});
