import { AtpAgent, XRPCError } from '@atproto/api';
import type { ValidBlueskyCredentials } from './credentials.ts';
import { BlueskyCredentialsError } from './credentials.ts';

/** A logged-in agent and the account it acts as. */
export interface BlueskySession {
  agent: AtpAgent;
  did: string;
  handle: string;
}

/**
 * Logs in with an app password; a refusal becomes a BlueskyCredentialsError that says so. Every
 * call of the agent goes through `fetch` (the egress policy's), including the PDS it moves to.
 */
export async function login(
  credentials: ValidBlueskyCredentials,
  fetcher: typeof fetch,
): Promise<BlueskySession> {
  const agent = new AtpAgent({ service: credentials.service, fetch: fetcher });
  try {
    const { data } = await agent.login({
      identifier: credentials.identifier,
      password: credentials.appPassword,
    });
    return { agent, did: data.did, handle: data.handle };
  } catch (error) {
    if (error instanceof XRPCError && error.status === 401) {
      throw new BlueskyCredentialsError(
        'login_failed',
        `Bluesky refused the login of ${credentials.identifier} at ${credentials.service}: wrong identifier or app password (${error.message})`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Keeps one session per account, so sending does not log in each time: the network allows few
 * logins (createSession is rate-limited far below posting). The agent refreshes its own tokens.
 */
export class SessionCache {
  readonly #sessions = new Map<string, Promise<BlueskySession>>();
  readonly #fetch: typeof fetch;

  constructor(fetcher: typeof fetch) {
    this.#fetch = fetcher;
  }

  get(credentials: ValidBlueskyCredentials): Promise<BlueskySession> {
    const key = sessionKey(credentials);
    const known = this.#sessions.get(key);
    if (known) return known;
    const session = login(credentials, this.#fetch);
    this.#sessions.set(key, session);
    // A failed login is not kept: the next call tries again.
    session.catch(() => {
      if (this.#sessions.get(key) === session) this.#sessions.delete(key);
    });
    return session;
  }

  /** Forgets an account's session, e.g. after the PDS stopped accepting it. */
  forget(credentials: ValidBlueskyCredentials): void {
    this.#sessions.delete(sessionKey(credentials));
  }
}

function sessionKey(credentials: ValidBlueskyCredentials): string {
  return JSON.stringify([credentials.service, credentials.identifier, credentials.appPassword]);
}
