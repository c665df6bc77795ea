import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePlatform, type FakePlatform } from './fake-platform.ts';

describe('fake platform', () => {
  let platform: FakePlatform;
  beforeEach(async () => {
    platform = await startFakePlatform();
    platform.route('POST', /^\/posts\/(?<id>\d+)\/replies$/, (request) => ({
      status: 201,
      json: { id: `reply-to-${request.params.id}`, echo: request.json },
    }));
  });
  afterEach(() => platform.close());

  it('answers a route with its parameters and records the request', async () => {
    const response = await fetch(`${platform.url}/posts/42/replies?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 'reply-to-42', echo: { text: 'hi' } });
    const [recorded] = platform.requestsTo('POST', /^\/posts\/42\/replies$/);
    expect(recorded?.query.get('x')).toBe('1');
    expect(recorded?.json).toEqual({ text: 'hi' });
  });

  it('answers 404 for an unknown path', async () => {
    expect((await fetch(`${platform.url}/nowhere`)).status).toBe(404);
  });

  it('injects a 429 with Retry-After, then a 5xx, then answers normally', async () => {
    platform.fail({ type: 'rate-limit', retryAfterSeconds: 30 });
    platform.fail({ type: 'server-error', status: 502 });
    const first = await fetch(`${platform.url}/posts/1/replies`, { method: 'POST' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('30');
    expect((await fetch(`${platform.url}/posts/1/replies`, { method: 'POST' })).status).toBe(502);
    expect((await fetch(`${platform.url}/posts/1/replies`, { method: 'POST' })).status).toBe(201);
  });

  it('faults only the requests it was aimed at', async () => {
    platform.fail({ type: 'server-error' }, { path: '/other' });
    expect((await fetch(`${platform.url}/posts/1/replies`, { method: 'POST' })).status).toBe(201);
    expect((await fetch(`${platform.url}/other`)).status).toBe(503);
  });

  it('drops a connection without an answer', async () => {
    platform.fail({ type: 'drop' });
    await expect(fetch(`${platform.url}/posts/1/replies`, { method: 'POST' })).rejects.toThrow();
  });

  it('hangs until the client gives up, and still closes cleanly', async () => {
    platform.fail({ type: 'timeout' });
    const controller = new AbortController();
    const pending = fetch(`${platform.url}/posts/1/replies`, {
      method: 'POST',
      signal: controller.signal,
    });
    await expect.poll(() => platform.requests.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });
});

describe('fake streaming endpoint', () => {
  it('speaks WebSocket: handshake with a subprotocol, JSON both ways, and a dropped connection', async () => {
    const platform = await startFakePlatform();
    const { sockets } = platform.websocket('/api/v1/streaming');
    const client = new WebSocket(`${platform.url.replace('http', 'ws')}/api/v1/streaming`, [
      'token-1',
    ]);
    const messages: string[] = [];
    client.addEventListener('message', (event) => void messages.push(String(event.data)));
    await new Promise((resolve, reject) => {
      client.addEventListener('open', resolve);
      client.addEventListener('error', reject);
    });
    expect(client.protocol).toBe('token-1');
    client.send(JSON.stringify({ type: 'subscribe', stream: 'user' }));
    await expect.poll(() => sockets[0]?.received).toEqual([{ type: 'subscribe', stream: 'user' }]);
    const big = 'x'.repeat(300);
    sockets[0]?.send({ event: 'notification', payload: big });
    await expect.poll(() => messages.map((m) => JSON.parse(m).payload.length)).toEqual([300]);
    const closed = new Promise((resolve) => client.addEventListener('close', resolve));
    sockets[0]?.drop();
    await closed;
    await platform.close();
  });
});
