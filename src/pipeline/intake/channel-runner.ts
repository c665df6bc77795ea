import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { EventSource } from '../../channels/channel.ts';
import type { Network } from '../../domain/network.ts';
import {
  channelAccountsChannel,
  listRunnableChannelAccounts,
  recordChannelError,
} from '../../store/channel-accounts.repository.ts';
import { openChannelLockSession } from '../../store/channel-locks.ts';
import type { ChannelLockSession } from '../../store/channel-locks.ts';
import type { Store } from '../../store/connect.ts';
import type { Database } from '../../store/schema.ts';
import { backoffDelayMs } from '../backoff.ts';
import { credentialsContext } from './channel-registry.ts';
import type { ChannelServices } from './channel-registry.ts';
import { storeChannelBatch } from './channel-runner-batch.ts';
import { startChannelHealth } from './channel-health.ts';
import type { ChannelHealthOptions } from './channel-health.ts';
import type { Assess } from './ingest.ts';
import { startListeningTermsFeed } from './listening-terms-feed.ts';
import { decryptCredentials } from '../../security/secrets.ts';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Advisory locks are reentrant within a session, and PGlite has one session per database: two
// runners on one store also keep out of each other's accounts in memory.
const claimedByStore = new WeakMap<Kysely<Database>, Set<string>>();

interface ChannelRunnerOptions {
  /** With `listen`, the runner is woken as soon as an account changes (in any process). */
  store: Pick<Store, 'db' | 'kind'> &
    Partial<Pick<Store, 'listen' | 'connectSession' | 'onListenRestored'>>;
  services: ChannelServices;
  logger: Logger;
  now?: () => Date;
  /**
   * How often to look for accounts connected, paused, resumed or removed (by any process)
   * without being told: 5 s, or 60 s when the store can LISTEN (then it only covers lost notices).
   */
  reconcileMs?: number;
  /** Wait before restarting a source after its n-th failure in a row. */
  restartDelayMs?: (failures: number) => number;
  assess?: Assess;
  /** When a source counts as failing or silent (channel-health.ts); tests shorten it. */
  health?: ChannelHealthOptions;
  /** How often sources' brand terms are reloaded without being told of a change (30 s). */
  termsRefreshMs?: number;
}

export interface ChannelRunner {
  /** Starts and stops sources to match the accounts stored now. */
  reconcile(): Promise<void>;
  /** Ids of the accounts this runner is listening to. */
  running(): string[];
  stop(): Promise<void>;
}

interface RunningAccount {
  /** The session holding this account's lock. */
  locks: ChannelLockSession;
  source: EventSource | undefined;
  /** Bumped on each start and each failure, so a source that reports twice restarts once. */
  generation: number;
  failures: number;
  restartTimer: NodeJS.Timeout | undefined;
  stopped: boolean;
  /** The credentials it was started with (their ciphertext): new ones restart it. */
  credentials?: string | null;
}

/** Wait before reconciling again after the n-th failed pass in a row (the database is away). */
const retryDelayMs = (failures: number) => Math.min(500 * 2 ** failures, 10_000);

/**
 * Listens to every active account whose network has a source, each in at most one process at a
 * time (a PostgreSQL advisory lock per account). A failing source is restarted with backoff from
 * its stored cursor, and its error is shown on the account. When the session holding the locks
 * dies, every source stops at once (another process may take the accounts over) and the runner
 * takes the locks again on a new session, retrying with backoff while the database is away.
 */
export async function startChannelRunner(options: ChannelRunnerOptions): Promise<ChannelRunner> {
  const { services, logger } = options;
  const { db } = options.store;
  const now = options.now ?? (() => new Date());
  const assess = options.assess ?? services.assess;
  const restartDelay =
    options.restartDelayMs ?? ((failures: number) => Math.min(backoffDelayMs(failures), 300_000));
  const listening = [...services.registry]
    .filter(([, registered]) => registered.channel.listen)
    .map(([network]) => network);
  let locks: ChannelLockSession | undefined;
  const claimed = claimedByStore.get(db) ?? new Set<string>();
  claimedByStore.set(db, claimed);
  const accounts = new Map<string, RunningAccount>();
  let stopping = false;
  let reconciling: Promise<void> = Promise.resolve();
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  const health = startChannelHealth({ db, logger, now, health: options.health });
  const termsFeed = await startListeningTermsFeed({
    store: options.store,
    logger,
    refreshMs: options.termsRefreshMs,
  });

  async function listen(accountId: string, state: RunningAccount): Promise<void> {
    const [account] = await listRunnableChannelAccounts(db, {
      networks: listening,
      accountId,
    });
    if (!account || state.stopped) return;
    const channel = services.registry.get(account.network as Network)!.channel;
    let credentials: unknown;
    try {
      credentials = decryptCredentials(
        services.secretKey,
        account.credentialsEncrypted!,
        credentialsContext(account.id),
      );
    } catch (error) {
      // A wrong key or damaged row does not heal by retrying: stop until someone acts.
      await recordChannelError(db, account.id, message(error), now(), true);
      return;
    }
    const generation = ++state.generation;
    state.credentials = account.credentialsEncrypted;
    health.watch(account);
    const fail = (error: unknown) => {
      if (state.stopped || generation !== state.generation) return;
      health.error(accountId, error);
      state.generation += 1;
      logger.warn({ accountId, network: account.network, error: message(error) }, 'source failed');
      const source = state.source;
      state.source = undefined;
      state.failures += 1;
      void (async () => {
        await source?.close().catch(() => {});
        await recordChannelError(db, accountId, message(error), now()).catch(() => {});
        if (state.stopped) return;
        state.restartTimer = setTimeout(
          () => void listen(accountId, state).catch(fail),
          restartDelay(state.failures),
        );
      })();
    };
    try {
      await termsFeed.watch(account.brandId);
      const source = await channel.listen!(credentials, {
        cursor: account.cursor ?? undefined,
        terms: () => termsFeed.terms(account.brandId),
        onEvents: async (events) => {
          if (events.length === 0 || state.stopped) return;
          await storeChannelBatch(db, account, channel, events, now(), assess, (tx) =>
            state.locks.assertHeld(tx, accountId),
          );
          state.failures = 0;
          health.delivered(accountId);
        },
        onAlive: (at) => health.alive(accountId, at),
        onError: fail,
      });
      if (state.stopped) await source.close();
      else state.source = source;
    } catch (error) {
      fail(error);
    }
  }

  async function stopAccount(accountId: string, unlock = true): Promise<void> {
    const state = accounts.get(accountId);
    if (!state) return;
    state.stopped = true;
    clearTimeout(state.restartTimer);
    accounts.delete(accountId);
    health.forget(accountId);
    await state.source?.close().catch(() => {});
    claimed.delete(accountId);
    if (unlock) await state.locks.unlock(accountId).catch(() => {});
  }

  /** The session is gone and the server has released (or will release) its locks. */
  function lockSessionLost(lost: ChannelLockSession, error: Error): void {
    if (locks !== lost) return;
    locks = undefined;
    const held = [...accounts.entries()].filter(([, state]) => state.locks === lost);
    logger.warn(
      { error: message(error), accounts: held.length },
      'channel lock session lost; stopping its sources and taking the locks again',
    );
    // Each is marked stopped at once (no new batch starts); once their sources have closed,
    // a new session takes the accounts again.
    void Promise.all(held.map(([accountId]) => stopAccount(accountId, false))).then(() => {
      if (!stopping) void reconcile();
    });
  }

  async function openLocks(): Promise<ChannelLockSession> {
    if (locks) return locks;
    const session = await openChannelLockSession(options.store);
    if (stopping) {
      await session.close();
      throw new Error('the channel runner is stopping');
    }
    locks = session;
    session.onLost((error) => lockSessionLost(session, error));
    return session;
  }

  async function reconcileNow(): Promise<void> {
    if (stopping) return;
    const session = await openLocks();
    const runnable = await listRunnableChannelAccounts(db, { networks: listening });
    const wanted = new Set(runnable.map((a) => a.id));
    for (const accountId of [...accounts.keys()])
      if (!wanted.has(accountId)) await stopAccount(accountId);
    // Credentials edited (`channel update`): stopped here, started below with the new ones.
    for (const { id, credentialsEncrypted } of runnable) {
      const started = accounts.get(id)?.credentials;
      if (started !== undefined && started !== credentialsEncrypted) await stopAccount(id);
    }
    for (const accountId of wanted) {
      if (stopping || accounts.has(accountId) || claimed.has(accountId)) continue;
      if (!(await session.tryLock(accountId))) continue;
      if (locks !== session) throw new Error('the channel lock session was lost');
      claimed.add(accountId);
      const state: RunningAccount = {
        locks: session,
        source: undefined,
        generation: 0,
        failures: 0,
        restartTimer: undefined,
        stopped: false,
      };
      accounts.set(accountId, state);
      await listen(accountId, state);
    }
  }

  const reconcile = () => {
    // One pass at a time: two overlapping passes could start an account twice.
    reconciling = reconciling.then(reconcileNow).then(
      () => {
        if (failures > 0) logger.info({ failedPasses: failures }, 'channel runner recovered');
        failures = 0;
      },
      (error: unknown) => {
        // Logged once per outage; retried with backoff until the database answers again.
        failures += 1;
        if (failures === 1)
          logger.error({ error: message(error) }, 'channel reconcile failed; retrying');
        if (!stopping && !retryTimer)
          retryTimer = setTimeout(() => {
            retryTimer = undefined;
            void reconcile();
          }, retryDelayMs(failures));
      },
    );
    return reconciling;
  };
  const unlisten = await options.store.listen?.(channelAccountsChannel, () => void reconcile());
  // Account changes told while LISTEN was down were missed: look again once it is back.
  const offRestored = options.store.onListenRestored?.(() => void reconcile());
  const pollMs = options.reconcileMs ?? (unlisten ? 60_000 : 5_000);
  const timer = setInterval(() => void reconcile(), pollMs);
  await reconcile();

  return {
    reconcile,
    running: () => [...accounts.entries()].filter(([, s]) => s.source).map(([id]) => id),
    async stop() {
      stopping = true;
      clearInterval(timer);
      clearTimeout(retryTimer);
      offRestored?.();
      await unlisten?.();
      await reconciling;
      await health.stop();
      for (const accountId of [...accounts.keys()]) await stopAccount(accountId);
      await termsFeed.close();
      await locks?.close();
    },
  };
}
