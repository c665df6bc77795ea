import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { TestApi } from '../helpers/api.ts';
import { seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let clock = new Date('2026-11-23T12:00:00Z');

beforeAll(async () => {
  api = await createTestApi({ now: () => clock });
  acme = await seedWorkspace(api.db);
});
afterAll(async () => api?.close());

describe('logging in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the memberships and a CSRF token', async () => {
    const response = await api.request('POST', '/api/v1/auth/login', {
      body: { email: acme.users.agent.email, password: acme.users.agent.password },
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^earshot_session=ess_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(response.json.csrfToken).toEqual(expect.any(String));
    expect(response.json.memberships).toEqual([
      {
        workspaceId: acme.workspaceId,
        workspaceName: expect.any(String),
        role: 'agent',
        requireTwoFactor: false,
      },
    ]);
    expect(response.json.twoFactorEnabled).toBe(false);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const wrong = await api.request('POST', '/api/v1/auth/login', {
      body: { email: acme.users.agent.email, password: 'not-the-password' },
    });
    const unknown = await api.request('POST', '/api/v1/auth/login', {
      body: { email: 'nobody@example.test', password: 'whatever' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error?.code).toBe('invalid_credentials');
    expect(unknown.json).toEqual(wrong.json);
  });

  it('limits login attempts per address and email', async () => {
    const email = acme.users.viewer.email;
    const statuses = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await api.request('POST', '/api/v1/auth/login', { body: { email, password: 'guess' } }))
          .status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await api.request('POST', '/api/v1/auth/login', {
      body: { email, password: acme.users.viewer.password },
    });
    expect(limited.status).toBe(429);
    expect(limited.json.error?.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('behind a trusted proxy, a guesser at one address does not lock the owner out at another', async () => {
    const proxied = await createTestApi({ now: () => clock, trustProxy: true });
    try {
      const team = await seedWorkspace(proxied.db);
      const { email, password } = team.users.agent;
      const from = (address: string, guess: string) =>
        proxied.request('POST', '/api/v1/auth/login', {
          body: { email, password: guess },
          headers: { 'x-forwarded-for': address },
        });
      for (let i = 0; i < 10; i++) expect((await from('203.0.113.9', 'guess')).status).toBe(401);
      expect((await from('203.0.113.9', password)).status).toBe(429);
      expect((await from('198.51.100.4', password)).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('rejects unknown fields, wrong types and malformed JSON with clear codes', async () => {
    const extra = await api.request('POST', '/api/v1/auth/login', {
      body: { email: 'a@b.c', password: 'x', admin: true },
    });
    expect(extra.status).toBe(400);
    expect(extra.json.error?.code).toBe('validation_failed');
    const wrongType = await api.request('POST', '/api/v1/auth/login', {
      body: { email: 42, password: 'x' },
    });
    expect(wrongType.json.error?.code).toBe('validation_failed');
    const malformed = await api.request('POST', '/api/v1/auth/login', { rawBody: '{"email":' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error?.code).toBe('malformed_json');
  });

  it('refuses bodies over the limit with 413', async () => {
    const huge = await api.request('POST', '/api/v1/auth/login', {
      rawBody: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error?.code).toBe('payload_too_large');
  });
});

describe('sessions', () => {
  it('knows who is logged in, and forgets them after logout', async () => {
    const caller = await api.login(acme.users.admin);
    const session = await api.request('GET', '/api/v1/session', { as: caller });
    expect(session.status).toBe(200);
    expect((session.json.user as { email: string }).email).toBe(acme.users.admin.email);
    expect((await api.request('POST', '/api/v1/auth/logout', { as: caller })).status).toBe(204);
    const after = await api.request('GET', '/api/v1/session', { as: caller });
    expect(after.status).toBe(401);
    expect(after.json.error?.code).toBe('unauthenticated');
  });

  it('requires the CSRF token for writes with a cookie session', async () => {
    const caller = await api.login(acme.users.owner);
    const withoutToken = await api.request('POST', '/api/v1/workspaces', {
      as: { cookie: caller.cookie! },
      body: { name: 'Nope' },
    });
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.json.error?.code).toBe('csrf_failed');
    const wrongToken = await api.request('POST', '/api/v1/workspaces', {
      as: { cookie: caller.cookie!, csrfToken: 'forged' },
      body: { name: 'Nope' },
    });
    expect(wrongToken.status).toBe(403);
    const withToken = await api.request('POST', '/api/v1/workspaces', {
      as: caller,
      body: { name: 'Agency client' },
    });
    expect(withToken.status).toBe(201);
    expect(withToken.json.role).toBe('owner');
  });

  it('expires sessions', async () => {
    const caller = await api.login(acme.users.agent);
    const saved = clock;
    clock = new Date(clock.getTime() + 15 * 24 * 60 * 60 * 1000);
    try {
      const expired = await api.request('GET', '/api/v1/session', { as: caller });
      expect(expired.status).toBe(401);
      expect(expired.json.error?.message).toMatch(/expired/);
    } finally {
      clock = saved;
    }
  });
});

describe('personal API tokens', () => {
  it('works as a bearer token without CSRF, is never listed with its secret, and stops when revoked', async () => {
    const caller = await api.login(acme.users.agent);
    const created = await api.request('POST', '/api/v1/tokens', {
      as: caller,
      body: { name: 'reporting script' },
    });
    expect(created.status).toBe(201);
    const token = created.json.token as string;
    expect(token).toMatch(/^esk_/);
    const listed = await api.request('GET', '/api/v1/tokens', { as: { bearer: token } });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.json)).not.toContain(token);
    const write = await api.request('POST', `/api/v1/workspaces/${acme.workspaceId}/teams`, {
      as: { bearer: token },
      body: { name: 'Script team' },
    });
    expect(write.status).toBe(403); // an agent, not an admin: the role is the user's, whatever the method
    expect(write.json.error?.code).toBe('forbidden');
    expect(
      (await api.request('DELETE', `/api/v1/tokens/${created.json.id as string}`, { as: caller }))
        .status,
    ).toBe(204);
    const revoked = await api.request('GET', '/api/v1/session', { as: { bearer: token } });
    expect(revoked.status).toBe(401);
  });

  it('rejects a malformed Authorization header', async () => {
    const response = await api.request('GET', '/api/v1/session', {
      headers: { authorization: 'Basic abc' },
    });
    expect(response.status).toBe(401);
    expect(response.json.error?.code).toBe('unauthenticated');
  });
});
