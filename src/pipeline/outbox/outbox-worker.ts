import type { Logger } from 'pino';
import type { Store } from '../../store/connect.ts';
import { queueCsatSurveys } from '../csat/csat.ts';
import { createOutboxDispatcher } from './outbox-dispatch.ts';
import type { SenderResolver } from './outbox.ts';
import { startWorkerLoop } from '../worker-loop.ts';
import type { Worker } from '../worker-loop.ts';

export type OutboxWorker = Worker;

/**
 * Runs the outbox until stopped: woken at once by a queued reply's notice (from any process),
 * and polling every `pollMs` for retries that come due. Sends run side by side, a few per
 * channel account, each under a deadline (see createOutboxDispatcher); stopping waits for the
 * sends in flight to be recorded.
 */
export async function startOutboxWorker(options: {
  store: Store;
  resolveSender: SenderResolver;
  logger: Logger;
  pollMs?: number;
  /** Sends in flight in this process at once. */
  maxInFlight?: number;
  /** Sends in flight per channel account, across processes. */
  perAccount?: number;
  /** How long one send may take before it is abandoned and retried (after a look, if needed). */
  sendTimeoutMs?: number;
}): Promise<OutboxWorker> {
  const { store, logger } = options;
  let csatCheckedAt = 0;
  // A finished send frees a slot: claim into it at once rather than at the next poll.
  let wakeLoop = () => {};
  const dispatcher = createOutboxDispatcher({
    db: store.db,
    resolveSender: options.resolveSender,
    logger,
    maxInFlight: options.maxInFlight,
    perAccount: options.perAccount,
    sendTimeoutMs: options.sendTimeoutMs,
    onSettled: () => wakeLoop(),
  });
  const loop = await startWorkerLoop({
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
      return dispatcher.pass();
    },
  });
  wakeLoop = () => loop.wake();
  return {
    async stop() {
      await loop.stop();
      await dispatcher.drain();
    },
  };
}
