import { deleteCookie } from 'hono/cookie';
import { checkCredentials, recordFailedSignIn } from '../../app/auth/log-in.ts';
import { logOut } from '../../app/auth/log-out.ts';
import { findSsoOnlyWorkspaceOf } from '../../store/single-sign-on.repository.ts';
import { listUserMemberships } from '../../store/workspaces.repository.ts';
import { signIn } from '../auth/session-cookie.ts';
import { clientAddress, requestOrigin } from '../client-address.ts';
import { ApiError } from '../errors.ts';
import { rateLimited } from '../request-limits.ts';
import { sessionCookieName } from '../middleware/authenticate.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { LoginBody, SessionSchema } from '../schemas/auth.schema.ts';

const login = defineRoute({
  method: 'post',
  path: '/api/v1/auth/login',
  access: 'public',
  tags: ['auth'],
  summary: 'Log in with email and password; sets the session cookie',
  request: jsonBody(LoginBody),
  responses: { 200: jsonResponse(SessionSchema, 'Logged in') },
});

const logout = defineRoute({
  method: 'post',
  path: '/api/v1/auth/logout',
  access: 'user',
  tags: ['auth'],
  summary: 'End this session',
  responses: { 204: { description: 'Logged out' } },
});

const session = defineRoute({
  method: 'get',
  path: '/api/v1/session',
  access: 'user',
  tags: ['auth'],
  summary: 'Who is logged in, their workspaces, and the CSRF token for cookie sessions',
  responses: { 200: jsonResponse(SessionSchema, 'The current session') },
});

export const authRoutes = createRouter()
  .openapi(login, async (c) => {
    const { store, loginThrottle, passwordQueue, trustProxy, now } = c.var.deps;
    const { email, password } = c.req.valid('json');
    const address = clientAddress(c, trustProxy);
    const wait = loginThrottle.hit(email, address, now().getTime());
    if (wait !== undefined) throw rateLimited(c, wait, 'too many login attempts');
    // The lookup and the hash wait their turn (a few at a time, in turns between addresses): a
    // flood of logins from one place is turned away here instead of stalling everyone's.
    const checked = await passwordQueue.run(address, () =>
      checkCredentials(store.db, email, password),
    );
    if (!checked.admitted) {
      loginThrottle.notTried(address);
      throw rateLimited(c, 1, 'too many logins are waiting to be checked');
    }
    const user = checked.value;
    if (!user) {
      await recordFailedSignIn(store.db, email, requestOrigin(c, null), now());
      throw new ApiError(401, 'invalid_credentials', 'wrong email or password');
    }
    loginThrottle.succeeded(email, address);
    // Checked after the password, so it tells nothing to someone who does not know it.
    const ssoOnly = c.var.deps.sso ? await findSsoOnlyWorkspaceOf(store.db, user.id) : undefined;
    if (ssoOnly)
      throw new ApiError(
        403,
        'sso_required',
        `${ssoOnly} signs its members in with single sign-on only: use "Sign in with SSO"`,
      );
    return c.json(await signIn(c, user), 200);
  })
  .openapi(logout, async (c) => {
    const tokenHash = c.var.sessionTokenHash;
    if (tokenHash) await logOut(c.var.deps.store.db, c.var.user.id, tokenHash);
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(session, async (c) => {
    const memberships = await listUserMemberships(c.var.deps.store.db, c.var.user.id);
    return c.json({ user: c.var.user, csrfToken: c.var.csrfToken ?? null, memberships }, 200);
  });
