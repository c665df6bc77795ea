import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlueskyChannel } from '../../src/channels/bluesky/bluesky-channel.ts';
import type { OutgoingReply } from '../../src/channels/channel.ts';
import { createMastodonChannel } from '../../src/channels/mastodon/mastodon-channel.ts';
import { createMetaChannel } from '../../src/channels/meta/meta-channel.ts';
import { createGoogleReviewsChannel } from '../../src/channels/reviews/gbp-channel.ts';
import { createWebhookChannel } from '../../src/channels/webhook/webhook-channel.ts';
import type { mastodon } from 'masto';
import { startMastodonStream } from '../../src/channels/mastodon/mastodon-stream.ts';
import { createXChannel } from '../../src/channels/x/x-channel.ts';
import { postAlertWebhook } from '../../src/pipeline/alerts/alert-send.ts';
import { createEgress } from '../../src/security/egress.ts';
import type { Egress } from '../../src/security/egress.ts';

/**
 * Every outbound path × every spelling of an internal address: the request is refused before a
 * socket opens (a local listener counts every request and upgrade it gets), with a reason that
 * names the address and the opt-in. With the opt-in, the same request reaches the listener.
 */
let listener: Server;
let port: number;
let hits = 0;
let redirectTargetHits = 0;

beforeAll(async () => {
  listener = createServer((request, response) => {
    if (request.url === '/redirect') {
      response.writeHead(302, { location: '/target' });
      response.end();
      return;
    }
    if (request.url === '/target') redirectTargetHits += 1;
    hits += 1;
    response.writeHead(500, { 'content-type': 'application/json' });
    response.end('{"error":"the listener only counts"}');
  });
  listener.on('upgrade', (_request, socket) => {
    hits += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

/** Each form: how a URL spells it, and the address a name would resolve to for it. */
const forms: Array<{ form: string; host: string; address: string; family: 4 | 6 }> = [
  { form: 'IPv4 loopback', host: '127.0.0.1', address: '127.0.0.1', family: 4 },
  { form: 'IPv4 private', host: '10.0.0.7', address: '10.0.0.7', family: 4 },
  { form: 'link-local metadata', host: '169.254.169.254', address: '169.254.169.254', family: 4 },
  { form: 'IPv6 loopback', host: '[::1]', address: '::1', family: 6 },
  { form: 'IPv4-mapped IPv6', host: '[::ffff:127.0.0.1]', address: '::ffff:127.0.0.1', family: 6 },
  { form: 'decimal IPv4', host: '2130706433', address: '127.0.0.1', family: 4 },
  { form: 'octal IPv4', host: '0177.0.0.1', address: '127.0.0.1', family: 4 },
  { form: 'hex IPv4', host: '0x7f.0.0.1', address: '127.0.0.1', family: 4 },
  { form: 'localhost', host: 'localhost', address: '127.0.0.1', family: 4 },
  { form: 'a name resolving inside', host: 'inside.example', address: '127.0.0.1', family: 4 },
];

/** The policy without the opt-in; `everyName` makes every name resolve to the form's address. */
function strictEgress(form: (typeof forms)[number], everyName = false): Egress {
  return createEgress({
    allowPrivate: false,
    resolve: async (hostname) =>
      everyName || hostname === 'inside.example'
        ? [{ address: form.address, family: form.family }]
        : [{ address: '93.184.215.14', family: 4 }],
  });
}

const reply: OutgoingReply = {
  idempotencyKey: 'egress-test-1',
  text: 'Thanks, we are on it.',
  visibility: 'public',
  inReplyTo: {
    externalId: 'at://did:plc:customer/app.bsky.feed.post/3k',
    author: { externalId: 'did:plc:customer', handle: 'customer.example' },
    raw: { kind: 'facebook_comment', value: { comment_id: '1_2', item: 'comment' } },
  },
};
const secret = 'a-webhook-secret-that-is-long-enough-1234';

type Path = (egress: Egress, base: string, ws: string) => Promise<unknown>;

/** Every way Earshot connects out, driven through its public entry point. */
const paths: Record<string, Path> = {
  'Mastodon instance (connect)': (egress, base) =>
    createMastodonChannel({ egress }).validateCredentials({ instanceUrl: base, accessToken: 't' }),
  'Mastodon instance (reply)': (egress, base) =>
    createMastodonChannel({ egress }).send({ instanceUrl: base, accessToken: 't' }, reply),
  'Mastodon streaming URL the instance names': (egress, _base, ws) =>
    new Promise((_resolve, reject) => {
      const instance = { configuration: { urls: { streaming: ws } } };
      const stream = startMastodonStream({
        rest: {
          v2: { instance: { fetch: async () => instance } },
        } as unknown as mastodon.rest.Client,
        egress,
        accessToken: 't',
        hashtags: [],
        maxAttempts: 1,
        deliver: async () => {},
        onError: (error) => reject(error),
      });
      setTimeout(() => void stream.close().then(() => reject(new Error('streamed'))), 2500);
    }),
  'Bluesky service (connect)': (egress, base) =>
    createBlueskyChannel({ egress }).validateCredentials({
      service: base,
      identifier: 'brand.example',
      appPassword: 'app-pass',
    }),
  'Bluesky service (reply)': (egress, base) =>
    createBlueskyChannel({ egress }).send(
      { service: base, identifier: 'brand.example', appPassword: 'app-pass' },
      reply,
    ),
  'Bluesky firehose (connect)': (egress, _base, ws) =>
    createBlueskyChannel({ egress }).validateCredentials({
      service: 'https://pds.example',
      identifier: 'brand.example',
      appPassword: 'app-pass',
      firehoseUrl: ws,
    }),
  'Bluesky firehose (listen)': async (egress, _base, ws) => {
    const source = await createBlueskyChannel({ egress }).listen!(
      {
        service: 'https://pds.example',
        identifier: 'did:plc:brand',
        appPassword: 'app-pass',
        firehoseUrl: ws,
      },
      { cursor: undefined, terms: () => [], onEvents: async () => {}, onError: () => {} },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await source.close();
    throw new Error('listened');
  },
  'Bluesky PLC directory (connect)': (egress, base) =>
    createBlueskyChannel({ egress }).validateCredentials({
      service: 'https://pds.example',
      identifier: 'brand.example',
      appPassword: 'app-pass',
      plcUrl: base,
    }),
  'webhook replyUrl (connect)': (egress, base) =>
    createWebhookChannel({ egress }).validateCredentials({
      name: 'Shop',
      secret,
      replyUrl: `${base}/replies`,
    }),
  'webhook replyUrl (reply)': (egress, base) =>
    createWebhookChannel({ egress }).send(
      { name: 'Shop', secret, replyUrl: `${base}/replies` },
      reply,
    ),
  'Meta Graph API (connect)': (egress, base) =>
    createMetaChannel('facebook', { egress, graphBaseUrl: `${base}/v21.0` }).validateCredentials({
      pageId: '1',
      pageAccessToken: 't',
      appSecret: 's',
      verifyToken: 'verify-me',
    }),
  'Google reviews API (connect)': (egress, base) =>
    createGoogleReviewsChannel({ egress, baseUrl: base }).validateCredentials({
      accessToken: 't',
      accountId: '1',
      locationId: '2',
    }),
  'alert webhook': (egress, base) =>
    postAlertWebhook({
      url: `${base}/alert`,
      secret,
      body: '{}',
      now: new Date(),
      timeoutMs: 2000,
      egress,
    }),
};

/** The message with its causes (client libraries wrap the socket's error). */
function reasonOf(error: unknown): string {
  const parts: string[] = [];
  for (let at = error, depth = 0; at && depth < 6; depth += 1) {
    if (!(at instanceof Error)) break;
    parts.push(at.message);
    // twitter-api-v2 keeps the socket's error in _options.error.
    at = at.cause ?? (at as { _options?: { error?: unknown } })._options?.error;
  }
  return parts.join(' | ');
}

const refusal =
  /(is (a|an) [^;]*(loopback|private|link-local|non-global)[^;]* address|is this machine|resolves to [^,]+, a [^;]*(loopback|private|link-local|non-global))[^;]*; set EARSHOT_ALLOW_PRIVATE_EGRESS=true/;

describe('no outbound request reaches an internal address without the opt-in', () => {
  for (const form of forms) {
    describe(form.form, () => {
      for (const [name, path] of Object.entries(paths)) {
        it(`refuses ${name}`, async () => {
          const before = hits;
          const error = await path(
            strictEgress(form),
            `https://${form.host}:${port}`,
            `wss://${form.host}:${port}`,
          ).then(
            () => undefined,
            (caught: unknown) => caught,
          );
          expect(hits - before, 'requests that reached the listener').toBe(0);
          expect(reasonOf(error)).toMatch(refusal);
        });
      }

      // api.x.com is fixed: its answers from DNS are what is checked.
      it('refuses X when api.x.com resolves there', async () => {
        const error = await createXChannel({ egress: strictEgress(form, true), timeoutMs: 2000 })
          .send({ accessToken: 't', userId: '1' }, reply)
          .then(
            () => undefined,
            (caught: unknown) => caught,
          );
        expect(reasonOf(error)).toMatch(refusal);
        expect(error).toMatchObject({ retryable: false });
      });
    });
  }

  it('refuses plain http to a public address', async () => {
    const egress = strictEgress(forms[0]!);
    const error = await createWebhookChannel({ egress })
      .validateCredentials({ name: 'Shop', secret, replyUrl: 'http://shop.example/replies' })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(reasonOf(error)).toMatch(/is not https; set EARSHOT_ALLOW_PRIVATE_EGRESS=true/);
  });
});

// These only check the URL when an account connects; listening or replying uses it.
const checkedOnly = new Set([
  'Bluesky firehose (connect)',
  'Bluesky PLC directory (connect)',
  'webhook replyUrl (connect)',
]);

describe('with the opt-in (EARSHOT_ALLOW_PRIVATE_EGRESS=true)', () => {
  const open = createEgress({ allowPrivate: true });
  for (const [name, path] of Object.entries(paths).filter(([name]) => !checkedOnly.has(name))) {
    it(`${name} reaches the local listener`, async () => {
      const before = hits;
      await path(open, `http://127.0.0.1:${port}`, `ws://127.0.0.1:${port}`).catch(() => {});
      expect(hits - before).toBeGreaterThan(0);
    });
  }
});

describe('redirects', () => {
  it('are never followed: a reply URL answering 302 fails, and its target is never asked', async () => {
    const open = createEgress({ allowPrivate: true });
    const error = await createWebhookChannel({ egress: open })
      .send({ name: 'Shop', secret, replyUrl: `http://127.0.0.1:${port}/redirect` }, reply)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(reasonOf(error)).toMatch(/HTTP 302/);
    expect(redirectTargetHits).toBe(0);
  });
});
