import type { Logger } from 'pino';
import { changesChannel, parseChangeNotice } from '../store/changes.ts';
import type { Store } from '../store/connect.ts';

/** A background loop of this process. */
export interface Worker {
  /** Lets the current pass finish, then stops listening. */
  stop(): Promise<void>;
}

/** A loop that can also be nudged from inside the process. */
export interface WakeableWorker extends Worker {
  /** Runs another pass soon (at once if idle, else right after the current one). */
  wake(): void;
}

/**
 * Runs `pass` until stopped: again at once while it finds work (it returns how much it did),
 * otherwise after `pollMs`, or as soon as any process sends a change notice of a `wakeOn` type.
 * A failing pass is logged and retried on the next turn; it never ends the loop.
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
  const loop = (async () => {
    while (!stopped) {
      let handled = 0;
      woken = false;
      try {
        handled = await options.pass();
      } catch (error) {
        logger.error({ err: error }, `${options.name} pass failed; retrying`);
      }
      if (handled > 0 || woken || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
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
      await unlisten();
    },
    wake: requestPass,
  };
}
