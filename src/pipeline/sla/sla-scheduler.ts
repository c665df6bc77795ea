import type { Logger } from 'pino';
import type { Kysely } from 'kysely';
import type { Store } from '../../store/connect.ts';
import type { Database } from '../../store/schema.ts';
import { runFollowUpsOnce } from './follow-up.ts';
import { runSlaChecksOnce } from './sla-checks.ts';
import { runFollowTheSunOnce } from './sla-follow-the-sun.ts';
import { startWorkerLoop } from '../worker-loop.ts';
import type { Worker } from '../worker-loop.ts';

export type SlaScheduler = Worker;

/** One pass of everything time-driven: SLA warnings and breaches, follow-ups, follow-the-sun. */
export async function runSlaSchedulerOnce(db: Kysely<Database>, now: Date): Promise<number> {
  const checked = await runSlaChecksOnce(db, now);
  const followedUp = await runFollowUpsOnce(db, now);
  const moved = await runFollowTheSunOnce(db, now);
  return checked + followedUp + moved;
}

/**
 * Runs the SLA scheduler until stopped: a pass every `pollMs` (due times are minutes apart, so a
 * few seconds late is on time), and at once when any process sets a follow-up. Safe to run in
 * every process: each pass claims its rows with SKIP LOCKED.
 */
export async function startSlaScheduler(options: {
  store: Store;
  logger: Logger;
  now?: () => Date;
  pollMs?: number;
}): Promise<SlaScheduler> {
  const { store, logger } = options;
  const now = options.now ?? (() => new Date());
  return startWorkerLoop({
    name: 'SLA scheduler',
    store,
    logger,
    wakeOn: ['conversation.follow_up_set'],
    pollMs: options.pollMs ?? 5000,
    async pass() {
      const handled = await runSlaSchedulerOnce(store.db, now());
      if (handled > 0) logger.debug({ handled }, 'SLA scheduler pass');
      return handled;
    },
  });
}
