import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Channel, EventSource, SharedSource, SourceOptions } from '../../channels/channel.ts';
import type { Network } from '../../domain/network.ts';
import {
  channelAccountsChannel,
  listRunnableChannelAccounts,
  recordChannelError,
} from '../../store/channel-accounts.repository.ts';
import type { RunnableChannelAccount } from '../../store/channel-accounts.repository.ts';
import { openChannelLockSession } from '../../store/channel-locks.ts';
import { findHeardBefore } from '../../store/heard-before.repository.ts';
import { findSharedSourceCursor } from '../../store/shared-source-cursors.repository.ts';
import type { ChannelLockSession } from '../../store/channel-locks.ts';
import type { Store } from '../../store/connect.ts';
import type { Database } from '../../store/schema.ts';
import { backoffDelayMs } from '../backoff.ts';
import { credentialsContext } from './channel-registry.ts';
import type { ChannelServices } from './channel-registry.ts';
import { storeChannelBatch, storeSharedBatch } from './channel-runner-batch.ts';
import { startAuthorProfiles } from './author-profiles.ts';
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
  /**
   * How often to try to take over a shared source (a relay) another process holds: 5 s, so a
   * source whose process died is heard again within 15 s.
   */
  sharedRetryMs?: number;
  /**
   * The listening terms of an account's brand as a shared source reads them; default: the
   * brand's, from the terms feed (tests give their own).
   */
  termsFor?: (account: RunnableChannelAccount) => SourceOptions['terms'];
  /** How often sources' brand terms are reloaded without being told of a change (30 s). */
  termsRefreshMs?: number;
}

export interface ChannelRunner {
  /** Starts and stops sources to match the accounts stored now. */
  reconcile(): Promise<void>;
  /** Ids of the accounts this runner is listening to. */
  running(): string[];
  /** Keys (`<network>:<key>`) of the shared sources this runner consumes. */
  sharedSources(): string[];
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

/** A stream many accounts share (a Bluesky relay), consumed by the process holding its lock. */
interface RunningShared {
  network: Network;
  key: string;
  channel: Channel;
  locks: ChannelLockSession;
  source: SharedSource | undefined;
  /** Accounts joined, with the credentials they joined with. */
  members: Map<string, RunnableChannelAccount>;
  failures: number;
  restartTimer: NodeJS.Timeout | undefined;
  lastErrorAt: number;
  aliveToldAt: number;
  stopped: boolean;
}

/** Accounts of one shared source, as the store has them now. */
interface SharedGroup {
  network: Network;
  key: string;
  channel: Channel;
  accounts: Array<{ account: RunnableChannelAccount; credentials: unknown }>;
}

/** How far back a source started again remembers its account's threads and authors (30 days, 10,000 of each). */
const heardBeforeMs = 30 * 24 * 60 * 60_000;
const heardBeforeLimit = 10_000;

/** Wait before reconciling again after the n-th failed pass in a row (the database is away). */
const retryDelayMs = (failures: number) => Math.min(500 * 2 ** failures, 10_000);

/**
 * Listens to every active account whose network has a source, each in at most one process at a
 * time (a PostgreSQL advisory lock per account). Accounts whose channel names a shared source
 * (`Channel.sourceKey`: every Bluesky account on one relay) are heard through one source per
 * key, consumed by the one process holding that key's lock; another process tries to take it
 * every `sharedRetryMs` and resumes from the source's stored cursor. A failing source is restarted with backoff from
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
  const shared = new Map<string, RunningShared>();
  /** Shared sources with accounts here that this runner could not take (another holds them). */
  let sharedWaiting = 0;
  /** Decrypted credentials of shared accounts, by account id, while their ciphertext is the same. */
  const decrypted = new Map<string, { encrypted: string; credentials: unknown }>();
  let stopping = false;
  let reconciling: Promise<void> = Promise.resolve();
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  const health = startChannelHealth({ db, logger, now, health: options.health });
  const profiles = startAuthorProfiles({ db, logger, now });
  const termsFeed = await startListeningTermsFeed({
    store: options.store,
    logger,
    refreshMs: options.termsRefreshMs,
  });

  const heardBeforeOf = (accountId: string) =>
    findHeardBefore(db, accountId, new Date(now().getTime() - heardBeforeMs), heardBeforeLimit);

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
      const heardBefore = await heardBeforeOf(account.id);
      const source = await channel.listen!(credentials, {
        cursor: account.cursor ?? undefined,
        heardBefore,
        terms: () => termsFeed.terms(account.brandId),
        onEvents: async (events) => {
          if (events.length === 0 || state.stopped) return;
          const { authors } = await storeChannelBatch(
            db,
            account,
            channel,
            events,
            now(),
            assess,
            (tx) => state.locks.assertHeld(tx, accountId),
          );
          profiles.request(account, channel, credentials, authors);
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
    const heldShared = [...shared.entries()].filter(([, state]) => state.locks === lost);
    void Promise.all([
      ...held.map(([accountId]) => stopAccount(accountId, false)),
      ...heldShared.map(([id]) => stopShared(id, false)),
    ]).then(() => {
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

  /** Splits the runnable accounts: those that share a source (grouped by its key), and the rest. */
  async function groupShared(
    runnable: RunnableChannelAccount[],
  ): Promise<{ single: Set<string>; groups: Map<string, SharedGroup> }> {
    const single = new Set<string>();
    const groups = new Map<string, SharedGroup>();
    for (const account of runnable) {
      const channel = services.registry.get(account.network as Network)!.channel;
      if (!channel.sourceKey || !channel.listenShared) {
        single.add(account.id);
        continue;
      }
      let credentials: unknown;
      const cached = decrypted.get(account.id);
      if (cached?.encrypted === account.credentialsEncrypted) credentials = cached.credentials;
      else {
        try {
          credentials = decryptCredentials(
            services.secretKey,
            account.credentialsEncrypted!,
            credentialsContext(account.id),
          );
        } catch (error) {
          await recordChannelError(db, account.id, message(error), now(), true);
          continue;
        }
        decrypted.set(account.id, { encrypted: account.credentialsEncrypted!, credentials });
      }
      const key = channel.sourceKey(credentials);
      // Credentials naming no stream are listened to alone, where their error is reported.
      if (key === undefined) {
        single.add(account.id);
        continue;
      }
      const id = `${account.network}:${key}`;
      const group = groups.get(id) ?? {
        network: account.network as Network,
        key,
        channel,
        accounts: [],
      };
      group.accounts.push({ account, credentials });
      groups.set(id, group);
    }
    return { single, groups };
  }

  /** Reports a shared source's trouble on each of its accounts (at most every 5 s). */
  function sharedFailed(id: string, state: RunningShared, error: unknown): void {
    if (state.stopped) return;
    for (const accountId of state.members.keys()) health.error(accountId, error);
    const at = now();
    if (at.getTime() - state.lastErrorAt < 5_000) return;
    state.lastErrorAt = at.getTime();
    logger.warn({ source: id, error: message(error) }, 'shared source trouble');
    for (const accountId of state.members.keys())
      void recordChannelError(db, accountId, message(error), at).catch(() => {});
  }

  async function startShared(id: string, state: RunningShared, group: SharedGroup): Promise<void> {
    const stored = await findSharedSourceCursor(db, id);
    // First run on this source: resume where the oldest of its accounts left off alone.
    const cursors = group.accounts
      .map(({ account }) => account.cursor)
      .filter((cursor): cursor is string => cursor !== null && /^\d+$/.test(cursor));
    const cursor =
      stored ?? (cursors.length > 0 ? String(Math.min(...cursors.map(Number))) : undefined);
    try {
      const source = await group.channel.listenShared!(group.key, {
        cursor,
        onEvents: async (batch) => {
          if (state.stopped) throw new Error('the shared source is stopping');
          const { authors } = await storeSharedBatch(
            db,
            id,
            state.members,
            group.channel,
            batch,
            now(),
            assess,
            (tx) => state.locks.assertHeld(tx, id),
          );
          for (const [accountId, authorIds] of authors) {
            const account = state.members.get(accountId);
            const credentials = decrypted.get(accountId)?.credentials;
            if (account && credentials !== undefined)
              profiles.request(account, group.channel, credentials, authorIds);
          }
          state.failures = 0;
          for (const accountId of state.members.keys()) health.delivered(accountId);
        },
        onError: (error) => sharedFailed(id, state, error),
        // Every frame says the relay is alive; told to each account at most once a second.
        onAlive: (at) => {
          if (at.getTime() - state.aliveToldAt < 1_000) return;
          state.aliveToldAt = at.getTime();
          for (const accountId of state.members.keys()) health.alive(accountId, at);
        },
      });
      if (state.stopped) await source.close();
      else state.source = source;
    } catch (error) {
      state.failures += 1;
      sharedFailed(id, state, error);
      if (!state.stopped)
        state.restartTimer = setTimeout(
          () => void startShared(id, state, group).then(() => reconcile()),
          restartDelay(state.failures),
        );
    }
  }

  /** Joins the group's accounts not yet in the source and lets go of those no longer in it. */
  async function syncShared(state: RunningShared, group: SharedGroup): Promise<void> {
    const source = state.source;
    if (!source) return;
    const wanted = new Map(group.accounts.map((entry) => [entry.account.id, entry]));
    for (const [accountId, joined] of [...state.members]) {
      const current = wanted.get(accountId);
      if (current?.account.credentialsEncrypted === joined.credentialsEncrypted) continue;
      source.leave(accountId);
      state.members.delete(accountId);
      health.forget(accountId);
    }
    for (const { account, credentials } of group.accounts) {
      if (state.members.has(account.id) || state.stopped) continue;
      try {
        let terms = options.termsFor?.(account);
        if (!terms) {
          await termsFeed.watch(account.brandId);
          terms = () => termsFeed.terms(account.brandId);
        }
        await source.join(account.id, credentials, {
          terms,
          heardBefore: await heardBeforeOf(account.id),
        });
        state.members.set(account.id, account);
        health.watch(account);
      } catch (error) {
        logger.warn({ accountId: account.id, error: message(error) }, 'account cannot listen');
        await recordChannelError(db, account.id, message(error), now());
      }
    }
  }

  async function stopShared(id: string, unlock = true): Promise<void> {
    const state = shared.get(id);
    if (!state) return;
    state.stopped = true;
    clearTimeout(state.restartTimer);
    shared.delete(id);
    for (const accountId of state.members.keys()) health.forget(accountId);
    await state.source?.close().catch(() => {});
    claimed.delete(id);
    if (unlock) await state.locks.unlock(id).catch(() => {});
  }

  async function reconcileShared(
    session: ChannelLockSession,
    groups: Map<string, SharedGroup>,
  ): Promise<void> {
    for (const id of [...shared.keys()]) if (!groups.has(id)) await stopShared(id);
    let waiting = 0;
    for (const [id, group] of groups) {
      if (stopping) return;
      let state = shared.get(id);
      if (!state) {
        if (claimed.has(id) || !(await session.tryLock(id))) {
          waiting += 1;
          continue;
        }
        if (locks !== session) throw new Error('the channel lock session was lost');
        claimed.add(id);
        state = {
          network: group.network,
          key: group.key,
          channel: group.channel,
          locks: session,
          source: undefined,
          members: new Map(),
          failures: 0,
          restartTimer: undefined,
          lastErrorAt: 0,
          aliveToldAt: 0,
          stopped: false,
        };
        shared.set(id, state);
        await startShared(id, state, group);
      }
      await syncShared(state, group);
      state.source?.start();
    }
    sharedWaiting = waiting;
  }

  async function reconcileNow(): Promise<void> {
    if (stopping) return;
    const session = await openLocks();
    const runnable = await listRunnableChannelAccounts(db, { networks: listening });
    const { single: wanted, groups } = await groupShared(runnable);
    await reconcileShared(session, groups);
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
  // A shared source held elsewhere is tried again often: its holder may have died.
  const sharedTimer = setInterval(() => {
    if (sharedWaiting > 0) void reconcile();
  }, options.sharedRetryMs ?? 5_000);
  await reconcile();

  return {
    reconcile,
    running: () => [
      ...[...accounts.entries()].filter(([, s]) => s.source).map(([id]) => id),
      ...[...shared.values()].filter((s) => s.source).flatMap((s) => [...s.members.keys()]),
    ],
    sharedSources: () => [...shared.entries()].filter(([, s]) => s.source).map(([id]) => id),
    async stop() {
      stopping = true;
      clearInterval(timer);
      clearInterval(sharedTimer);
      clearTimeout(retryTimer);
      offRestored?.();
      await unlisten?.();
      await reconciling;
      await health.stop();
      for (const accountId of [...accounts.keys()]) await stopAccount(accountId);
      for (const id of [...shared.keys()]) await stopShared(id);
      await profiles.stop();
      await termsFeed.close();
      await locks?.close();
    },
  };
}
