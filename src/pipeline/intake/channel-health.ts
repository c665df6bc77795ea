import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import {
  defaultChannelHealthConfig,
  heardAlive,
  heardError,
  heardEvents,
  judgeChannelHealth,
  watchChannel,
} from '../../domain/channel-health.ts';
import type { ChannelHealthConfig, ChannelHealthState } from '../../domain/channel-health.ts';
import {
  markListeningFailed,
  markListeningRecovered,
  saveLastHeard,
} from '../../store/channel-health.repository.ts';
import type { Database } from '../../store/schema.ts';
import { raiseAlert } from '../alerts/alert-raise.ts';

/** How the runner's health monitor judges sources; tests shorten the windows. */
export interface ChannelHealthOptions extends Partial<ChannelHealthConfig> {
  /** How often sources are judged and their last sign of life stored. */
  checkMs?: number;
}

/** The account a watched source listens for. */
interface WatchedAccount {
  id: string;
  workspaceId: string;
  brandId: string;
  network: string;
  name: string;
  /** Set when the account is in error from an earlier judgement (maybe by another process). */
  listeningFailedAt: Date | null;
}

interface Watch {
  account: WatchedAccount;
  state: ChannelHealthState;
  /** What the stored account says: in error because of its source. */
  failing: boolean;
  storedAliveAt: number | undefined;
}

export interface ChannelHealth {
  /** Starts watching an account's source (again after a restart: what was seen is kept). */
  watch(account: WatchedAccount): void;
  alive(accountId: string, at: Date): void;
  error(accountId: string, error: unknown): void;
  delivered(accountId: string): void;
  forget(accountId: string): void;
  /** One pass over every watched source; the timer runs it every `checkMs`. */
  check(): Promise<void>;
  /** Stops the timer; resolves once a pass under way has finished. */
  stop(): Promise<void>;
}

/**
 * Turns sources that cannot connect or went silent into accounts in `error` with the reason (and
 * an alert), and back to `active` when they are heard again. Signs of life are counted in memory
 * (they may come thousands of times a second) and stored a few times a minute.
 */
export function startChannelHealth(options: {
  db: Kysely<Database>;
  logger: Logger;
  now: () => Date;
  health?: ChannelHealthOptions | undefined;
}): ChannelHealth {
  const { db, logger, now } = options;
  const config: ChannelHealthConfig = { ...defaultChannelHealthConfig, ...options.health };
  const watches = new Map<string, Watch>();
  let checking: Promise<void> = Promise.resolve();

  async function judge(watch: Watch, at: Date): Promise<void> {
    const { account } = watch;
    const aliveAt = watch.state.lastAliveAt;
    if (aliveAt !== undefined && aliveAt !== watch.storedAliveAt) {
      await saveLastHeard(db, account.id, new Date(aliveAt));
      watch.storedAliveAt = aliveAt;
    }
    const verdict = judgeChannelHealth(watch.state, at, config);
    if (!verdict.healthy && !watch.failing) {
      watch.failing = true;
      if (!(await markListeningFailed(db, account.id, verdict.reason, at))) return;
      logger.warn({ accountId: account.id, reason: verdict.reason }, 'channel not listening');
      await raiseAlert(db, {
        workspaceId: account.workspaceId,
        kind: 'channel_error',
        dedupeKey: `channel_error:${account.id}:${at.toISOString()}`,
        brandId: account.brandId,
        summary: `${account.network} account "${account.name}" is not listening: ${verdict.reason}`,
        data: { channelId: account.id, network: account.network, reason: verdict.reason },
        createdAt: at,
      });
    } else if (verdict.healthy && watch.failing) {
      watch.failing = false;
      if (await markListeningRecovered(db, account.id, at))
        logger.info({ accountId: account.id }, 'channel listening again');
    }
  }

  async function checkAll(): Promise<void> {
    const at = now();
    for (const watch of [...watches.values()]) {
      try {
        await judge(watch, at);
      } catch (error) {
        // The database is away: judged again next pass.
        logger.warn({ accountId: watch.account.id, error: String(error) }, 'health check failed');
      }
    }
  }

  const check = () => (checking = checking.then(checkAll));
  const timer = setInterval(() => void check(), options.health?.checkMs ?? 5_000);
  timer.unref();

  return {
    watch(account) {
      const existing = watches.get(account.id);
      if (existing) existing.account = account;
      else
        watches.set(account.id, {
          account,
          state: watchChannel(now()),
          failing: account.listeningFailedAt !== null,
          storedAliveAt: undefined,
        });
    },
    alive(accountId, at) {
      const watch = watches.get(accountId);
      if (watch) watch.state = heardAlive(watch.state, at);
    },
    error(accountId, error) {
      const watch = watches.get(accountId);
      const message = error instanceof Error ? error.message : String(error);
      if (watch) watch.state = heardError(watch.state, message, now());
    },
    delivered(accountId) {
      const watch = watches.get(accountId);
      if (watch?.state.failingSince !== undefined) watch.state = heardEvents(watch.state);
    },
    forget(accountId) {
      watches.delete(accountId);
    },
    check,
    stop() {
      clearInterval(timer);
      return checking;
    },
  };
}
