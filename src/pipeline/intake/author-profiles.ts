import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Channel } from '../../channels/channel.ts';
import {
  findAuthorsNeedingProfile,
  saveAuthorProfiles,
} from '../../store/author-profiles.repository.ts';
import type { Database } from '../../store/schema.ts';

/** The account the authors were heard on. */
interface HeardOn {
  workspaceId: string;
  network: string;
}

interface Job {
  account: HeardOn;
  fetchProfile: (
    authorId: string,
    signal: AbortSignal,
  ) => Promise<{ displayName?: string | undefined; accountCreatedAt?: Date | undefined }>;
  authorIds: string[];
}

export interface AuthorProfilesOptions {
  db: Kysely<Database>;
  logger: Logger;
  now: () => Date;
  /** A cached profile is fetched again after this long: a day. */
  staleMs?: number;
  /** Longest wait for one profile: 5 s. */
  timeoutMs?: number;
  /** An author whose fetch failed is not tried again for this long: 10 minutes. */
  retryMs?: number;
  /** Profiles fetched at once: 4. Requests beyond `maxQueued` authors (2,000) are dropped. */
  concurrency?: number;
  maxQueued?: number;
}

export interface AuthorProfiles {
  /** Fetches, in the background, the profiles of these authors that are not cached (or stale). */
  request(
    account: HeardOn,
    channel: Pick<Channel, 'fetchAuthorProfile'>,
    credentials: unknown,
    authorIds: readonly string[],
  ): void;
  /** Resolves once every requested profile is fetched or given up (for tests). */
  idle(): Promise<void>;
  /** Abandons what is under way; resolves once nothing more is written. */
  stop(): Promise<void>;
}

/**
 * Authors' display names for networks whose posts lack them (Channel.fetchAuthorProfile), fetched
 * after their posts are stored and cached on the identities for a day. Intake never waits on it:
 * a slow or failing profile server leaves the handle shown, and the name comes with a later post.
 */
export function startAuthorProfiles(options: AuthorProfilesOptions): AuthorProfiles {
  const staleMs = options.staleMs ?? 24 * 60 * 60_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const retryMs = options.retryMs ?? 10 * 60_000;
  const concurrency = options.concurrency ?? 4;
  const maxQueued = options.maxQueued ?? 2_000;
  const queue: Job[] = [];
  let queued = 0;
  /** Authors asked for lately (`workspace network id` → when), so a busy author is looked up once. */
  const askedAt = new Map<string, number>();
  const abort = new AbortController();
  let running: Promise<void> | undefined;
  let stopped = false;

  async function runJob(job: Job): Promise<void> {
    const { db, now } = options;
    const { workspaceId, network } = job.account;
    const needed = await findAuthorsNeedingProfile(
      db,
      workspaceId,
      network,
      job.authorIds,
      new Date(now().getTime() - staleMs),
    );
    const fetched: Array<{
      externalId: string;
      displayName: string | undefined;
      accountCreatedAt: Date | undefined;
    }> = [];
    let next = 0;
    const worker = async () => {
      while (next < needed.length && !stopped) {
        const authorId = needed[next++]!;
        const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(timeoutMs)]);
        try {
          const profile = await job.fetchProfile(authorId, signal);
          fetched.push({
            externalId: authorId,
            displayName: profile.displayName,
            accountCreatedAt: profile.accountCreatedAt,
          });
        } catch (error) {
          options.logger.debug(
            { network, authorId, error: error instanceof Error ? error.message : String(error) },
            'author profile not fetched',
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, needed.length) }, worker));
    if (!stopped) await saveAuthorProfiles(db, workspaceId, network, fetched, now());
  }

  async function drain(): Promise<void> {
    try {
      for (let job = queue.shift(); job && !stopped; job = queue.shift()) {
        queued -= job.authorIds.length;
        try {
          await runJob(job);
        } catch (error) {
          options.logger.warn(
            { error: error instanceof Error ? error.message : String(error) },
            'author profiles not saved',
          );
        }
      }
    } finally {
      running = undefined;
    }
  }

  function forgetOldAsks(at: number): void {
    // A Map iterates in insertion order: the oldest asks come first.
    for (const [key, asked] of askedAt) {
      if (at - asked < retryMs && askedAt.size <= 10 * maxQueued) break;
      askedAt.delete(key);
    }
  }

  return {
    request(account, channel, credentials, authorIds) {
      const fetchAuthorProfile = channel.fetchAuthorProfile;
      if (stopped || !fetchAuthorProfile || authorIds.length === 0) return;
      const at = options.now().getTime();
      forgetOldAsks(at);
      const keyOf = (id: string) => `${account.workspaceId} ${account.network} ${id}`;
      const fresh = [...new Set(authorIds)].filter((id) => !askedAt.has(keyOf(id)));
      if (fresh.length === 0 || queued + fresh.length > maxQueued) return;
      for (const id of fresh) askedAt.set(keyOf(id), at);
      queued += fresh.length;
      queue.push({
        account: { workspaceId: account.workspaceId, network: account.network },
        fetchProfile: (authorId, signal) =>
          fetchAuthorProfile.call(channel, credentials, authorId, signal),
        authorIds: fresh,
      });
      running ??= drain();
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      abort.abort();
      while (running) await running;
    },
  };
}
