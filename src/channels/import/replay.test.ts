import { describe, expect, it } from 'vitest';
import type { RawEvent } from '../channel.ts';
import { demoMentions } from './demo-mentions.ts';
import { startReplay, type ReplayClock, type ReplayItem } from './replay.ts';
import { createReplayChannel } from './replay-channel.ts';

/** Sleeping moves virtual time forward at once, so a replay of minutes runs in microseconds. */
function virtualClock(start: number) {
  let now = start;
  const sleeps: number[] = [];
  const clock: ReplayClock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  return { clock, sleeps };
}

const t0 = Date.parse('2026-11-20T09:00:00Z');
const items: ReplayItem[] = [0, 60, 60, 120].map((seconds, index) => ({
  at: new Date(t0 + seconds * 1000),
  raw: { n: index },
}));

async function play(options: { speed: number; cursor?: string; list?: ReplayItem[] }) {
  const { clock, sleeps } = virtualClock(1_000_000);
  const batches: RawEvent[][] = [];
  const source = startReplay({
    items: options.list ?? items,
    speed: options.speed,
    clock,
    cursor: options.cursor,
    onEvents: async (events) => void batches.push(events),
    onError: (error) => {
      throw error;
    },
  });
  await expect
    .poll(() => batches.flat().length)
    .toBe((options.list ?? items).length - (options.cursor ? Number(options.cursor) + 1 : 0));
  await source.close();
  return { batches, sleeps };
}

describe('replay', () => {
  it('keeps the original spacing divided by the speed, batching events due together', async () => {
    const { batches, sleeps } = await play({ speed: 60 });
    expect(batches.map((batch) => batch.map((event) => (event.raw as { n: number }).n))).toEqual([
      [0],
      [1, 2],
      [3],
    ]);
    expect(sleeps).toEqual([1000, 1000]);
    expect(batches.flat().map((event) => event.cursor)).toEqual(['0', '1', '2', '3']);
  });

  it('plays everything at once at infinite speed, and resumes after a cursor', async () => {
    expect((await play({ speed: Infinity })).batches).toHaveLength(1);
    const resumed = await play({ speed: 1, cursor: '1' });
    expect(resumed.batches.flat().map((event) => event.cursor)).toEqual(['2', '3']);
    expect(resumed.sleeps).toEqual([60_000]);
  });

  it('stops and reports when the consumer fails, instead of skipping events', async () => {
    const { clock } = virtualClock(0);
    const errors: Error[] = [];
    let calls = 0;
    const source = startReplay({
      items,
      speed: 60,
      clock,
      onEvents: async () => {
        calls += 1;
        throw new Error('database down');
      },
      onError: (error) => void errors.push(error),
    });
    await expect.poll(() => errors.length).toBe(1);
    await source.close();
    expect(calls).toBe(1);
    expect(errors[0]?.message).toBe('database down');
  });

  it('closes while waiting for the next event', async () => {
    let sleeping = false;
    const clock: ReplayClock = {
      now: () => 0,
      sleep: (_ms, signal) =>
        new Promise((resolve) => {
          sleeping = true;
          signal.addEventListener('abort', () => resolve(), { once: true });
        }),
    };
    const delivered: RawEvent[] = [];
    const source = startReplay({
      items,
      speed: 1,
      clock,
      onEvents: async (e) => void delivered.push(...e),
      onError: () => {},
    });
    await expect.poll(() => sleeping).toBe(true);
    await source.close();
    expect(delivered.map((event) => event.cursor)).toEqual(['0']);
  });

  it('refuses a speed that is not above zero', () => {
    expect(() =>
      startReplay({ items, speed: 0, onEvents: async () => {}, onError: () => {} }),
    ).toThrow(/speed/);
  });
});

describe('replay channel with demo mentions', () => {
  it('plays valid mentions for several brands, with brand replies threaded, stamped when delivered', async () => {
    const { clock } = virtualClock(t0);
    const channel = createReplayChannel({ clock });
    const events: RawEvent[] = [];
    const expected = demoMentions({ start: new Date(t0), minutes: 30, seed: 3 });
    const source = await channel.listen!(
      { speed: 600, minutes: 30, seed: 3 },
      {
        cursor: undefined,
        terms: () => [],
        onEvents: async (e) => void events.push(...e),
        onError: () => {},
      },
    );
    await expect.poll(() => events.length).toBe(expected.length);
    await source.close();
    const mentions = events.flatMap((event) => channel.normalize(event.raw));
    expect(mentions).toHaveLength(expected.length);
    expect(mentions.every((mention) => mention.network === 'replay')).toBe(true);
    const brandReplies = mentions.filter((mention) => mention.fromBrand);
    expect(brandReplies.length).toBeGreaterThan(0);
    const ids = new Set(mentions.map((mention) => mention.externalId));
    expect(
      brandReplies.every((reply) => reply.parentExternalId && ids.has(reply.parentExternalId)),
    ).toBe(true);
    expect(
      new Set(mentions.filter((m) => !m.fromBrand).map((m) => m.text.match(/^@(\w+)/)?.[1])).size,
    ).toBeGreaterThanOrEqual(3);
    expect(mentions.some((mention) => mention.language && mention.language !== 'en')).toBe(true);
    // Each mention is stamped with the (virtual) time it arrived, later ones no earlier.
    const times = mentions.map((mention) => mention.postedAt.getTime());
    expect(times[0]).toBeGreaterThanOrEqual(t0);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('generates the same story for the same seed', () => {
    const start = new Date(t0);
    expect(demoMentions({ start, seed: 11 })).toEqual(demoMentions({ start, seed: 11 }));
    expect(demoMentions({ start, seed: 11 })).not.toEqual(demoMentions({ start, seed: 12 }));
  });

  it('accepts replies without sending them anywhere', async () => {
    const channel = createReplayChannel();
    const [mention] = channel.normalize(demoMentions({ start: new Date(t0) })[0]?.raw);
    const sent = await channel.send(
      {},
      { idempotencyKey: 'k9', text: 'Thanks!', visibility: 'public', inReplyTo: mention! },
    );
    expect(sent.externalId).toBe('replay-reply-k9');
  });
});
