import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { z } from 'zod';
import type { SsoChecks } from '../../app/auth/sso-provider.ts';
import { decryptSecret, encryptSecret } from '../../security/secrets.ts';
import type { AppEnv } from '../context.ts';

export const ssoCallbackPath = '/api/v1/auth/sso/callback';
const cookieName = 'earshot_sso';
const cookiePath = '/api/v1/auth/sso';
const cookieContext = 'sso-sign-in';
/** Long enough to sign in at the provider, short enough that a stolen cookie is soon useless. */
const attemptLifetimeMs = 10 * 60 * 1000;

const Stored = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  expiresAt: z.number(),
});

/** Where the provider sends browsers back, under Earshot's public URL. */
export function ssoCallbackUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${ssoCallbackPath}`;
}

/**
 * Keeps an attempt's state, nonce and PKCE verifier in the browser that started it, encrypted and
 * authenticated with the instance's secret key: only that browser can finish the attempt, and it
 * can neither read nor change what it carries. Nothing is stored on the server, so any Earshot
 * process can finish an attempt another one started.
 */
export function rememberSsoAttempt(c: Context<AppEnv>, checks: SsoChecks): void {
  const { now, secureCookies, channels } = c.var.deps;
  const expiresAt = now().getTime() + attemptLifetimeMs;
  const value = encryptSecret(
    channels.secretKey,
    JSON.stringify({ ...checks, expiresAt }),
    cookieContext,
  );
  setCookie(c, cookieName, value, {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level navigation from another site.
    sameSite: 'Lax',
    secure: secureCookies,
    path: cookiePath,
    maxAge: attemptLifetimeMs / 1000,
  });
}

/** The attempt this browser started, once (the cookie is cleared), unless missing or expired. */
export function takeSsoAttempt(c: Context<AppEnv>): SsoChecks | undefined {
  const value = getCookie(c, cookieName);
  deleteCookie(c, cookieName, { path: cookiePath });
  if (!value) return undefined;
  try {
    const parsed = Stored.parse(
      JSON.parse(decryptSecret(c.var.deps.channels.secretKey, value, cookieContext)),
    );
    if (parsed.expiresAt <= c.var.deps.now().getTime()) return undefined;
    return { state: parsed.state, nonce: parsed.nonce, codeVerifier: parsed.codeVerifier };
  } catch {
    return undefined;
  }
}
