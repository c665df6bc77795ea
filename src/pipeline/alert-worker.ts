import type { Logger } from 'pino';
import { changesChannel, parseChangeNotice } from '../store/changes.ts';
import type { Store } from '../store/connect.ts';
import { deliverAlertsOnce } from './alert-deliver.ts';
import type { DeliverOptions } from './alert-deliver.ts';
import { runAlertDetectionOnce } from './alert-detect.ts';

export interface AlertWorker {
  stop(): Promise<void>;
}

/**
 * Runs the alert detectors and delivers alerts until stopped: a pass every `pollMs`, and at
 * once when any process raises an alert (a test alert from the API). Safe in every process: the
 * detectors take an advisory lock, deliveries are claimed with SKIP LOCKED.
 */
export async function startAlertWorker(options: {
  store: Store;
  logger: Logger;
  delivery: DeliverOptions;
  now?: () => Date;
  pollMs?: number;
}): Promise<AlertWorker> {
  const { store, logger } = options;
  const now = options.now ?? (() => new Date());
  let stopped = false;
  let wake: (() => void) | undefined;
  const unlisten = await store.listen(changesChannel, (payload) => {
    if (parseChangeNotice(payload)?.type === 'alert.raised') wake?.();
  });
  const loop = (async () => {
    while (!stopped) {
      let delivered = 0;
      try {
        const raised = await runAlertDetectionOnce(store.db, now());
        delivered = await deliverAlertsOnce(store.db, now(), options.delivery);
        if (raised + delivered > 0) logger.info({ raised, delivered }, 'alert pass');
      } catch (error) {
        logger.error({ err: error }, 'alert pass failed; retrying');
      }
      if (delivered > 0 || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs ?? 15_000);
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
  };
}
