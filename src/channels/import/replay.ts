import type { EventSource, RawEvent } from '../channel.ts';

/** One event to replay, at its original time. */
export interface ReplayItem {
  at: Date;
  raw: unknown;
}

/** Time as the replay sees it; tests pass a virtual clock so nothing really sleeps. */
export interface ReplayClock {
  now(): number;
  sleep(milliseconds: number, signal: AbortSignal): Promise<void>;
}

const systemClock: ReplayClock = {
  now: () => Date.now(),
  sleep: (milliseconds, signal) =>
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
    }),
};

interface ReplayOptions {
  items: ReplayItem[];
  /** 1 plays in real time, 60 plays an hour a minute; Infinity plays everything at once. */
  speed: number;
  clock?: ReplayClock;
  /** Index (as a string) of the last item delivered before, to resume after it. */
  cursor?: string;
  /** Rewrites a raw event as it is delivered, e.g. to stamp it with the time it "arrives". */
  stamp?: (raw: unknown, deliveredAt: Date) => unknown;
  onEvents(events: RawEvent[]): Promise<void>;
  onError(error: Error): void;
}

/**
 * Plays events in order, keeping their original spacing divided by `speed`, so a demo inbox
 * fills as if customers were writing now. Events due at the same moment arrive as one batch.
 * Each event's cursor is its index, so a restarted replay goes on where it stopped.
 */
export function startReplay(options: ReplayOptions): EventSource {
  if (!(options.speed > 0)) throw new Error(`replay speed must be above 0, got ${options.speed}`);
  const clock = options.clock ?? systemClock;
  const items = [...options.items].sort((a, b) => a.at.getTime() - b.at.getTime());
  const controller = new AbortController();
  const startIndex = options.cursor === undefined ? 0 : Number(options.cursor) + 1;
  if (!Number.isInteger(startIndex) || startIndex < 0)
    throw new Error(`replay cursor must be an item index, got ${options.cursor}`);

  const done = (async () => {
    const origin = items[startIndex]?.at.getTime() ?? 0;
    const startedAt = clock.now();
    let index = startIndex;
    while (index < items.length && !controller.signal.aborted) {
      const dueAt = startedAt + ((items[index]?.at.getTime() ?? origin) - origin) / options.speed;
      const wait = dueAt - clock.now();
      if (wait > 0) await clock.sleep(wait, controller.signal);
      if (controller.signal.aborted) break;
      const now = clock.now();
      const batch: RawEvent[] = [];
      while (
        index < items.length &&
        startedAt + ((items[index]?.at.getTime() ?? origin) - origin) / options.speed <= now
      ) {
        const raw = items[index]?.raw;
        batch.push({
          raw: options.stamp ? options.stamp(raw, new Date(now)) : raw,
          cursor: String(index),
        });
        index += 1;
      }
      try {
        await options.onEvents(batch);
      } catch (error) {
        // The consumer could not take the batch: report it and stop rather than skip it.
        options.onError(error instanceof Error ? error : new Error(String(error)));
        return;
      }
    }
  })();

  return {
    async close() {
      controller.abort();
      await done;
    },
  };
}
