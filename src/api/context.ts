import type { Logger } from 'pino';
import type { Role, TokenScope } from '../domain/roles.ts';
import type { ChannelServices } from '../pipeline/intake/channel-registry.ts';
import type { Egress } from '../security/egress.ts';
import type { RequestOrigin } from '../app/use-case.ts';
import type { Store } from '../store/connect.ts';
import type { SignInMethod } from '../store/schema.ts';
import type { WorkspaceAccess } from '../store/two-factor.repository.ts';
import type { AccountSettings } from './auth/account-settings.ts';
import type { LoginThrottle } from './auth/login-throttle.ts';
import type { PasswordQueue } from './auth/password-queue.ts';
import type { SsoProvider } from '../app/auth/sso-provider.ts';
import type { RealtimeHub } from './realtime.ts';
import type { RequestLimits } from './request-limits.ts';

/** Everything a request handler may use, built once per process. */
export interface AppDependencies {
  store: Store;
  logger: Logger;
  realtime: RealtimeHub;
  loginThrottle: LoginThrottle;
  /** Password hashes run through here: a few at a time, in turns between client addresses. */
  passwordQueue: PasswordQueue;
  /** Requests per minute per client address (unauthenticated) and per session or token. */
  requestLimits: RequestLimits;
  /** True behind a reverse proxy: the client's address is X-Forwarded-For's last entry. */
  trustProxy: boolean;
  /** Channel registry and the key that encrypts channel credentials. */
  channels: ChannelServices;
  /** True when browsers reach us over https: session cookies are then Secure. */
  secureCookies: boolean;
  /** Where alert webhooks may point (default: public https only; see security/egress.ts). */
  alertEgress?: Egress;
  /** Session timeouts, and how invitation and reset links are made and mailed (issue 17). */
  accounts?: AccountSettings;
  /** The instance's OpenID Connect provider; undefined when single sign-on is not configured. */
  sso?: SsoProvider | undefined;
  /** The clock; tests move it. */
  now(): Date;
  /** Where the built web app lives; undefined serves no web app. */
  webRoot: string | undefined;
}

interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
}

export interface AppEnv {
  Variables: {
    deps: AppDependencies;
    user: AuthenticatedUser;
    /** How the caller proved who they are: cookie sessions need CSRF tokens, bearer tokens do not. */
    authMethod: 'session' | 'token';
    sessionTokenHash: string | undefined;
    /** How a cookie session was opened (password or single sign-on); undefined for a token. */
    signedInWith: SignInMethod | undefined;
    apiTokenHash: string | undefined;
    /** The calling token's scope; undefined for a session (issue 17). */
    tokenScope: TokenScope | undefined;
    csrfToken: string | undefined;
    workspaceId: string;
    role: Role;
    /**
     * The caller's access to the workspace in the route's path, read with their session in one
     * query (authenticate); requireWorkspaceRole reads it from here instead of again.
     */
    pathWorkspaceAccess: { workspaceId: string; access: WorkspaceAccess | undefined } | undefined;
    /** Address, browser and API token of the caller, for the audit log (issue 17). */
    origin: RequestOrigin;
  };
}
