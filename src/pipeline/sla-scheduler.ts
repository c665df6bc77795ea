import type { Logger } from 'pino';
import type { Kysely } from 'kysely';
import { changesChannel, parseChangeNotice } from '../store/changes.ts';
import type { Store } from '../store/connect.ts';
import type { Database } from '../store/schema.ts';
import { runFollowUpsOnce } from './follow-up.ts';
import { runSlaChecksOnce } from './sla-checks.ts';
import { runFollowTheSunOnce } from './sla-follow-the-sun.ts';

export interface SlaScheduler {
  stop(): Promise<void>;
}

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
  let stopped = false;
  let wake: (() => void) | undefined;
  const unlisten = await store.listen(changesChannel, (payload) => {
    if (parseChangeNotice(payload)?.type === 'conversation.follow_up_set') wake?.();
  });
  const loop = (async () => {
    while (!stopped) {
      let handled = 0;
      try {
        handled = await runSlaSchedulerOnce(store.db, now());
        if (handled > 0) logger.debug({ handled }, 'SLA scheduler pass');
      } catch (error) {
        logger.error({ err: error }, 'SLA scheduler pass failed; retrying');
      }
      if (handled > 0 || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs ?? 5000);
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
