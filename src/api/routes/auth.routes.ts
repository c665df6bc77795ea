import { z } from '@hono/zod-openapi';
import { deleteCookie } from 'hono/cookie';
import { checkCredentials, recordFailedSignIn } from '../../app/auth/log-in.ts';
import {
  answerTwoFactorChallenge,
  findChallengeUser,
  openTwoFactorChallenge,
} from '../../app/two-factor/two-factor-sign-in.ts';
import { logOut } from '../../app/auth/log-out.ts';
import { findSsoOnlyWorkspaceOf } from '../../store/single-sign-on.repository.ts';
import { findSessionAccess } from '../../store/two-factor.repository.ts';
import { signIn } from '../auth/session-cookie.ts';
import { clientAddress, requestOrigin } from '../client-address.ts';
import { ApiError } from '../errors.ts';
import { rateLimited } from '../request-limits.ts';
import { sessionCookieName } from '../middleware/authenticate.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  LoginBody,
  SessionSchema,
  TwoFactorChallengeSchema,
  TwoFactorLoginBody,
} from '../schemas/auth.schema.ts';

const login = defineRoute({
  method: 'post',
  path: '/api/v1/auth/login',
  access: 'public',
  tags: ['auth'],
  summary:
    'Log in with email and password; sets the session cookie. An account with two-factor sign-in gets no session yet: a challenge (valid 5 minutes, single-use) for POST /api/v1/auth/login/two-factor',
  request: jsonBody(LoginBody),
  responses: {
    200: jsonResponse(
      z.union([SessionSchema, TwoFactorChallengeSchema]),
      'Logged in, or the password was right and a code is needed',
    ),
  },
});

const loginTwoFactor = defineRoute({
  method: 'post',
  path: '/api/v1/auth/login/two-factor',
  access: 'public',
  tags: ['auth'],
  summary:
    'Second step of a login: the challenge and a code from the authenticator app (one 30-second step either side; never one used already) or a recovery code (works once). Sets the session cookie. Wrong codes count against the login limit, and five end the challenge',
  request: jsonBody(TwoFactorLoginBody),
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
    // Checked after the password, so it tells nothing to someone who does not know it.
    const ssoOnly = c.var.deps.sso ? await findSsoOnlyWorkspaceOf(store.db, user.id) : undefined;
    if (ssoOnly) {
      loginThrottle.succeeded(email, address);
      throw new ApiError(
        403,
        'sso_required',
        `${ssoOnly} signs its members in with single sign-on only: use "Sign in with SSO"`,
      );
    }
    const challenge = await openTwoFactorChallenge(store.db, user.id, now());
    // The count stays until the second step succeeds: the code is guessed under the same limit.
    if (challenge)
      return c.json(
        {
          twoFactorRequired: true as const,
          challenge: challenge.challenge,
          expiresAt: challenge.expiresAt.toISOString(),
        },
        200,
      );
    loginThrottle.succeeded(email, address);
    return c.json(await signIn(c, user), 200);
  })
  .openapi(loginTwoFactor, async (c) => {
    const { store, loginThrottle, trustProxy, now, channels } = c.var.deps;
    const { challenge, code } = c.req.valid('json');
    const address = clientAddress(c, trustProxy);
    const user = await findChallengeUser(store.db, challenge, now());
    const wait = loginThrottle.hit(user.email, address, now().getTime());
    if (wait !== undefined) throw rateLimited(c, wait, 'too many login attempts');
    await answerTwoFactorChallenge(store.db, channels.secretKey, {
      challenge,
      userId: user.id,
      code,
      now: now(),
    });
    loginThrottle.succeeded(user.email, address);
    return c.json(await signIn(c, user), 200);
  })
  .openapi(logout, async (c) => {
    const tokenHash = c.var.sessionTokenHash;
    if (tokenHash) await logOut(c.var.deps.store.db, c.var.user.id, tokenHash);
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(session, async (c) => {
    const access = await findSessionAccess(c.var.deps.store.db, c.var.user.id);
    return c.json({ user: c.var.user, csrfToken: c.var.csrfToken ?? null, ...access }, 200);
  });
