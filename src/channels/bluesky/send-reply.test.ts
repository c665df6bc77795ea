import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingReply } from '../channel.ts';
import { ChannelSendError } from '../channel.ts';
import { createBlueskyChannel } from './bluesky-channel.ts';
import { localEgress } from '../../../test/helpers/egress.ts';

// A PDS of our own that answers the way a busy or failing one does, which the real local PDS
// cannot be made to do on demand. The happy path runs against the real one (bluesky-channel.test.ts).
type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
type Script = Partial<Record<string, (request: IncomingMessage) => Answer>>;

const session = {
  did: 'did:plc:brand',
  handle: 'brand.test',
  accessJwt: 'access',
  refreshJwt: 'refresh',
  active: true,
};
const loggedIn: Script[string] = () => ({ status: 200, body: session });
const notFound = (): Answer => ({
  status: 400,
  body: { error: 'RecordNotFound', message: 'Could not locate record' },
});

let server: Server;
let script: Script = {};
let service = '';

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    const method = new URL(request.url ?? '/', 'http://x').pathname.replace('/xrpc/', '');
    const answer = script[method]?.(request) ?? {
      status: 501,
      body: { error: 'MethodNotImplemented' },
    };
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  service = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const reply = (
  idempotencyKey: string,
  visibility: OutgoingReply['visibility'] = 'public',
): OutgoingReply => {
  const uri = 'at://did:plc:dana/app.bsky.feed.post/3danapost222';
  return {
    idempotencyKey,
    text: 'We are on it.',
    visibility,
    inReplyTo: {
      externalId: uri,
      author: { externalId: 'did:plc:dana', handle: 'dana.test' },
      raw: { uri, cid: 'bafyparent', record: { text: 'help', createdAt: '2026-01-01T00:00:00Z' } },
    },
  };
};

async function sendError(scripted: Script, outgoing = reply('key-1')): Promise<ChannelSendError> {
  script = scripted;
  const credentials = { service, identifier: 'brand.test', appPassword: 'app-pass' };
  const error = await createBlueskyChannel({ egress: localEgress })
    .send(credentials, outgoing)
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  if (!(error instanceof ChannelSendError))
    throw new Error(`expected a ChannelSendError, got ${String(error)}`);
  return error;
}

describe('Bluesky send errors', () => {
  it('asks to retry after the Retry-After of a rate limit', async () => {
    const error = await sendError({
      'com.atproto.server.createSession': () => ({
        status: 429,
        body: { error: 'RateLimitExceeded' },
        headers: { 'retry-after': '120' },
      }),
    });
    expect(error).toMatchObject({ retryable: true, retryAfterSeconds: 120 });
  });

  it('reads the rate-limit reset when there is no Retry-After', async () => {
    const reset = Math.floor(Date.now() / 1000) + 300;
    const error = await sendError({
      'com.atproto.server.createSession': loggedIn,
      'com.atproto.repo.getRecord': notFound,
      'com.atproto.repo.createRecord': () => ({
        status: 429,
        body: { error: 'RateLimitExceeded' },
        headers: { 'ratelimit-reset': String(reset) },
      }),
    });
    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(298);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(300);
  });

  it('retries server errors', async () => {
    const error = await sendError({
      'com.atproto.server.createSession': loggedIn,
      'com.atproto.repo.getRecord': notFound,
      'com.atproto.repo.createRecord': () => ({
        status: 503,
        body: { error: 'NotEnoughResources' },
      }),
    });
    expect(error).toMatchObject({ retryable: true, retryAfterSeconds: undefined });
    expect(error.message).toMatch(/503/);
  });

  it('does not retry a request the PDS refuses', async () => {
    const error = await sendError({
      'com.atproto.server.createSession': loggedIn,
      'com.atproto.repo.getRecord': notFound,
      'com.atproto.repo.createRecord': () => ({
        status: 400,
        body: { error: 'InvalidRequest', message: 'Invalid record' },
      }),
    });
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/InvalidRequest/);
  });

  it('does not retry a wrong app password, and says so', async () => {
    const error = await sendError({
      'com.atproto.server.createSession': () => ({
        status: 401,
        body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' },
      }),
    });
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/wrong identifier or app password/);
  });

  it('counts a reply as sent when an earlier answer was lost but the record is there', async () => {
    let written = false;
    script = {
      'com.atproto.server.createSession': loggedIn,
      'com.atproto.repo.getRecord': () =>
        written
          ? {
              status: 200,
              body: {
                uri: 'at://did:plc:brand/app.bsky.feed.post/2222222222222',
                cid: 'bafyreidfts2vey6cbzr7dumqvy5lly4zob6del4qt6yjingghc4kxixtie',
                value: {},
              },
            }
          : notFound(),
      'com.atproto.repo.createRecord': () => {
        written = true;
        return { status: 502, body: { error: 'UpstreamFailure' } };
      },
    };
    const sent = await createBlueskyChannel({ egress: localEgress }).send(
      { service, identifier: 'brand.test', appPassword: 'app-pass' },
      reply('key-2'),
    );
    expect(sent.externalId).toMatch(/^at:\/\/did:plc:brand\/app\.bsky\.feed\.post\/[2-7a-z]{13}$/);
  });

  it('retries when the PDS cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await createBlueskyChannel({ egress: localEgress })
      .send(
        {
          service: `http://127.0.0.1:${port}`,
          identifier: 'brand.test',
          appPassword: 'x',
        },
        reply('key-3'),
      )
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ChannelSendError);
    expect((error as ChannelSendError).retryable).toBe(true);
  });

  it('refuses private replies and bad credentials without retrying', async () => {
    const privateError = await sendError(
      { 'com.atproto.server.createSession': loggedIn },
      reply('key-4', 'private'),
    );
    expect(privateError.retryable).toBe(false);
    expect(privateError.message).toMatch(/private replies \(chat\) are not supported/);
    const badCredentials = await createBlueskyChannel({ egress: localEgress })
      .send({ service: 'not a url', identifier: '', appPassword: 'x' }, reply('key-5'))
      .catch((thrown: unknown) => thrown);
    expect(badCredentials).toMatchObject({
      retryable: false,
      message: expect.stringMatching(/service: .*identifier: /),
    });
  });

  it('refuses a reply longer than a post can hold', async () => {
    const error = await sendError(
      { 'com.atproto.server.createSession': loggedIn },
      { ...reply('key-6'), text: 'é'.repeat(301) },
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/at most 300 characters/);
  });
});
