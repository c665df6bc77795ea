import type { EventSource } from '../channel.ts';

/** Waits, or resolves early when the signal aborts. Injectable so tests never sleep. */
export type Sleep = (milliseconds: number, signal: AbortSignal) => Promise<void>;

const realSleep: Sleep = (milliseconds, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

interface PollLoopOptions {
  /** One round of polling; it may deliver several batches before resolving. */
  poll(signal: AbortSignal): Promise<{ waitMs?: number } | void>;
  intervalMs: number;
  onError(error: Error): void;
  /** Told after each round the network answered, and every `restingAliveMs` while resting after one. */
  onAlive?: ((at: Date) => void) | undefined;
  now?: () => Date;
  restingAliveMs?: number | undefined;
  sleep?: Sleep | undefined;
}

/**
 * Runs `poll` until closed, waiting `intervalMs` between rounds (or as long as a round asks,
 * e.g. until a rate limit resets). A failed round is reported and retried next round: a poller
 * must outlive a network's bad minute.
 */
export function startPollLoop(options: PollLoopOptions): EventSource {
  const controller = new AbortController();
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? (() => new Date());
  const { onAlive } = options;
  // Resting between good rounds (or until a rate limit resets) is the network's answer still
  // standing, not silence: the source stays alive meanwhile. A hung request is not resting.
  let resting = false;
  const keepAlive =
    onAlive &&
    setInterval(() => {
      if (resting) onAlive(now());
    }, options.restingAliveMs ?? 15_000);
  keepAlive?.unref();
  const done = (async () => {
    while (!controller.signal.aborted) {
      let waitMs = options.intervalMs;
      let answered = false;
      try {
        const result = await options.poll(controller.signal);
        if (result?.waitMs !== undefined) waitMs = Math.max(waitMs, result.waitMs);
        answered = true;
        onAlive?.(now());
      } catch (error) {
        if (!controller.signal.aborted)
          options.onError(error instanceof Error ? error : new Error(String(error)));
      }
      if (controller.signal.aborted) break;
      resting = answered;
      await sleep(waitMs, controller.signal);
      resting = false;
    }
  })();
  return {
    async close() {
      controller.abort();
      clearInterval(keepAlive);
      await done;
    },
  };
}

/** Orders snowflake-style numeric ids without losing precision. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
