import type { Logger } from 'pino';
import { changesChannel, parseChangeNotice } from '../store/changes.ts';
import type { Store } from '../store/connect.ts';
import { runOutboxOnce } from './outbox.ts';
import { queueCsatSurveys } from './csat.ts';
import type { SenderResolver } from './outbox.ts';

export interface OutboxWorker {
  stop(): Promise<void>;
}

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
  let stopped = false;
  let wake: (() => void) | undefined;
  let csatCheckedAt = 0;
  const unlisten = await store.listen(changesChannel, (payload) => {
    if (parseChangeNotice(payload)?.type === 'reply.updated') wake?.();
  });
  const loop = (async () => {
    while (!stopped) {
      let handled = 0;
      try {
        // Surveys after resolutions become replies first, so this same pass can send them
        // (at most every 30 s: finding them is a scan).
        if (Date.now() - csatCheckedAt >= 30_000) {
          csatCheckedAt = Date.now();
          await queueCsatSurveys(store.db, new Date());
        }
        handled = await runOutboxOnce({
          db: store.db,
          resolveSender: options.resolveSender,
          logger,
        });
      } catch (error) {
        logger.error({ err: error }, 'outbox run failed; retrying');
      }
      if (handled > 0 || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs ?? 1000);
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
