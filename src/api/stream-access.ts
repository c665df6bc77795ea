import { findLiveApiTokenHashes, findLiveSessionHashes } from '../store/sessions.repository.ts';
import { findWorkspaceAccessOfUsers } from '../store/two-factor.repository.ts';
import { accountSettings } from './auth/account-settings.ts';
import type { AppDependencies } from './context.ts';

/** Who an open event stream listens as. */
export interface StreamCaller {
  workspaceId: string;
  userId: string;
  sessionTokenHash: string | undefined;
  apiTokenHash: string | undefined;
}

interface Waiting {
  caller: StreamCaller;
  resolve: (allowed: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Whether streams' callers may still listen: their session (unexpired, not idle) or API token
 * (not revoked) is still there, and they are still members of the workspace (meeting its
 * two-factor rule). Checks asked for together (the heartbeat sweep asks for a slice of streams
 * at once) are answered by one query for the sessions, one for the tokens and one per
 * workspace: a thousand streams cost three queries, not two thousand.
 */
export class StreamAccessChecker {
  readonly #deps: AppDependencies;
  #waiting: Waiting[] = [];

  constructor(deps: AppDependencies) {
    this.#deps = deps;
  }

  check(caller: StreamCaller): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ caller, resolve, reject });
      if (this.#waiting.length === 1) queueMicrotask(() => void this.#answer());
    });
  }

  async #answer(): Promise<void> {
    const waiting = this.#waiting;
    this.#waiting = [];
    try {
      const allowed = await this.#allowed(waiting.map((w) => w.caller));
      waiting.forEach((w, index) => w.resolve(allowed[index]!));
    } catch (error) {
      for (const w of waiting) w.reject(error);
    }
  }

  async #allowed(callers: StreamCaller[]): Promise<boolean[]> {
    const { store, now } = this.#deps;
    const at = now();
    const present = (values: Array<string | undefined>) => [
      ...new Set(values.filter((value): value is string => value !== undefined)),
    ];
    const sessions = await findLiveSessionHashes(
      store.db,
      present(callers.map((c) => (c.apiTokenHash ? undefined : c.sessionTokenHash))),
      at,
      accountSettings(this.#deps).sessionIdleMs,
    );
    const tokens = await findLiveApiTokenHashes(
      store.db,
      present(callers.map((c) => c.apiTokenHash)),
      at,
    );
    const access = new Map<string, Awaited<ReturnType<typeof findWorkspaceAccessOfUsers>>>();
    for (const workspaceId of present(callers.map((c) => c.workspaceId))) {
      const userIds = present(
        callers.filter((c) => c.workspaceId === workspaceId).map((c) => c.userId),
      );
      access.set(workspaceId, await findWorkspaceAccessOfUsers(store.db, workspaceId, userIds));
    }
    return callers.map((caller) => {
      const signedIn = caller.apiTokenHash
        ? tokens.has(caller.apiTokenHash)
        : caller.sessionTokenHash !== undefined && sessions.has(caller.sessionTokenHash);
      const member = access.get(caller.workspaceId)?.get(caller.userId);
      return (
        signedIn && member !== undefined && (!member.requireTwoFactor || member.twoFactorEnabled)
      );
    });
  }
}

const checkers = new WeakMap<AppDependencies, StreamAccessChecker>();

/** The checker of this server's streams (one per set of dependencies, made when first asked). */
export function streamAccessChecker(deps: AppDependencies): StreamAccessChecker {
  let checker = checkers.get(deps);
  if (!checker) {
    checker = new StreamAccessChecker(deps);
    checkers.set(deps, checker);
  }
  return checker;
}
