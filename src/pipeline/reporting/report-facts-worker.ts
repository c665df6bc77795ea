import type { Logger } from 'pino';
import type { Store } from '../../store/connect.ts';
import {
  findWorkspacesToFold,
  foldReportFactsBatch,
} from '../../store/reporting/facts/report-facts-fold.ts';
import { startWorkerLoop } from '../worker-loop.ts';
import type { Worker } from '../worker-loop.ts';

/**
 * One pass over the workspaces with queued conversations: a batch each. A workspace another
 * process is folding is skipped (its advisory lock), so no conversation is counted twice.
 */
export async function foldReportFactsOnce(store: Store): Promise<number> {
  let folded = 0;
  for (const workspaceId of await findWorkspacesToFold(store.db)) {
    folded += await foldReportFactsBatch(store.db, workspaceId, { wait: false });
  }
  return folded;
}

/**
 * Keeps the reporting facts current in the background, in every process: again at once while
 * there is a backlog (a backfill or a large import), otherwise every `pollMs`. Reports fold
 * what is still queued themselves, so this only keeps that tail short.
 */
export async function startReportFactsWorker(options: {
  store: Store;
  logger: Logger;
  pollMs?: number;
}): Promise<Worker> {
  return startWorkerLoop({
    name: 'report facts',
    store: options.store,
    logger: options.logger,
    wakeOn: [],
    pollMs: options.pollMs ?? 2_000,
    pass: () => foldReportFactsOnce(options.store),
  });
}
