import type { Logger } from 'pino';
import type { Store } from '../../store/connect.ts';
import { deliverAlertsOnce } from './alert-deliver.ts';
import type { DeliverOptions } from './alert-deliver.ts';
import { runAlertDetectionOnce } from './alert-detect.ts';
import { startWorkerLoop } from '../worker-loop.ts';
import type { Worker } from '../worker-loop.ts';

type AlertWorker = Worker;

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
  return startWorkerLoop({
    name: 'alert',
    store,
    logger,
    wakeOn: ['alert.raised'],
    pollMs: options.pollMs ?? 15_000,
    async pass() {
      const raised = await runAlertDetectionOnce(store.db, now());
      const delivered = await deliverAlertsOnce(store.db, now(), options.delivery);
      if (raised + delivered > 0) logger.info({ raised, delivered }, 'alert pass');
      return delivered;
    },
  });
}
