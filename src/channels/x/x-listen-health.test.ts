import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePlatform, type FakePlatform } from '../../../test/helpers/fake-platform.ts';
import type { Sleep } from '../mastodon/poll-loop.ts';
import { createXChannel, type XCredentials } from './x-channel.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const now = new Date('2026-11-20T12:00:00Z');
const credentials: XCredentials = { accessToken: 'user-token', userId: '2244994945' };

/** A rest between rounds that lasts until the source is closed. */
const restForever: Sleep = (_ms, signal) =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

describe('X listening health', () => {
  let platform: FakePlatform;
  let failing: boolean;
  beforeEach(async () => {
    platform = await startFakePlatform();
    failing = false;
    const mentions = fixture('mentions-timeline.json');
    platform.route('GET', '/2/users/2244994945/mentions', () =>
      failing
        ? { status: 503, json: { title: 'Service Unavailable', detail: 'over capacity' } }
        : { json: { ...mentions, meta: { result_count: 0 } } },
    );
  });
  afterEach(() => platform.close());

  const channel = (restingAliveMs?: number) =>
    createXChannel({
      httpAgent: platform.httpsAgent(),
      now: () => now,
      sleep: restForever,
      timeoutMs: 2_000,
      ...(restingAliveMs ? { restingAliveMs } : {}),
    });

  it('reports life after each answered poll, and keeps doing so while resting after one', async () => {
    const alive: Date[] = [];
    const errors: Error[] = [];
    const source = await channel(30).listen!(credentials, {
      cursor: undefined,
      terms: () => [],
      onEvents: async () => {},
      onAlive: (at) => alive.push(at),
      onError: (error) => errors.push(error),
    });
    await expect.poll(() => alive.length).toBeGreaterThanOrEqual(3);
    await source.close();
    const after = alive.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive.length).toBe(after);
    expect(errors).toEqual([]);
    expect(platform.requestsTo('GET', '/2/users/2244994945/mentions')).toHaveLength(1);
  });

  it('reports a failed poll as an error and no life', async () => {
    failing = true;
    const alive: Date[] = [];
    const errors: Error[] = [];
    const source = await channel(30).listen!(credentials, {
      cursor: undefined,
      terms: () => [],
      onEvents: async () => {},
      onAlive: (at) => alive.push(at),
      onError: (error) => errors.push(error),
    });
    await expect.poll(() => errors.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await source.close();
    expect(alive).toEqual([]);
  });

  it('tests the listening connection: ok when X answers a poll, the reason when it does not', async () => {
    const x = channel();
    expect(await x.testListening!(credentials, AbortSignal.timeout(5_000))).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^heard from the network in \d+ ms$/),
    });
    failing = true;
    const refused = await x.testListening!(credentials, AbortSignal.timeout(5_000));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatch(/503/);
  });
});
