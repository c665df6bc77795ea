import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAlertDestination } from '../../store/alerts/alert-destinations.repository.ts';
import { insertAlert } from '../../store/alerts/alerts.repository.ts';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { readConfig } from '../../config.ts';
import { createEgress } from '../../security/egress.ts';
import { deliverAlertsOnce } from './alert-deliver.ts';
import { encryptSecret } from '../../security/secrets.ts';

// Real receivers on this machine: an HTTP server that checks the signature the way a customer's
// endpoint would, and an in-process SMTP sink. Only the network's far end is ours to fake.

let database: TestDatabase;
let acme: SeededWorkspace;
let receiver: Server;
let received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
let sink: SMTPServer;
let mails: string[] = [];
let smtpPort: number;
const key = randomBytes(32);
const secret = 'a-shared-webhook-secret';

beforeAll(async () => {
  database = await createTestDatabase();
  acme = await seedWorkspace(database.store.db, 'Deliver');
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push(text);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  smtpPort = (sink.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  await new Promise<void>((resolve) => (sink ? sink.close(resolve) : resolve()));
  await database?.close();
});

const db = () => database.store.db;
// The receivers are on this machine: the operator's opt-in, read as the server reads it.
const egress = createEgress({
  allowPrivate: readConfig({ EARSHOT_ALLOW_PRIVATE_EGRESS: '1' }).allowPrivateEgress,
});
const local = { secretKey: key, smtp: undefined, egress };
const smtp = () => ({ url: `smtp://127.0.0.1:${smtpPort}`, from: 'Earshot <alerts@acme.test>' });

async function destination(kind: 'webhook' | 'email', target: string) {
  const id = crypto.randomUUID();
  return insertAlertDestination(db(), {
    id,
    workspaceId: acme.workspaceId,
    kind,
    target,
    secretEncrypted: kind === 'webhook' ? encryptSecret(key, secret, id) : null,
    enabled: true,
    now: new Date(),
  });
}

async function raise(summary: string, destinationIds: string[], at = new Date()) {
  const alert = await insertAlert(db(), {
    workspaceId: acme.workspaceId,
    kind: 'spike',
    dedupeKey: `test:${crypto.randomUUID()}`,
    brandId: acme.brandId,
    summary,
    data: { negative: 12 },
    createdAt: at,
    destinationIds,
  });
  return alert!.id;
}

/** A port something listened on a moment ago and nothing does now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function deliveryOf(alertId: string) {
  return db()
    .selectFrom('alert_deliveries')
    .select(['status', 'attempts', 'last_error'])
    .where('alert_id', '=', alertId)
    .executeTakeFirstOrThrow();
}

describe('alert delivery', () => {
  it('POSTs the alert to a webhook with an HMAC-SHA256 signature of the raw body, once', async () => {
    const port = (receiver.address() as AddressInfo).port;
    const hook = await destination('webhook', `http://127.0.0.1:${port}/earshot`);
    const alertId = await raise('12 negative mentions in 5 min', [hook.id]);
    received = [];
    const now = new Date();
    expect(await deliverAlertsOnce(db(), now, local)).toBe(1);
    expect(await deliverAlertsOnce(db(), now, local)).toBe(0);
    expect(received).toHaveLength(1);
    const [request] = received;
    const expected = createHmac('sha256', secret).update(request!.body).digest('hex');
    expect(request!.headers['x-earshot-signature']).toBe(`sha256=${expected}`);
    expect(request!.headers['x-earshot-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(JSON.parse(request!.body)).toMatchObject({
      type: 'alert.raised',
      alert: { id: alertId, kind: 'spike', summary: '12 negative mentions in 5 min' },
    });
    expect(await deliveryOf(alertId)).toEqual({ status: 'sent', attempts: 1, last_error: null });
  });

  it('mails the alert through the configured SMTP server', async () => {
    const mail = await destination('email', 'care-leads@acme.test');
    const alertId = await raise('A post is spreading <b>fast</b>', [mail.id]);
    mails = [];
    expect(await deliverAlertsOnce(db(), new Date(), { secretKey: key, smtp: smtp() })).toBe(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatch(/^To: care-leads@acme\.test/m);
    expect(mails[0]).toMatch(/^From: Earshot <alerts@acme\.test>/m);
    expect(mails[0]).toContain('A post is spreading <b>fast</b>');
    expect(mails[0]).toMatch(/Content-Type: text\/plain/);
    expect(await deliveryOf(alertId)).toMatchObject({ status: 'sent' });
  });

  it('retries an unreachable destination with backoff, then ends failed with the reason', async () => {
    const dead = await destination('webhook', `http://127.0.0.1:${await closedPort()}/gone`);
    const noSmtp = await destination('email', 'nobody@acme.test');
    const alertId = await raise('SLA breached', [dead.id, noSmtp.id]);
    const options = { ...local, maxAttempts: 2, random: () => 0 };
    const start = new Date();
    expect(await deliverAlertsOnce(db(), start, options)).toBe(2);
    const rows = () =>
      db()
        .selectFrom('alert_deliveries')
        .select(['destination_id', 'status', 'attempts', 'last_error', 'next_attempt_at'])
        .where('alert_id', '=', alertId)
        .execute();
    const first = await rows();
    expect(first.map((row) => row.status)).toEqual(['pending', 'pending']);
    // Attempt 1 waits 1 s (no jitter here): not due before, due after.
    expect(await deliverAlertsOnce(db(), new Date(start.getTime() + 500), options)).toBe(0);
    expect(await deliverAlertsOnce(db(), new Date(start.getTime() + 1000), options)).toBe(2);
    const last = await rows();
    const byDestination = new Map(last.map((row) => [row.destination_id, row]));
    expect(byDestination.get(dead.id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(byDestination.get(dead.id)!.last_error).toMatch(/ECONNREFUSED/);
    expect(byDestination.get(noSmtp.id)).toMatchObject({
      status: 'failed',
      last_error: 'no SMTP server is configured (EARSHOT_SMTP_URL)',
    });
    expect(await deliverAlertsOnce(db(), new Date(start.getTime() + 3_600_000), options)).toBe(0);
  });

  it('refuses internal addresses unless the operator allows them, and records why', async () => {
    const port = (receiver.address() as AddressInfo).port;
    const literal = await destination('webhook', `http://127.0.0.1:${port}/earshot`);
    const metadata = await destination('webhook', 'http://169.254.169.254/latest/meta-data/');
    // This machine's name is refused as written (other names are checked once resolved, at the
    // moment of sending: see security/egress-paths.test.ts).
    const named = await destination('webhook', `http://localhost:${port}/earshot`);
    const alertId = await raise('Sent nowhere inside', [literal.id, metadata.id, named.id]);
    received = [];
    const strict = { secretKey: key, smtp: undefined, maxAttempts: 1 };
    expect(await deliverAlertsOnce(db(), new Date(), strict)).toBe(3);
    expect(received).toEqual([]);
    const rows = await db()
      .selectFrom('alert_deliveries')
      .select(['destination_id', 'status', 'last_error'])
      .where('alert_id', '=', alertId)
      .execute();
    const errorOf = (id: string) => rows.find((row) => row.destination_id === id)!.last_error;
    expect(rows.map((row) => row.status)).toEqual(['failed', 'failed', 'failed']);
    expect(errorOf(literal.id)).toMatch(
      /^127\.0\.0\.1 is a loopback address; set EARSHOT_ALLOW_PRIVATE_EGRESS/,
    );
    expect(errorOf(metadata.id)).toMatch(/^169\.254\.169\.254 is a link-local/);
    expect(errorOf(named.id)).toMatch(/^localhost is this machine; set EARSHOT_ALLOW_PRIVATE/);

    // The same name, with the opt-in, reaches the receiver.
    const allowed = await raise('Sent inside on purpose', [named.id]);
    expect(await deliverAlertsOnce(db(), new Date(), local)).toBe(1);
    expect(received).toHaveLength(1);
    expect(await deliveryOf(allowed)).toMatchObject({ status: 'sent' });
  });
});
