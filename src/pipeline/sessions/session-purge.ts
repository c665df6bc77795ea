import type { Logger } from 'pino';
import type { Store } from '../../store/connect.ts';
import { deleteExpiredSessions } from '../../store/sessions.repository.ts';
import { startWorkerLoop } from '../worker-loop.ts';
import type { Worker } from '../worker-loop.ts';

const hourMs = 60 * 60_000;

/**
 * Deletes expired (and idle) sessions at start and then every hour, in every process (a delete another
 * process already did deletes nothing). Expired sessions open nothing, but each is a row and a
 * token hash kept for no reason.
 */
export async function startSessionPurge(options: {
  store: Store;
  logger: Logger;
  now: () => Date;
  pollMs?: number;
  /** Also deletes sessions unused this long (the idle timeout). */
  idleMs?: number;
}): Promise<Worker> {
  return startWorkerLoop({
    name: 'session purge',
    store: options.store,
    logger: options.logger,
    wakeOn: [],
    pollMs: options.pollMs ?? hourMs,
    // Nothing is left after one delete: report no work, so the loop waits for the next turn.
    pass: async () => {
      await deleteExpiredSessions(options.store.db, options.now(), options.idleMs);
      return 0;
    },
  });
}
