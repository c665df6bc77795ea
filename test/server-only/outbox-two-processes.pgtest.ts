import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/store/ids.ts';
import { insertReply } from '../../src/store/replies.repository.ts';
import { createTestDatabase } from '../helpers/database.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';

// Two real processes share one PostgreSQL outbox: every reply must reach the network exactly once
// even though both claim work at the same time and the network fails some requests.

let database: TestDatabase;
const children: ChildProcess[] = [];
const accepted = new Map<string, number>();
const byWorker = new Map<string, number>();
let requests = 0;

const network = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    requests += 1;
    // Every seventh request fails with a 503: the reply must be retried, not lost or doubled.
    if (requests % 7 === 0) {
      response.writeHead(503).end();
      return;
    }
    const key = String(request.headers['idempotency-key']);
    accepted.set(key, (accepted.get(key) ?? 0) + 1);
    const worker = String(request.headers['x-worker']);
    byWorker.set(worker, (byWorker.get(worker) ?? 0) + 1);
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: `post-${key}` }));
  });
});

function startChild(name: string, networkUrl: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['test/server-only/child-outbox.ts', database.url!, networkUrl, name],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await new Promise<void>((resolve) => network.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) =>
          child.exitCode !== null ? resolve(null) : child.once('exit', resolve),
        ),
    ),
  );
  network.close();
  await database?.close();
});

it('two processes send 150 replies, each exactly once, despite failures', async () => {
  const { db } = database.store;
  const acme = await seedWorkspace(db);
  const keys: string[] = [];
  const { conversationId, mentionId } = await addMention(db, acme);
  const networkUrl = `http://127.0.0.1:${(network.address() as AddressInfo).port}`;
  await Promise.all([startChild('one', networkUrl), startChild('two', networkUrl)]);
  for (let i = 0; i < 150; i++) {
    const key = newId();
    keys.push(key);
    await insertReply(db, {
      workspaceId: acme.workspaceId,
      conversationId,
      inReplyToMentionId: mentionId,
      authorId: acme.users.agent.id,
      network: 'bluesky',
      text: `reply ${i}`,
      visibility: 'public',
      status: 'queued',
      idempotencyKey: key,
      now: new Date(),
    });
  }
  await expect
    .poll(
      async () => {
        const rows = await db
          .selectFrom('replies')
          .select('status')
          .where('status', '=', 'sent')
          .execute();
        return rows.length;
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(150);
  expect([...accepted.keys()].sort()).toEqual([...keys].sort());
  expect([...accepted.values()].every((count) => count === 1)).toBe(true);
  expect(requests).toBeGreaterThan(150); // some requests failed and were retried
  expect(byWorker.get('one')).toBeGreaterThan(0);
  expect(byWorker.get('two')).toBeGreaterThan(0);
});
