import type { Logger } from 'pino';
import type { Store } from '../store/connect.ts';
import { queueCsatSurveys } from './csat.ts';
import { runOutboxOnce } from './outbox.ts';
import type { SenderResolver } from './outbox.ts';
import { startWorkerLoop } from './worker-loop.ts';
import type { Worker } from './worker-loop.ts';

export type OutboxWorker = Worker;

/**
 * Runs the outbox until stopped: woken at once by a queued reply's notice (from any process),
 * and polling every `pollMs` for retries that come due.
 */
export async function startOutboxWorker(options: {
  store: Store;
  resolveSender: SenderResolver;
  logger: Logger;
  pollMs?: number;
}): Promise<OutboxWorker> {
  const { store, logger } = options;
  let csatCheckedAt = 0;
  return startWorkerLoop({
    name: 'outbox',
    store,
    logger,
    wakeOn: ['reply.updated'],
    pollMs: options.pollMs ?? 1000,
    async pass() {
      // Surveys after resolutions become replies first, so this same pass can send them
      // (at most every 30 s: finding them is a scan).
      if (Date.now() - csatCheckedAt >= 30_000) {
        csatCheckedAt = Date.now();
        await queueCsatSurveys(store.db, new Date());
      }
      return runOutboxOnce({ db: store.db, resolveSender: options.resolveSender, logger });
    },
  });
}
