import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import {
  findLiveApiToken,
  findLiveSession,
  findLiveSessionInWorkspace,
  touchApiToken,
  touchSession,
} from '../../store/sessions.repository.ts';
import type { Context } from 'hono';
import { hashToken, safeEqual } from '../../security/tokens.ts';
import { accountSettings } from '../auth/account-settings.ts';
import { clientAddress, requestOrigin } from '../client-address.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { rateLimited } from '../request-limits.ts';
import { uuidPattern } from './workspace-access.ts';

export const sessionCookieName = 'earshot_session';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
// Writing last_seen_at on every request would double the writes: once a minute is precise
// enough for an idle timeout counted in hours.
const touchEveryMs = 60_000;

/** Wrong credentials count against the client's address, like any unauthenticated request. */
function refuse(c: Context<AppEnv>, error: ApiError): ApiError {
  const { requestLimits, trustProxy, now } = c.var.deps;
  requestLimits.anonymous.hit(clientAddress(c, trustProxy), now().getTime());
  return error;
}

/** A generous limit per session or token: a runaway script, not a person, reaches it. */
function countCall(c: Context<AppEnv>, key: string): void {
  const { requestLimits, now } = c.var.deps;
  const wait = requestLimits.caller.hit(key, now().getTime());
  if (wait !== undefined)
    throw rateLimited(c, wait, 'too many requests with this session or token');
}

/**
 * For routes of the user rather than a workspace (tokens, password, workspaces): a read token
 * reads them and changes nothing. In a workspace, its scope caps its role (workspace-access.ts).
 */
export const refuseReadTokenWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.tokenScope === 'read' && !safeMethods.has(c.req.method))
    throw new ApiError(403, 'forbidden', 'this API token has the read scope: it cannot write');
  return next();
});

/**
 * Who is calling: a personal API token (`Authorization: Bearer esk_…`) or a session cookie.
 * Cookie-authenticated writes must carry the session's CSRF token in `x-csrf-token`.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const { store, now } = c.var.deps;
  const authorization = c.req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(esk_[A-Za-z0-9_-]{20,100})$/.exec(authorization);
    if (!match?.[1])
      throw refuse(
        c,
        new ApiError(
          401,
          'unauthenticated',
          'the Authorization header must be "Bearer <API token>"',
        ),
      );
    const apiTokenHash = hashToken(match[1]);
    const token = await findLiveApiToken(store.db, apiTokenHash, now());
    if (!token)
      throw refuse(
        c,
        new ApiError(401, 'unauthenticated', 'this API token is unknown, expired or revoked'),
      );
    countCall(c, `token:${token.tokenId}`);
    await touchApiToken(store.db, token.tokenId, now());
    c.set('user', { id: token.id, email: token.email, name: token.name });
    c.set('authMethod', 'token');
    c.set('sessionTokenHash', undefined);
    c.set('signedInWith', undefined);
    c.set('apiTokenHash', apiTokenHash);
    c.set('tokenScope', token.scope);
    c.set('csrfToken', undefined);
    c.set('origin', requestOrigin(c, token.tokenId));
    c.set('pathWorkspaceAccess', undefined);
    return next();
  }
  const cookie = getCookie(c, sessionCookieName);
  if (!cookie) throw refuse(c, new ApiError(401, 'unauthenticated', 'log in first'));
  const tokenHash = hashToken(cookie);
  const { sessionIdleMs } = accountSettings(c.var.deps);
  // A workspace route's membership comes with the session, in one round trip.
  const pathWorkspace = c.req.param('workspaceId')?.toLowerCase();
  const inWorkspace =
    pathWorkspace && uuidPattern.test(pathWorkspace)
      ? await findLiveSessionInWorkspace(store.db, tokenHash, now(), sessionIdleMs, pathWorkspace)
      : undefined;
  const session = inWorkspace ?? (await findLiveSession(store.db, tokenHash, now(), sessionIdleMs));
  if (!session)
    throw refuse(c, new ApiError(401, 'unauthenticated', 'your session has expired; log in again'));
  countCall(c, `session:${tokenHash}`);
  if (!safeMethods.has(c.req.method)) {
    const sent = c.req.header('x-csrf-token') ?? '';
    if (!safeEqual(sent, session.csrfToken)) {
      throw new ApiError(
        403,
        'csrf_failed',
        'missing or wrong x-csrf-token header for a cookie session',
      );
    }
  }
  if (now().getTime() - session.lastSeenAt.getTime() >= touchEveryMs)
    await touchSession(store.db, tokenHash, now());
  c.set('user', { id: session.id, email: session.email, name: session.name });
  c.set('authMethod', 'session');
  c.set('sessionTokenHash', tokenHash);
  c.set('signedInWith', session.signedInWith);
  c.set('apiTokenHash', undefined);
  c.set('tokenScope', undefined);
  c.set('csrfToken', session.csrfToken);
  c.set('origin', requestOrigin(c, null));
  c.set(
    'pathWorkspaceAccess',
    inWorkspace ? { workspaceId: pathWorkspace!, access: inWorkspace.access } : undefined,
  );
  return next();
});
