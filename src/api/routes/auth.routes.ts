import { randomBytes } from 'node:crypto';
import { deleteCookie, setCookie } from 'hono/cookie';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import { createSession, deleteSession } from '../../store/sessions.repository.ts';
import { findUserByEmail } from '../../store/users.repository.ts';
import { listUserMemberships } from '../../store/workspaces.repository.ts';
import { defaultScryptCost, verifyPassword } from '../../security/passwords.ts';
import { generateToken, hashToken } from '../auth/tokens.ts';
import { clientAddress } from '../client-address.ts';
import { ApiError } from '../errors.ts';
import { rateLimited } from '../request-limits.ts';
import { sessionCookieName } from '../middleware/authenticate.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { LoginBody, SessionSchema } from '../schemas/auth.schema.ts';

const sessionLifetimeMs = 14 * 24 * 60 * 60 * 1000;

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

// A hash of a password nobody has, at the cost real hashes have, checked when the email is
// unknown, so both failures take the same time and do not reveal which emails have accounts.
const { N, r, p } = defaultScryptCost;
const decoyHash = `scrypt$${N}$${r}$${p}$${'A'.repeat(22)}==$${'A'.repeat(43)}=`;

export const authRoutes = createRouter()
  .openapi(login, async (c) => {
    const { store, loginThrottle, passwordQueue, trustProxy, now, secureCookies } = c.var.deps;
    const { email, password } = c.req.valid('json');
    const address = clientAddress(c, trustProxy);
    const wait = loginThrottle.hit(email, address, now().getTime());
    if (wait !== undefined) throw rateLimited(c, wait, 'too many login attempts');
    // The lookup and the hash wait their turn (a few at a time, in turns between addresses): a
    // flood of logins from one place is turned away here instead of stalling everyone's.
    const checked = await passwordQueue.run(address, async () => {
      const found = await findUserByEmail(store.db, email);
      const valid = await verifyPassword(password, found?.password_hash ?? decoyHash);
      return { user: found, valid };
    });
    if (!checked.admitted) {
      loginThrottle.notTried(address);
      throw rateLimited(c, 1, 'too many logins are waiting to be checked');
    }
    const { user, valid } = checked.value;
    if (!user || !user.password_hash || !valid) {
      throw new ApiError(401, 'invalid_credentials', 'wrong email or password');
    }
    loginThrottle.succeeded(email, address);
    const token = generateToken('ess');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now().getTime() + sessionLifetimeMs);
    await createSession(store.db, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      expiresAt,
    });
    setCookie(c, sessionCookieName, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secureCookies,
      path: '/',
      expires: expiresAt,
    });
    const memberships = await listUserMemberships(store.db, user.id);
    return c.json(
      { user: { id: user.id, email: user.email, name: user.name }, csrfToken, memberships },
      200,
    );
  })
  .openapi(logout, async (c) => {
    const tokenHash = c.var.sessionTokenHash;
    if (tokenHash) {
      const { db } = c.var.deps.store;
      await deleteSession(db, tokenHash);
      await notifyChanges(db, [accessChangedNotice(c.var.user.id)]);
    }
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(session, async (c) => {
    const memberships = await listUserMemberships(c.var.deps.store.db, c.var.user.id);
    return c.json({ user: c.var.user, csrfToken: c.var.csrfToken ?? null, memberships }, 200);
  });
