import { request } from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../src/channels/webhook/webhook-signature.ts';
import { credentialsContext } from '../../src/pipeline/intake/channel-registry.ts';
import { encryptCredentials } from '../../src/security/secrets.ts';
import { insertChannelAccount } from '../../src/store/channel-accounts.repository.ts';
import { newId } from '../../src/store/ids.ts';
import { startTestApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

// Issue 22 §3: intake slowed down as event streams were added. Here a real server over real
// sockets: one browser stops reading its stream (a frozen tab), and webhook deliveries must still
// be stored and answered while another browser keeps hearing every one of them.

const secret = 'slow-reader-test-secret-0123456789abcdef';

let app: TestApp;
let hookPath: string;
let cookie: string;

beforeAll(async () => {
  app = await startTestApp({ web: false });
  const { deps } = app.running;
  const id = newId();
  await insertChannelAccount(deps.store.db, {
    id,
    workspaceId: app.workspaceId,
    brandId: app.seeded.brandId,
    network: 'webhook',
    name: 'Contact form',
    handle: null,
    credentialsEncrypted: encryptCredentials(
      deps.channels.secretKey,
      { name: 'Contact form', secret },
      credentialsContext(id),
    ),
  });
  hookPath = `/hooks/${id}`;
  const login = await fetch(`${app.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(app.owner),
  });
  expect(login.status).toBe(200);
  cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
});
afterAll(async () => app?.close());

/** An event stream on its own connection; resolves once its `ready` event has arrived. */
function openStream(): Promise<{
  request: ClientRequest;
  response: IncomingMessage;
  text: () => string;
}> {
  return new Promise((resolve, reject) => {
    let text = '';
    const outgoing = request(
      `${app.baseUrl}/api/v1/events?workspace=${app.workspaceId}`,
      { headers: { cookie }, agent: false },
      (response) => {
        response.setEncoding('utf8');
        const onData = (chunk: string) => {
          text += chunk;
          if (text.includes('event: ready'))
            resolve({ request: outgoing, response, text: () => text });
        };
        response.on('data', onData);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function deliver(n: number): Promise<{ status: number; ms: number }> {
  const body = JSON.stringify({
    id: `slow-reader-${n}`,
    text: `my order ${n} never came`,
    author: { id: `customer-${n}`, handle: `customer${n}` },
    postedAt: new Date().toISOString(),
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const response = await fetch(`${app.baseUrl}${hookPath}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-earshot-timestamp': String(timestamp),
      'x-earshot-signature': signWebhookBody(body, timestamp, secret),
    },
    body,
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

describe('a reader that stops reading', () => {
  it('never holds up a webhook delivery, and the other readers hear every mention', async () => {
    const frozen = await openStream();
    // The browser's tab freezes: it reads nothing more, its socket fills up.
    frozen.response.pause();
    const healthy = await openStream();

    const answers = [];
    for (let n = 0; n < 20; n += 1) answers.push(await deliver(n));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      // Generous: a loaded CI machine; a delivery stuck behind a reader would wait forever.
      expect(answer.ms).toBeLessThan(10_000);
    }
    const stored = await app.running.store.db
      .selectFrom('mentions')
      .select('id')
      .where('external_id', 'like', 'slow-reader-%')
      .execute();
    expect(stored).toHaveLength(20);
    for (let tick = 0; tick < 200; tick += 1) {
      if (stored.every(({ id }) => healthy.text().includes(id))) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    for (const { id } of stored) expect(healthy.text()).toContain(`"mentionId":"${id}"`);
    frozen.request.destroy();
    healthy.request.destroy();
  });
});
