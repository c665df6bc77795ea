import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssoCallbackUrl } from '../../src/api/auth/sso-cookie.ts';
import { SsoProvider } from '../../src/app/auth/sso-provider.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { startOidcProvider } from '../helpers/oidc-provider.ts';
import { seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// Issue 17, point 6: single sign-on with OpenID Connect (authorization code + PKCE), against a
// real provider (oidc-provider) on 127.0.0.1, driven over HTTP the way a browser is.

const publicUrl = 'https://earshot.example.test';
const redirectUri = ssoCallbackUrl(publicUrl);
let api: TestApi;
let idp: Awaited<ReturnType<typeof startOidcProvider>>;
let sso: SsoProvider;
let acme: SeededWorkspace;

beforeAll(async () => {
  api = await createTestApi();
  idp = await startOidcProvider({ redirectUri });
  sso = new SsoProvider({
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    redirectUri,
  });
  api.deps.sso = sso;
  acme = await seedWorkspace(api.db, 'Single');
});
afterAll(async () => {
  await idp?.close();
  await api?.close();
});

const cookieOf = (response: { headers: Headers }, name: string) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith(`${name}=`) && pair.length > name.length + 1);

/** An account at the provider; its id is what the login page is given. */
function providerAccount(email: string, emailVerified = true): string {
  const id = `acct-${randomUUID().slice(0, 8)}`;
  idp.accounts.set(id, { email, emailVerified, name: 'Pat Provider' });
  return id;
}

/** Starts at Earshot; returns the provider's URL and the browser's attempt cookie. */
async function startAttempt() {
  const started = await api.request('GET', '/api/v1/auth/sso/start');
  expect(started.status).toBe(302);
  return {
    location: started.headers.get('location')!,
    attemptCookie: cookieOf(started, 'earshot_sso')!,
  };
}

async function callback(back: URL, attemptCookie: string | undefined) {
  return api.request('GET', `${back.pathname}${back.search}`, {
    headers: attemptCookie ? { cookie: attemptCookie } : {},
  });
}

/** The whole way: Earshot → provider login and consent → back to Earshot's callback. */
async function signInWithSso(accountId: string) {
  const { location, attemptCookie } = await startAttempt();
  const back = await idp.signInAt(location, accountId);
  return callback(back, attemptCookie);
}

async function sessionFrom(response: { headers: Headers }): Promise<Caller> {
  const cookie = cookieOf(response, 'earshot_session');
  expect(cookie).toBeDefined();
  const session = await api.request('GET', '/api/v1/session', { as: { cookie: cookie! } });
  expect(session.status).toBe(200);
  return { cookie: cookie!, csrfToken: session.json.csrfToken as string };
}

describe('single sign-on', () => {
  it('tells the login page whether single sign-on is configured', async () => {
    expect((await api.request('GET', '/api/v1/auth/sso')).json).toEqual({ configured: true });
    api.deps.sso = undefined;
    expect((await api.request('GET', '/api/v1/auth/sso')).json).toEqual({ configured: false });
    const start = await api.request('GET', '/api/v1/auth/sso/start');
    expect(start.status).toBe(404);
    expect(start.json.error?.code).toBe('sso_not_configured');
    api.deps.sso = sso;
  });

  it('signs a member in through the provider with code + PKCE, ending with a working session', async () => {
    const { location, attemptCookie } = await startAttempt();
    const authorization = new URL(location);
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toBeTruthy();
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('redirect_uri')).toBe(redirectUri);
    // The verifier and nonce stay out of the browser's sight: the cookie is sealed.
    expect(attemptCookie).not.toContain(authorization.searchParams.get('state')!);

    const back = await idp.signInAt(location, providerAccount(acme.users.agent.email));
    expect(back.searchParams.get('code')).toBeTruthy();
    const signedIn = await callback(back, attemptCookie);
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get('location')).toBe('/');
    const caller = await sessionFrom(signedIn);

    const session = await api.request('GET', '/api/v1/session', { as: caller });
    expect(session.json).toMatchObject({
      user: { id: acme.users.agent.id, email: acme.users.agent.email },
      memberships: [expect.objectContaining({ workspaceId: acme.workspaceId, role: 'agent' })],
    });
    const inbox = await api.request('GET', `/api/v1/workspaces/${acme.workspaceId}/conversations`, {
      as: caller,
    });
    expect(inbox.status).toBe(200);
    const stored = await api.db
      .selectFrom('sessions')
      .select('signed_in_with')
      .where('user_id', '=', acme.users.agent.id)
      .execute();
    expect(stored.map((row) => row.signed_in_with)).toContain('sso');

    // The attempt is single-use: the same answer a second time is refused.
    const again = await callback(back, attemptCookie);
    expect(again.status).toBe(401);
    expect(cookieOf(again, 'earshot_session')).toBeUndefined();
  });

  it('refuses an answer whose state is not the one this browser started with', async () => {
    const mine = await startAttempt();
    const theirs = await startAttempt();
    const back = await idp.signInAt(theirs.location, providerAccount(acme.users.admin.email));
    const refused = await callback(back, mine.attemptCookie);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('text/html');
    expect(refused.text).toContain('Sign-in failed');
    expect(refused.text).toMatch(/state/i);
    expect(cookieOf(refused, 'earshot_session')).toBeUndefined();

    const withoutCookie = await callback(back, undefined);
    expect(withoutCookie.status).toBe(401);
    expect(withoutCookie.text).toContain('not started in this browser');
    expect(cookieOf(withoutCookie, 'earshot_session')).toBeUndefined();
  });

  it('refuses an email the provider has not verified', async () => {
    const refused = await signInWithSso(providerAccount(acme.users.viewer.email, false));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('has not verified');
    expect(cookieOf(refused, 'earshot_session')).toBeUndefined();
  });

  it('refuses an email with no account, and shows the reason as text', async () => {
    const stranger = `<b>stranger</b>-${randomUUID().slice(0, 6)}@example.test`;
    const refused = await signInWithSso(providerAccount(stranger));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('has no Earshot account');
    expect(refused.text).not.toContain('<b>stranger</b>');
    expect(refused.text).toContain('&#60;b&#62;stranger');
    expect(cookieOf(refused, 'earshot_session')).toBeUndefined();
    expect(
      await api.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', stranger.toLowerCase())
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('accepts a pending invitation for the verified email, creating the account', async () => {
    const admin = await api.login(acme.users.admin);
    const invitee = `invitee-${randomUUID().slice(0, 6)}@example.test`;
    const invited = await api.request('POST', `/api/v1/workspaces/${acme.workspaceId}/members`, {
      as: admin,
      body: { email: invitee, name: 'Ivy', role: 'agent' },
    });
    expect(invited.status).toBe(202);

    const signedIn = await signInWithSso(providerAccount(invitee));
    expect(signedIn.status).toBe(302);
    const caller = await sessionFrom(signedIn);
    const session = await api.request('GET', '/api/v1/session', { as: caller });
    expect(session.json).toMatchObject({
      user: { email: invitee },
      memberships: [expect.objectContaining({ workspaceId: acme.workspaceId, role: 'agent' })],
    });
    const pending = await api.request('GET', `/api/v1/workspaces/${acme.workspaceId}/invitations`, {
      as: admin,
    });
    expect(JSON.stringify(pending.json)).not.toContain(invitee);
  });

  it('refuses a deactivated user', async () => {
    const team = await seedWorkspace(api.db, 'Gone');
    await api.db
      .updateTable('users')
      .set({ deactivated_at: new Date() })
      .where('id', '=', team.users.agent.id)
      .execute();
    const refused = await signInWithSso(providerAccount(team.users.agent.email));
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('deactivated');
    expect(cookieOf(refused, 'earshot_session')).toBeUndefined();
  });
});

describe('SSO only', () => {
  it('is set by the owner alone, and only while single sign-on is configured', async () => {
    const team = await seedWorkspace(api.db, 'Rules');
    const ws = `/api/v1/workspaces/${team.workspaceId}`;
    const owner = await api.login(team.users.owner);
    const admin = await api.login(team.users.admin);

    const read = await api.request('GET', `${ws}/sso`, { as: admin });
    expect(read.json).toEqual({ configured: true, ssoOnly: false });
    const byAdmin = await api.request('PUT', `${ws}/sso`, { as: admin, body: { ssoOnly: true } });
    expect(byAdmin.status).toBe(403);

    api.deps.sso = undefined;
    const unconfigured = await api.request('PUT', `${ws}/sso`, {
      as: owner,
      body: { ssoOnly: true },
    });
    expect(unconfigured.status).toBe(409);
    expect(unconfigured.json.error?.code).toBe('sso_not_configured');
    api.deps.sso = sso;
  });

  it("blocks password sign-in for the workspace's members; SSO sessions and API tokens still work", async () => {
    const team = await seedWorkspace(api.db, 'Locked');
    const ws = `/api/v1/workspaces/${team.workspaceId}`;
    const owner = await api.login(team.users.owner);
    const agentBefore = await api.login(team.users.agent);
    const token = await api.request('POST', '/api/v1/tokens', {
      as: agentBefore,
      body: { name: 'script', scope: 'agent' },
    });
    expect(token.status).toBe(201);

    const set = await api.request('PUT', `${ws}/sso`, { as: owner, body: { ssoOnly: true } });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({ configured: true, ssoOnly: true });

    // A new password sign-in is refused, with the reason.
    const login = await api.request('POST', '/api/v1/auth/login', {
      body: { email: team.users.agent.email, password: team.users.agent.password },
    });
    expect(login.status).toBe(403);
    expect(login.json.error?.code).toBe('sso_required');
    expect(cookieOf(login, 'earshot_session')).toBeUndefined();
    // A wrong password still says only that.
    const wrong = await api.request('POST', '/api/v1/auth/login', {
      body: { email: team.users.agent.email, password: 'not-the-password-at-all' },
    });
    expect(wrong.json.error?.code).toBe('invalid_credentials');

    // A password session opened before cannot reach the workspace any more.
    const before = await api.request('GET', `${ws}/conversations`, { as: agentBefore });
    expect(before.status).toBe(403);
    expect(before.json.error?.code).toBe('sso_required');

    // An API token is unaffected.
    const byToken = await api.request('GET', `${ws}/conversations`, {
      as: { bearer: token.json.token as string },
    });
    expect(byToken.status).toBe(200);

    // Through the provider, the member gets in.
    const signedIn = await signInWithSso(providerAccount(team.users.agent.email));
    expect(signedIn.status).toBe(302);
    const agent = await sessionFrom(signedIn);
    expect((await api.request('GET', `${ws}/conversations`, { as: agent })).status).toBe(200);

    // Members of other workspaces keep their passwords.
    expect(
      (
        await api.request('POST', '/api/v1/auth/login', {
          body: { email: acme.users.viewer.email, password: acme.users.viewer.password },
        })
      ).status,
    ).toBe(200);

    // With no provider configured, the rule lapses: nobody is locked out by a removed provider.
    api.deps.sso = undefined;
    expect((await api.request('GET', `${ws}/conversations`, { as: agentBefore })).status).toBe(200);
    api.deps.sso = sso;
  });
});
