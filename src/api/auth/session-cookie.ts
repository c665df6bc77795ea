import { setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { SignInMethod } from '../../store/schema.ts';
import { startSession } from '../../app/auth/log-in.ts';
import { requestOrigin } from '../client-address.ts';
import type { AppEnv } from '../context.ts';
import { sessionCookieName } from '../middleware/authenticate.ts';
import { accountSettings } from './account-settings.ts';

/**
 * Opens a session for a user (login, accepted invitation, reset password, single sign-on) and sets
 * its cookie.
 */
export async function signIn(
  c: Context<AppEnv>,
  user: { id: string; email: string; name: string },
  signedInWith: SignInMethod = 'password',
) {
  const { store, now, secureCookies } = c.var.deps;
  const started = await startSession(store.db, user, now(), {
    lifetimeMs: accountSettings(c.var.deps).sessionLifetimeMs,
    userAgent: c.req.header('user-agent'),
    origin: requestOrigin(c, null),
    signedInWith,
  });
  setCookie(c, sessionCookieName, started.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies,
    path: '/',
    expires: started.expiresAt,
  });
  return started.session;
}
