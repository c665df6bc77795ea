import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertAlertDestination } from '../../store/alerts/alert-destinations.repository.ts';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { raiseAlert } from './alert-raise.ts';
import { startAlertWorker } from './alert-worker.ts';
import { encryptSecret } from '../../security/secrets.ts';
import { readConfig } from '../../config.ts';
import { createEgress } from '../../security/egress.ts';

let database: TestDatabase;
let acme: SeededWorkspace;
let receiver: Server;
const bodies: string[] = [];
const key = randomBytes(32);

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await seedWorkspace(database.store.db, 'Worker');
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      bodies.push(body);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  await database?.close();
});

async function webhook(url: string) {
  const id = crypto.randomUUID();
  return insertAlertDestination(database.store.db, {
    id,
    workspaceId: acme.workspaceId,
    kind: 'webhook',
    target: url,
    secretEncrypted: encryptSecret(key, 'worker-test-secret', id),
    enabled: true,
    now: new Date(),
  });
}

const raise = (summary: string, destinationId: string) =>
  database.store.db.transaction().execute((tx) =>
    raiseAlert(tx, {
      workspaceId: acme.workspaceId,
      kind: 'test',
      dedupeKey: `worker:${crypto.randomUUID()}`,
      summary,
      data: {},
      createdAt: new Date(),
      destinationIds: [destinationId],
    }),
  );

it('wakes on a raised alert and delivers it, past a destination that cannot be reached', async () => {
  const { port } = receiver.address() as AddressInfo;
  const live = await webhook(`http://127.0.0.1:${port}/hook`);
  const dead = await webhook('http://127.0.0.1:1/unreachable');
  // Polls rarely: only the alert.raised notice can make this delivery prompt.
  const worker = await startAlertWorker({
    store: database.store,
    logger: pino({ level: 'silent' }),
    // The receiver is on this machine: the operator's opt-in, read as the server reads it.
    delivery: {
      secretKey: key,
      smtp: undefined,
      egress: createEgress({
        allowPrivate: readConfig({ EARSHOT_ALERT_ALLOW_PRIVATE: 'true' }).alertAllowPrivate,
      }),
    },
    pollMs: 60_000,
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const deadAlert = await raise('to nowhere', dead.id);
    await raise('to the receiver', live.id);
    const deadline = Date.now() + 10_000;
    while (bodies.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(
      bodies.map((body) => (JSON.parse(body) as { alert: { summary: string } }).alert.summary),
    ).toEqual(['to the receiver']);
    const failed = await database.store.db
      .selectFrom('alert_deliveries')
      .select(['status', 'attempts', 'last_error'])
      .where('alert_id', '=', deadAlert!)
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toMatch(/ECONNREFUSED/);
  } finally {
    await worker.stop();
  }
});
