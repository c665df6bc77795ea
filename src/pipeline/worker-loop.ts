import type { Logger } from 'pino';
import { changesChannel, parseChangeNotice } from '../store/changes.ts';
import type { Store } from '../store/connect.ts';

/** A background loop of this process. */
export interface Worker {
  /** Lets the current pass finish, then stops listening. */
  stop(): Promise<void>;
}

/** A loop that can also be nudged from inside the process. */
interface WakeableWorker extends Worker {
  /** Runs another pass soon (at once if idle, else right after the current one). */
  wake(): void;
}

/** Wait after the n-th failed pass in a row: doubling from 1 s, at most 10 s (or `pollMs`). */
function failedPassDelayMs(failures: number, pollMs: number): number {
  return Math.max(pollMs, Math.min(1000 * 2 ** (failures - 1), 10_000));
}

/**
 * Runs `pass` until stopped: again at once while it finds work (it returns how much it did),
 * otherwise after `pollMs`, or as soon as any process sends a change notice of a `wakeOn` type.
 * A failing pass (the database away) never ends the loop: it is retried with backoff, and
 * logged once when the failures start and once when a pass succeeds again, not on every try.
 */
export async function startWorkerLoop(options: {
  name: string;
  store: Store;
  logger: Logger;
  wakeOn: readonly string[];
  pollMs: number;
  pass: () => Promise<number>;
}): Promise<WakeableWorker> {
  const { store, logger } = options;
  let stopped = false;
  let wake: (() => void) | undefined;
  // A notice that arrives mid-pass may concern work that pass already missed: pass again.
  let woken = false;
  const requestPass = () => {
    woken = true;
    wake?.();
  };
  const unlisten = await store.listen(changesChannel, (payload) => {
    const type = parseChangeNotice(payload)?.type;
    if (type !== undefined && options.wakeOn.includes(type)) requestPass();
  });
  // Wake-ups told while LISTEN was down were missed: run a pass once it is back.
  const offRestored = store.onListenRestored?.(() => wake?.());
  let failures = 0;
  const loop = (async () => {
    while (!stopped) {
      let handled = 0;
      woken = false;
      try {
        handled = await options.pass();
        if (failures > 0) logger.info({ failedPasses: failures }, `${options.name} recovered`);
        failures = 0;
      } catch (error) {
        failures += 1;
        if (failures === 1) logger.error({ err: error }, `${options.name} pass failed; retrying`);
        else logger.debug({ err: error, failures }, `${options.name} pass failed again`);
      }
      if (handled > 0 || stopped) continue;
      // A notice during a failed pass must not turn the backoff into a hot loop.
      if (woken && failures === 0) continue;
      const waitMs = failures > 0 ? failedPassDelayMs(failures, options.pollMs) : options.pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      offRestored?.();
      await unlisten();
    },
    wake: requestPass,
  };
}
